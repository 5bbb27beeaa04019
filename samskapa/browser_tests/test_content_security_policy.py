"""Every page reachable by links runs under the Content-Security-Policy without a violation.

The ``page`` fixture fails a test on any violation the browser reports; here a crawler follows
the links of the demo site, one page per URL pattern, as the platform administrator (who is
shown the most: every project, every edit form, Django's admin) and as a visitor, and waits
for each page's scripts (charts, htmx) to settle.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from samskapa.browser_tests.harness import LogIn

pytestmark = pytest.mark.browser

MAX_PAGES = 120
# Not followed: downloads (CSV, Excel, calendars, documents, the JSON copy of a person's data;
# a download without such an ending is noticed when it starts), the API (its documentation
# has its own test), links that end the session, and Django's admin, whose links lead to a page
# per model; the crawl starts on a few of its pages instead (ADMIN_PAGES).
SKIPPED_PREFIXES = ("/api/", "/sv/admin/", "/sv/konto/logout/", "/i18n/", "/health/")
SKIPPED_SUFFIXES = (".csv", ".json", ".xlsx", ".ics", ".pdf", ".docx", ".svg", ".png")
ADMIN_PAGES = ["/sv/admin/", "/sv/admin/projects/project/", "/sv/admin/projects/project/add/"]


def _route(path: str) -> str | None:
    """The URL pattern a path belongs to: one page per pattern is enough."""
    try:
        with translation.override("sv"):
            match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _links(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    origin = urlsplit(page.url)
    paths = []
    for href in hrefs:
        url = urlsplit(href)
        if (url.scheme, url.netloc) != (origin.scheme, origin.netloc):
            continue
        if url.path.startswith(SKIPPED_PREFIXES) or url.path.endswith(SKIPPED_SUFFIXES):
            continue
        paths.append(url.path + (f"?{url.query}" if url.query else ""))
    return paths


@pytest.mark.parametrize("user", [None, "admin@samskapa.example"], ids=["visitor", "admin"])
def test_every_linked_page_runs_under_the_policy(
    page: Page, demo_data: None, login: LogIn, user: str | None
) -> None:
    if user:
        login(page, user)
    queue = ["/sv/", *(ADMIN_PAGES if user else [])]
    routes: dict[str, str] = {}
    files: set[str] = set()
    while queue and len(routes) < MAX_PAGES:
        path = queue.pop(0)
        route = _route(urlsplit(path).path)
        if route is None or route in routes or route in files:
            continue
        routes[route] = path
        try:
            page.goto(path)
        except PlaywrightError as error:
            if "Download is starting" not in str(error):
                raise
            del routes[route]  # a file, not a page: there is no policy to run under
            files.add(route)
            continue
        # goto waits for the load event: the page's own scripts and styles have run by then.
        # (Waiting for the network to stay idle as well cost half a second a page.)
        queue.extend(_links(page))

    # The crawl reached the site's pages, not only the start page (the figure is a floor).
    assert len(routes) >= (40 if user else 20), sorted(routes)
    assert {"portfolio:index", "needs:list", "ideas:idea_list"} <= set(routes)
    if user:
        assert {
            "admin:index",
            "admin:projects_project_changelist",
            "admin:projects_project_add",
        } <= set(routes)
