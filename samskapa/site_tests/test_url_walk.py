"""Every URL of the site answers without a server error, whatever it is sent.

The walk takes every URL pattern from the URL conf (the pages under the language prefix, the
API, the admin, the health check), fills its path parameters with real objects of the demo
content (``demo_objects.py``) and with hostile values, and requests it as three people:
anonymous, a resident with no memberships, and a project leader who may change most of what
the URLs point at. Each pattern gets, from the project leader (anonymous and the resident, who
reach no view the leader does not, get the same requests with one hostile value instead of
all of them, ``LIGHT_HOSTILE_VALUES``):

- GET with real path values and real context parameters (``project=naringen``, ...), which
  also tells which query parameters the view reads (the keys it asks ``request.GET`` for);
- GET with hostile query strings: every parameter the view reads, plus the usual ones (``q``,
  ``page``, ``project``, ...), set to each value of ``HOSTILE_VALUES`` in turn; then the real
  context parameters with one of them hostile at a time, since a view often reads the second
  parameter only once the first one has found something (``?project=naringen&campaign=abc``);
- OPTIONS (for the API and the project leader);
- logged in: POST with an empty body, then with every field the view reads set to hostile
  values (the test client checks no CSRF tokens); to the API also JSON bodies that are nested
  5,000 deep or cut short;

and once, as the project leader: HEAD, GET as an htmx request, GET in English, and GET with
each path parameter replaced by hostile values. The admin, which answers anyone who is not
staff with its login page, gets the plain requests and one hostile query string.

Every request runs in a savepoint that is rolled back, so a POST that deletes or moves
something does not change what the next request sees. The test fails with the list of every
request that answered 5xx (or broke off a streamed answer), with the exception behind it.
"""

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import HttpResponseBase, QueryDict
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

from samskapa.accounts.models import User
from samskapa.core.models import Notification
from samskapa.projects.models import Project
from samskapa.site_tests.demo_objects import PROJECT_LEADER, RESIDENT, Demo, real_path_values
from samskapa.site_tests.server_errors import describe

pytestmark = pytest.mark.django_db

LONG = "x" * 10_240
# What a careless or hostile client puts in a query string or a form field.
HOSTILE_VALUES: dict[str, str] = {
    "NUL": "\x00",
    "text for a number": "abc",  # also an unknown choice and a malformed date
    "huge number": "99999999999999999999",
    "negative": "-1",
    "empty": "",
    "10 kB": LONG,
}
# Fewer values one context parameter at a time and in form bodies, to keep the walk short.
CONTEXT_HOSTILE_VALUES = ["NUL", "text for a number", "huge number"]
BODY_HOSTILE_VALUES = ["NUL", "text for a number", "10 kB"]
BODY_WITH_CONTEXT_HOSTILE_VALUES = ["NUL", "text for a number"]
# The people walked with one hostile value of each kind of request, to keep the walk short: a
# value that breaks parsing breaks it for everyone, and the project leader, who reaches every
# view the others reach and more, gets all of them.
LIGHT_IDENTITIES = {"anonymous", "resident"}
LIGHT_HOSTILE_VALUES = ["text for a number"]

# Sent to the API as the body of a POST, besides the form bodies.
HOSTILE_JSON_BODIES = {
    "nested 5,000 deep": "[" * 5_000 + "]" * 5_000,
    "cut short": '{"title": "Trygga str',
}

# Sent to every page besides the parameters it is seen to read: names that lists, filters and
# pagination use across the site, so a page that reads them only in some state is still tried.
COMMON_PARAMETERS = [
    "q",
    "page",
    "page_size",
    "ordering",
    "sort",
    "project",
    "campaign",
    "challenge",
    "programme",
    "organisation",
    "municipality",
    "status",
    "stage",
    "visibility",
    "next",
]

# Hostile values for path parameters, by converter. Strings that cannot match the converter's
# pattern are left out: the resolver answers 404 for them before any view runs.
HOSTILE_PATH_VALUES: dict[str, list[str]] = {
    "int": ["99999999999999999999"],
    "slug": [LONG],
    "str": ["%00", LONG],
    "path": ["%00", LONG],
}

# The OpenAPI description takes a second to generate and is the same for everyone (the API
# fuzzing reads it too): it is walked as anonymous, with every parameter hostile at once only.
EXPENSIVE = {"api/schema/"}
# The admin answers every page with its login page to anyone who is not staff (none of the
# three people is); only its own login page is walked in full.
ADMIN_OWN_PAGES = {"login"}

_PARAMETER = re.compile(
    r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)|\([^)]*\)"
)


# --- The URL patterns ------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern, as a template: ``projekt/<slug:slug>/finansiering/<int:pk>/ta-bort/``."""

    template: str  # without the language prefix
    localised: bool  # under i18n_patterns (``/sv/``, ``/en/``)
    name: str

    @property
    def parameters(self) -> list[tuple[str, str]]:
        """(name, converter) of each path parameter, in order; groups of regexes count as str."""
        found = []
        for index, match in enumerate(_PARAMETER.finditer(self.template)):
            if match["name"]:
                found.append((match["name"], match["converter"] or "str"))
            else:
                found.append((match["group"] or f"_{index}", "str"))
        return found

    def path(self, values: dict[str, str], language: str = "sv") -> str:
        names = iter(name for name, _ in self.parameters)

        def fill(match: re.Match[str]) -> str:
            return values[next(names)]

        path = _PARAMETER.sub(fill, self.template).replace("^", "").replace("$", "")
        return f"/{language}/{path}" if self.localised else f"/{path}"


def _template_of(pattern: Any) -> str:
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    if isinstance(pattern, RegexPattern):
        return str(pattern._regex)
    raise TypeError(f"Unknown kind of URL pattern: {pattern!r}")


def _walk(patterns: list[Any], prefix: str = "", localised: bool = False) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if isinstance(entry.pattern, LocalePrefixPattern):
                yield from _walk(entry.url_patterns, prefix, localised=True)
            else:
                yield from _walk(
                    entry.url_patterns, prefix + _template_of(entry.pattern), localised
                )
        elif isinstance(entry, URLPattern):
            name = entry.name or getattr(entry.callback, "__name__", "")
            yield Route(prefix + _template_of(entry.pattern), localised, name)


def site_routes() -> list[Route]:
    """Every URL pattern of the site, from the URL conf."""
    return list(_walk(get_resolver().url_patterns))


def _admin_values(route: Route, demo: Demo) -> dict[str, str] | None:
    """Path values of the admin's URLs: the first object of the model each one is about."""
    models = {
        f"admin/{model._meta.app_label}/{model._meta.model_name}/": model
        for model in admin.site._registry
    }
    for prefix, model in models.items():
        if route.template.startswith(prefix):
            first = model.objects.order_by("pk").first()
            pk = str(first.pk) if first is not None else "1"
            values = {"object_id": pk, "id": pk, "_0": pk}
            if "history/([^/]+)" in route.template:
                record = first.history.order_by("pk").first() if first is not None else None
                values["_1"] = str(record.pk) if record is not None else "1"
            return values
    if route.template.startswith("admin/r/"):
        return {
            "content_type_id": str(ContentType.objects.get_for_model(Project).pk),
            "object_id": str(demo.project.pk),
        }
    if route.template.startswith("admin/^(?P<app_label>"):
        return {"app_label": "projects"}
    if route.template.startswith("admin/(?P<url>"):
        return {"url": "finns-inte/"}
    return None


# --- Requests --------------------------------------------------------------------------------


@dataclass
class ServerError:
    identity: str
    method: str
    url: str
    given: str
    error: str


@dataclass
class Walk:
    """The requests of one walk and what went wrong in them."""

    clients: dict[str, Client]
    users: dict[str, User | None]
    errors: list[ServerError] = field(default_factory=list)
    requests: int = 0
    read_keys: set[str] = field(default_factory=set)
    recording: bool = False

    def send(
        self,
        identity: str,
        method: str,
        path: str,
        *,
        given: str,
        query: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        json: str | None = None,
        headers: dict[str, str] | None = None,
        record: bool = False,
    ) -> set[str]:
        """Send one request in a savepoint that is rolled back; return the keys the view read."""
        client = self.clients[identity]
        url = f"{path}?{urlencode(query)}" if query else path
        self.read_keys = set()
        self.recording = record
        self.requests += 1
        error = None
        with transaction.atomic():
            try:
                response = client.generic(
                    method,
                    url,
                    data=json if json is not None else urlencode(form or {}),
                    content_type="application/json"
                    if json is not None
                    else "application/x-www-form-urlencoded",
                    headers=headers,
                )
                error = _server_error(response)
            finally:
                self.recording = False
                transaction.set_rollback(True)
        if error:
            shown = url if len(url) <= 120 else f"{path}?<{len(query or {})} parameters>"
            self.errors.append(ServerError(identity, method, _shorten(shown), given, error))
        self._stay_logged_in(identity)
        return set(self.read_keys)

    def report(self) -> str:
        """One line per failing request, the people it failed for put together."""
        grouped: dict[tuple[str, str, str, str], list[str]] = {}
        for error in self.errors:
            key = (error.method, error.url, error.given, error.error)
            grouped.setdefault(key, []).append(error.identity)
        return "\n".join(
            f"{method} {url} ({given}) as {', '.join(identities)}: {error}"
            for (method, url, given, error), identities in grouped.items()
        )

    def _stay_logged_in(self, identity: str) -> None:
        """Log in again after a request that logged out (the logout page, deleting the account)."""
        user = self.users[identity]
        cookie = self.clients[identity].cookies.get(settings.SESSION_COOKIE_NAME)
        if user is not None and (cookie is None or not cookie.value):
            self.clients[identity].force_login(user)


def _server_error(response: HttpResponseBase) -> str | None:
    """The exception behind a 5xx answer, or the error a streamed answer broke off with."""
    if response.streaming:
        try:
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
        except Exception as exc:
            return "while streaming: " + _shorten(describe(exc))
    if response.status_code < 500:
        return None
    exc_info = getattr(response, "exc_info", None)
    if exc_info:
        return _shorten(describe(exc_info[1]))
    return f"{response.status_code} without an exception"


def _resolves(path: str) -> bool:
    # In Swedish: the LocaleMiddleware leaves the language of the last request active.
    with translation.override("sv"):
        try:
            resolve(path)
        except Resolver404:
            return False
    return True


def _shorten(text: str) -> str:
    return text.replace(LONG, "<10 kB>").replace(urlencode({"": LONG})[1:], "<10 kB>")


@contextmanager
def _watching_read_keys(walk: Walk) -> Iterator[None]:
    """Note every key a view asks a QueryDict (``request.GET``, ``request.POST``) for.

    Only ``get``, ``getlist`` and ``in``: ``items()`` and copies read every key present through
    ``[]``, and building a QueryDict asks ``in`` for each of its own keys, which is not noted.
    """
    originals = {name: getattr(QueryDict, name) for name in ("get", "getlist", "__contains__")}
    original_init = QueryDict.__init__

    def watched(name: str) -> Callable[..., Any]:
        original = originals[name]

        def method(self: QueryDict, key: Any, *args: Any, **kwargs: Any) -> Any:
            if walk.recording and not getattr(self, "_building", False) and isinstance(key, str):
                walk.read_keys.add(key)
            return original(self, key, *args, **kwargs)

        return method

    def init(self: QueryDict, *args: Any, **kwargs: Any) -> None:
        self._building = True  # type: ignore[attr-defined]
        original_init(self, *args, **kwargs)
        self._building = False  # type: ignore[attr-defined]

    for name in originals:
        setattr(QueryDict, name, watched(name))
    QueryDict.__init__ = init  # type: ignore[method-assign]
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)
        QueryDict.__init__ = original_init  # type: ignore[method-assign]


# --- The walk --------------------------------------------------------------------------------


def _kinds_for(identity: str, kinds: list[str]) -> list[str]:
    """The hostile values ``identity`` is sent of ``kinds``: all, or the light ones only."""
    if identity in LIGHT_IDENTITIES:
        return [kind for kind in kinds if kind in LIGHT_HOSTILE_VALUES]
    return kinds


def _walk_route(walk: Walk, route: Route, values: dict[str, str], demo: Demo) -> None:
    path = route.path(values)
    context = demo.context
    is_api = route.template.startswith("api/")
    is_admin = route.template.startswith("admin/") and route.name not in ADMIN_OWN_PAGES
    identities = ["anonymous"] if route.template in EXPENSIVE else list(walk.clients)

    for identity in identities:
        # The probe carries real context values, so that a view that reads its second
        # parameter only once the first has found something shows that it reads it.
        probe = {"_": "1", **context}
        read = walk.send(identity, "GET", path, given="real values", query=probe, record=True)
        read -= {"_"}
        if is_api or identity == "project leader":
            # DRF's OPTIONS describes the actions the caller may take: it differs per person.
            walk.send(identity, "OPTIONS", path, given="real values")

        if is_admin:
            kinds = ["NUL"]  # the admin answers every non-staff person with its login page
        elif read or route.template in EXPENSIVE:
            kinds = list(HOSTILE_VALUES)
        else:
            kinds = ["NUL", "10 kB"]  # nothing is read: only the middleware sees the values
        names = sorted(read | set(COMMON_PARAMETERS))
        # Expensive patterns are walked as anonymous only, so with every value.
        light = route.template not in EXPENSIVE
        for kind in (_kinds_for(identity, kinds) if light else kinds) or kinds[:1]:
            query = dict.fromkeys(names, HOSTILE_VALUES[kind])
            walk.send(identity, "GET", path, given=f"every parameter {kind}", query=query)
        read_context = [] if route.template in EXPENSIVE else sorted(read & context.keys())
        for hostile_name in read_context:
            for kind in _kinds_for(identity, CONTEXT_HOSTILE_VALUES):
                query = {name: context[name] for name in read_context}
                query[hostile_name] = HOSTILE_VALUES[kind]
                walk.send(identity, "GET", path, given=f"{hostile_name} {kind}", query=query)

        if walk.users[identity] is None or route.template in EXPENSIVE:
            continue
        walk.send(identity, "POST", path, given="empty body", form={})
        if is_admin:
            continue
        fields = walk.send(identity, "POST", path, given="probe", form=probe, record=True)
        fields -= {"_"}
        for kind in _kinds_for(identity, BODY_HOSTILE_VALUES) if fields else []:
            form = dict.fromkeys(fields, HOSTILE_VALUES[kind])
            walk.send(identity, "POST", path, given=f"every field {kind}", form=form)
        for kind in (
            _kinds_for(identity, BODY_WITH_CONTEXT_HOSTILE_VALUES)
            if fields & context.keys()
            else []
        ):
            form = dict.fromkeys(fields, HOSTILE_VALUES[kind])
            form.update({name: context[name] for name in fields & context.keys()})
            walk.send(identity, "POST", path, given=f"context real, other fields {kind}", form=form)
        if is_api and identity == "project leader":
            for kind, body in HOSTILE_JSON_BODIES.items():
                walk.send(identity, "POST", path, given=f"JSON body {kind}", json=body)

    # Once per route, as the person who may see the most.
    leader = "project leader" if route.template not in EXPENSIVE else "anonymous"
    walk.send(leader, "HEAD", path, given="real values")
    if route.localised and not is_admin:
        walk.send(leader, "GET", path, given="htmx", headers={"HX-Request": "true"})
        walk.send(leader, "GET", route.path(values, "en"), given="English")
    for index, (name, converter) in enumerate(route.parameters):
        if is_admin and index > 0:
            break
        for hostile in HOSTILE_PATH_VALUES.get(converter, []):
            hostile_path = route.path({**values, name: hostile})
            walk.send(leader, "GET", hostile_path, given=f"path {name} {_shorten(hostile)}")


@pytest.fixture
def walk(demo_content: None) -> Walk:
    users: dict[str, User | None] = {
        "anonymous": None,
        "resident": User.objects.get(email=RESIDENT),
        "project leader": User.objects.get(email=PROJECT_LEADER),
    }
    clients = {}
    for identity, user in users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[identity] = client
    return Walk(clients=clients, users=users)


def test_no_url_answers_a_server_error(walk: Walk, caplog: pytest.LogCaptureFixture) -> None:
    demo = Demo.load()
    Notification.objects.create(recipient=demo.leader, title="Hej", url="/sv/")
    real_values = real_path_values(demo)
    routes = site_routes()
    unfilled = []
    stale = set(real_values) - {route.template for route in routes}
    assert not stale, f"real_path_values has entries for URLs that no longer exist: {stale}"
    with translation.override("sv"), _watching_read_keys(walk):
        # The walk reports the exceptions itself; Django's error log would repeat each one.
        caplog.set_level("CRITICAL", logger="django.request")
        caplog.set_level("WARNING", logger="samskapa.request")  # thousands of lines otherwise
        for route in routes:
            if route.parameters and route.template in real_values:
                values = real_values[route.template]()
            elif route.parameters:
                values = _admin_values(route, demo)  # type: ignore[assignment]
                if values is None:
                    unfilled.append(route.template)
                    continue
            else:
                values = {}
            if route.parameters and not _resolves(route.path(values)):
                unfilled.append(f"{route.template} (filled: {route.path(values)})")
                continue
            _walk_route(walk, route, values, demo)

    assert not unfilled, (
        "The walk has no real values for the path parameters of these URL patterns, or values "
        "that do not match them; see real_path_values in demo_objects.py:\n" + "\n".join(unfilled)
    )
    print(
        f"\nURL walk: {len(routes)} patterns x {len(walk.clients)} people x "
        f"{len(HOSTILE_VALUES)} hostile values: {walk.requests} requests"
    )
    assert not walk.errors, (
        f"{len(walk.errors)} of {walk.requests} requests answered 5xx:\n" + walk.report()
    )
