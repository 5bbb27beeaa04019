"""The API keeps to its OpenAPI description, whatever it is sent: schemathesis fuzzes it.

Every operation of ``/api/schema/`` is called with data generated from the description, valid
and invalid (wrong types, missing fields, values outside enums and limits), in the test
database with the demo content, as anonymous and with the token of a project leader. Each
answer must not be a server error, must have a status code the description documents, and its
body must match the schema documented for that code.

Path parameters are real ids and slugs of the demo content half of the time and generated the
other half, and body fields that choose a context (``project``, ``campaign``, ...) are now and
then real too, so that the calls get past the 404s and reach the code that writes.

The budget is small (``EXAMPLES`` per operation, a fixed seed so a run is repeatable); for a
longer hunt: ``SAMSKAPA_FUZZ_EXAMPLES=200 SAMSKAPA_FUZZ_SEED=$RANDOM pytest <this file>``.
"""

import os
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from samskapa.accounts.models import User
from samskapa.site_tests.demo_objects import PROJECT_LEADER, Demo, real_path_values
from samskapa.site_tests.server_errors import describe, request_exceptions

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SAMSKAPA_FUZZ_EXAMPLES", "10"))
SEED = int(os.environ.get("SAMSKAPA_FUZZ_SEED", "20261201"))

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json",
    WSGIHandler(),
    config=schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "suppress-health-check": ["all"],
            "generation": {
                "mode": "all",
                "max-examples": EXAMPLES,
                "deterministic": True,
                "no-shrink": True,  # a failure is reported as found, with a curl command
                "database": "none",
            },
            "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        }
    ),
)

# Real values of the demo content, filled in before the first test of the module.
REAL: dict[str, Any] = {"paths": {}, "context": {}}
calls = {"anonymous": 0, "project leader": 0}


@pytest.fixture(scope="module", autouse=True)
def _application_in_the_test_transaction(
    demo_content: None, django_db_blocker: Any
) -> Iterator[None]:
    """Real values for the hooks below; Django's WSGI application kept in the transaction.

    Django closes the database connection around each request it serves, which would end the
    test's transaction; its own test client turns that off in the same way.
    """
    with django_db_blocker.unblock():
        demo = Demo.load()
        REAL["paths"] = _real_values_by_openapi_path(demo)
        REAL["context"] = demo.context
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    print(f"\nAPI fuzzing: {len(schema)} operations, calls {calls}")


@schema.hook
def before_generate_path_parameters(hook: Any, strategy: st.SearchStrategy) -> Any:
    real = REAL["paths"].get(hook.operation.path)
    return strategy if real is None else st.one_of(st.just(real), strategy)


@schema.hook
def flatmap_body(hook: Any, body: Any) -> Any:
    context = REAL["context"]
    if not isinstance(body, dict) or not body.keys() & context.keys():
        return st.just(body)
    real = {name: _typed(context[name]) for name in body.keys() & context.keys()}
    return st.sampled_from([body, {**body, **real}])


def _typed(value: str) -> Any:
    return int(value) if value.isdecimal() else value


def _real_values_by_openapi_path(demo: Demo) -> dict[str, dict[str, Any]]:
    """Real path values keyed by the OpenAPI path (``/api/v1/needs/{id}/``)."""
    renamed = {"pk": "id"}  # drf-spectacular calls a ``pk`` of the URL ``id``

    def parameter(match: re.Match[str]) -> str:
        return "{" + renamed.get(match[1], match[1]) + "}"

    found = {}
    for template, values in real_path_values(demo).items():
        if template.startswith("api/"):
            path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", parameter, template)
            found[path] = {renamed.get(k, k): _typed(v) for k, v in values().items()}
    return found


@pytest.fixture
def leader_token(demo_content: None) -> str:
    user = User.objects.get(email=PROJECT_LEADER)
    return Token.objects.get_or_create(user=user)[0].key


def _call_and_check(case: Any, identity: str, headers: dict[str, str] | None = None) -> None:
    """Call in a savepoint that is rolled back, so no call sees what an earlier one wrote."""
    calls[identity] += 1
    with transaction.atomic(), request_exceptions() as exceptions:
        response = case.call(headers=headers)
        transaction.set_rollback(True)
    if exceptions:
        raise AssertionError(
            f"{response.status_code} for {case.method} {case.formatted_path} as {identity}: "
            f"{describe(exceptions[0], limit=1000)}\nReproduce with: {case.as_curl_command()}"
        )
    if response.status_code == 404 and not _resolves(case.formatted_path):
        # A generated value the URL conf cannot match (a slash in a slug, a word for an id):
        # Django's own 404 page answers before the API is reached.
        case.validate_response(response, checks=[schemathesis.checks.not_a_server_error])
        return
    case.validate_response(response, checks=CHECKS, headers=headers)


def _resolves(path: str) -> bool:
    try:
        resolve(unquote(path))
    except Resolver404:
        return False
    return True


# Each test runs in a transaction (pytest-django's ``db``) that all its examples share; every
# call is in its own savepoint inside it (above), which is what the health check warns about.
NO_HEALTH_CHECKS = settings(suppress_health_check=list(HealthCheck), deadline=None)


@schema.parametrize()
@NO_HEALTH_CHECKS
def test_api_as_anonymous(case: Any, db: None) -> None:
    _call_and_check(case, "anonymous")


@schema.parametrize()
@NO_HEALTH_CHECKS
def test_api_with_a_project_leaders_token(case: Any, leader_token: str) -> None:
    _call_and_check(case, "project leader", headers={"Authorization": f"Token {leader_token}"})
