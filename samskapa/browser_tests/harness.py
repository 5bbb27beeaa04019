"""Fixtures of the browser tests: one Chromium per session, a fresh context per test, data, axe.

Every browser test uses pytest-django's ``live_server`` (through the ``page`` fixture), which
makes it a transactional test: the database is emptied after each test. Loading the reference
data (and the demo content) with their loaders takes seconds, so they are loaded once per session
into a transaction that is rolled back, copied out table by table with PostgreSQL's COPY, and
copied back in by ``site_data`` / ``demo_data`` at the start of each test in a few milliseconds.

Write a test like this (docs/testing.md has more)::

    @pytest.mark.browser
    def test_something(page: Page, axe_check: AxeCheck) -> None:
        page.goto("/sv/projekt/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe_check(page)
"""

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection, transaction
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Response,
    expect,
    sync_playwright,
)

from samskapa.accounts.demo import DEMO_PASSWORD

# Playwright's sync API runs an asyncio event loop in the test's thread, and Django refuses ORM
# calls from a thread with a running loop. Nothing here is actually concurrent with the loop.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("SAMSKAPA_CHROMIUM", "/usr/bin/chromium"))
# The test machines have no internet: without these, Chromium waits for update and sync
# servers that never answer, and headless start-up can hang.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# The Content-Security-Policy forbids inline scripts, so axe-core is loaded as a file of the
# page's own origin: the browser asks for this path and the test answers with axe.min.js.
AXE_URL_PATH = "/__browser-test__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_FAILING_IMPACTS = frozenset({"serious", "critical"})
DEFAULT_TIMEOUT_MS = 10_000


class AxeCheck(Protocol):
    def __call__(self, page: Page, *, exclude: list[str] | None = None) -> None: ...


class LogIn(Protocol):
    def __call__(self, page: Page, email: str, password: str = DEMO_PASSWORD) -> None: ...


# --- Browser ---------------------------------------------------------------------------------


# Other test folders import these fixtures into their own conftest.py, which gives each folder
# its own copy of every session fixture. Playwright's sync API allows one instance per thread,
# and the snapshots need only be taken once, so the session fixtures share what they make here;
# the copy that made a thing (set up first, torn down last) is the one that closes it.
_shared: dict[str, Any] = {}


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if "playwright" in _shared:
        yield _shared["playwright"]
        return
    with sync_playwright() as playwright:
        _shared["playwright"] = playwright
        yield playwright
        del _shared["playwright"]


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """One headless Chromium (Debian's, never a downloaded one) shared by the whole session."""
    if "browser" in _shared:
        yield _shared["browser"]
        return
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: apt-get install chromium chromium-driver "
            "(or deselect the browser tests with -m 'not browser')."
        )
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    _shared["browser"] = browser
    yield browser
    del _shared["browser"]
    browser.close()


# Runs before the page's own scripts on every page of the context (Playwright's init scripts
# are not subject to the page's CSP) and reports each CSP violation as a console error that
# ``PageProblems`` recognises, with the directive, the blocked resource and where it happened.
# Chromium logs a console error of its own for each violation too; only ours is counted.
CSP_VIOLATION_PREFIX = "CSP violation:"
CSP_LISTENER = (
    """document.addEventListener("securitypolicyviolation", (event) => {
  console.error(
    """
    + json.dumps(CSP_VIOLATION_PREFIX)
    + """ +
    ` ${event.effectiveDirective} refused ${event.blockedURI || "(inline)"} ` +
    `at ${event.sourceFile || document.location.href}:${event.lineNumber} ` +
    `sample: ${JSON.stringify(event.sample)}`
  );
});
"""
)


@dataclass
class PageProblems:
    """What went wrong in the page behind the test's back: script errors, broken requests and
    anything the Content-Security-Policy refused."""

    errors: list[str] = field(default_factory=list)

    def on_page_error(self, error: Any) -> None:
        self.errors.append(f"JavaScript error: {error}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and message.text.startswith(CSP_VIOLATION_PREFIX):
            self.errors.append(f"{message.text} (on {message.page and message.page.url})")

    def on_response(self, response: Response) -> None:
        # A 4xx page can be the point of a test (403 for the wrong role); a missing stylesheet
        # or script, or any server error, never is.
        if response.status >= 500 or (
            response.status >= 400 and urlsplit(response.url).path.startswith(settings.STATIC_URL)
        ):
            self.errors.append(f"{response.status} for {response.request.method} {response.url}")

    def on_request_failed(self, request: Request) -> None:
        # Leaving a page aborts what it was still loading; that is not a fault.
        if request.failure and "ERR_ABORTED" in request.failure:
            return
        self.errors.append(f"request failed ({request.failure}): {request.method} {request.url}")


@pytest.fixture
def page_problems() -> PageProblems:
    """What the ``page`` fixture collected so far; a test of the harness itself may clear it."""
    return PageProblems()


@pytest.fixture
def page(
    request: pytest.FixtureRequest,
    browser: Browser,
    live_server: Any,
    page_problems: PageProblems,
) -> Iterator[Page]:
    """A new page in its own browser context (no cookies from other tests), in Swedish.

    Relative URLs go to the live server: ``page.goto("/sv/projekt/")``. The database holds the
    reference data (``site_data``), or the demo content too if the test asks for ``demo_data``.
    The test fails if the page throws a JavaScript error, a static file is missing, the server
    answers 5xx, or the Content-Security-Policy refuses something (an inline script, an inline
    event handler, a style attribute, a file from elsewhere).
    """
    request.getfixturevalue("demo_data" if "demo_data" in request.fixturenames else "site_data")
    context = browser.new_context(locale="sv-SE", base_url=live_server.url)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.add_init_script(CSP_LISTENER)
    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
    problems = page_problems
    page = context.new_page()
    page.on("pageerror", problems.on_page_error)
    page.on("console", problems.on_console)
    page.on("response", problems.on_response)
    page.on("requestfailed", problems.on_request_failed)
    yield page
    context.close()
    assert not problems.errors, "Problems in the browser:\n" + "\n".join(problems.errors)


# --- Accessibility ---------------------------------------------------------------------------


def check_accessibility(page: Page, *, exclude: list[str] | None = None) -> None:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page; fail on serious or critical findings.

    ``exclude`` takes CSS selectors of regions to leave out; give a reason in the test when you
    use it.
    """
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run npm ci.")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        pattern = f"**{AXE_URL_PATH}"
        page.route(
            pattern,
            lambda route: route.fulfill(path=AXE_JS, content_type="text/javascript"),
        )
        page.add_script_tag(url=AXE_URL_PATH)
        page.unroute(pattern)
    context: Any = {"exclude": [[selector] for selector in exclude]} if exclude else "document"
    result = page.evaluate(
        """async ([context, tags]) => {
            const scope = context === "document" ? document : context;
            return await axe.run(scope, {runOnly: {type: "tag", values: tags}});
        }""",
        [context, AXE_TAGS],
    )
    violations = [v for v in result["violations"] if v["impact"] in AXE_FAILING_IMPACTS]
    if violations:
        pytest.fail(_describe_violations(page.url, violations), pytrace=False)


def _describe_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [
        f"axe found {len(violations)} serious or critical accessibility violation(s) on {url}:"
    ]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            selector = " ".join(
                " >> ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            lines.append(f"    {selector}")
            lines.extend(
                f"      {line.strip()}" for line in node.get("failureSummary", "").splitlines()
            )
    return "\n".join(lines)


@pytest.fixture
def axe_check() -> AxeCheck:
    """``axe_check(page)`` fails the test on serious or critical WCAG 2.1 AA violations."""
    return check_accessibility


# --- Logging in ------------------------------------------------------------------------------


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login page, as a person would, and wait until it is done."""
    page.goto("/sv/konto/login/")
    page.get_by_role("textbox", name="E-postadress", exact=True).fill(email)
    page.get_by_role("textbox", name="Lösenord", exact=True).fill(password)
    page.get_by_role("button", name="Logga in").click()
    expect(page).not_to_have_url(re.compile(r"/konto/login/"))


@pytest.fixture
def login() -> LogIn:
    """``login(page, email, password)``; the password defaults to the demo accounts' one."""
    return log_in


# --- Data ------------------------------------------------------------------------------------


def _load_reference_data() -> None:
    from samskapa.core.reference import load_vocabularies
    from samskapa.geo.reference import load_regions_and_municipalities
    from samskapa.sdg.reference import load_goals_and_targets

    load_regions_and_municipalities()
    load_goals_and_targets()
    load_vocabularies()


def _load_demo_data() -> None:
    from samskapa.workspace.demo import load_demo_data

    _load_reference_data()
    load_demo_data()


Snapshot = dict[str, bytes]


def _table_names() -> list[str]:
    return [name for name in connection.introspection.table_names() if name != "django_migrations"]


def _take_snapshot(load: Callable[[], None]) -> Snapshot:
    """Run ``load`` in a transaction, copy every non-empty table out, then roll it all back.

    Nothing stays in the database, so the other tests of the run never see the demo content.
    """
    snapshot: Snapshot = {}
    with transaction.atomic():
        load()
        with connection.cursor() as cursor:
            for table in _table_names():
                name = connection.ops.quote_name(table)
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {name})")  # noqa: S608
                if cursor.fetchone()[0]:
                    with cursor.cursor.copy(f"COPY {name} TO STDOUT (FORMAT binary)") as copy:
                        snapshot[table] = b"".join(bytes(block) for block in copy)
        transaction.set_rollback(True)
    return snapshot


def _restore_snapshot(snapshot: Snapshot) -> None:
    """Empty every table and copy the snapshot back in.

    DELETE rather than TRUNCATE: on tables this small it is ten times faster. Django's foreign
    keys are DEFERRABLE INITIALLY DEFERRED, so neither the order of the tables nor rows that
    briefly point nowhere matter inside the transaction. Sequences are left alone: PostgreSQL
    never rolls them back, so they are already past every id in the snapshot.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    if get_user_model().objects.exists():
        # Before a browser test's data is set up the database holds no people: either nothing
        # ran yet, or the previous transactional test emptied it. Someone is a sign that a
        # fixture of this test made data first, which the restore would silently delete.
        pytest.fail(
            "The database already holds data this browser test made before its own data was "
            "set up. Put page / demo_data / site_data first among the test's parameters, "
            "before fixtures that create objects."
        )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in _table_names():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
        for table, data in snapshot.items():
            name = connection.ops.quote_name(table)
            with cursor.cursor.copy(f"COPY {name} FROM STDIN (FORMAT binary)") as copy:
                copy.write(data)
    # The flush after the previous test made new content types; their ids are cached.
    ContentType.objects.clear_cache()


def _shared_snapshot(name: str, load: Callable[[], None], django_db_blocker: Any) -> Snapshot:
    if name not in _shared:
        with django_db_blocker.unblock():
            _shared[name] = _take_snapshot(load)
    return cast(Snapshot, _shared[name])


@pytest.fixture(scope="session")
def _reference_snapshot(django_db_setup: None, django_db_blocker: Any) -> Snapshot:
    return _shared_snapshot("reference snapshot", _load_reference_data, django_db_blocker)


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup: None, django_db_blocker: Any) -> Snapshot:
    return _shared_snapshot("demo snapshot", _load_demo_data, django_db_blocker)


@pytest.fixture
def site_data(transactional_db: None, _reference_snapshot: Snapshot) -> None:
    """Regions, municipalities, SDGs and vocabularies; no organisations, projects or people."""
    _restore_snapshot(_reference_snapshot)


@pytest.fixture
def demo_data(transactional_db: None, _demo_snapshot: Snapshot) -> None:
    """The reference data plus the demo content of ``make run`` (workspace/demo.py).

    Demo people log in with DEMO_PASSWORD, e.g. projektledare.gavle@samskapa.example, project
    leader of Gävle kommun and of the project Näringen (/sv/projekt/naringen/).
    """
    _restore_snapshot(_demo_snapshot)
