"""Fixtures shared by every test: reference data, people, organisations and API clients.

The reference data (regions, municipalities, SDGs, vocabularies) is loaded once per test run,
right after pytest-django has created the test database, and committed there. Each test then
runs in a transaction that is rolled back, so the reference rows stay for the next test.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, migrations
from django.db.backends.postgresql.operations import DatabaseOperations
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings
from django.utils import translation
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.models import Visibility
from samskapa.core.reference import load_vocabularies
from samskapa.geo.models import Municipality
from samskapa.geo.reference import load_regions_and_municipalities
from samskapa.organisations.models import Organisation, Role, Unit, UnitKind
from samskapa.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UnitFactory,
)
from samskapa.projects.models import Project, ProjectPhase
from samskapa.projects.tests.factories import ProjectFactory
from samskapa.sdg.reference import load_goals_and_targets

# The browser harness (Playwright, Chromium, axe-core) serves every app's browser tests.
pytest_plugins = ["samskapa.browser_tests.harness"]


def _load_reference_data() -> None:
    load_regions_and_municipalities()
    load_goals_and_targets()
    load_vocabularies()


@pytest.fixture(scope="session", autouse=True)
def _quick_flush() -> Iterator[None]:
    """Empty the tables after a transactional test with DELETE instead of TRUNCATE.

    Django's flush truncates all 190 tables in one statement, which costs PostgreSQL about a
    second (each table gets new files); the tables hold a few hundred rows at most, and deleting
    them takes a twentieth of that. Flush runs in a transaction: ``session_replication_role``
    switches the foreign-key checks and the triggers (the append-only gate decisions) off for
    that transaction only, so the order of the tables does not matter. A test that asks for its
    sequences to be reset still gets Django's own TRUNCATE.
    """
    original = DatabaseOperations.sql_flush

    def sql_flush(
        self: DatabaseOperations,
        style: Any,
        tables: Any,
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if reset_sequences or not tables:
            return original(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            "SET LOCAL session_replication_role = replica",
            # The table names come from Django's own list of its tables, quoted.
            *(f"DELETE FROM {self.quote_name(table)}" for table in tables),  # noqa: S608
        ]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
    yield
    DatabaseOperations.sql_flush = original  # type: ignore[method-assign]


def _apply_schema_extras() -> None:
    """Create what the models do not describe: the migrations' own schema operations.

    The suite builds its test databases from the models (``--no-migrations`` in pyproject):
    replaying every migration costs each worker about 40 s of CPU, nearly all of it Django
    rebuilding its model states. What only a migration knows (the append-only trigger on gate
    decisions, partial and expression indexes) comes from the operations of the migrations that
    are not elidable, run here in the order of the migration graph. Data migrations are marked
    ``elidable=True`` and have nothing to do on an empty database.
    ``samskapa/core/tests/test_migrations.py`` replays the migrations once and compares the
    schema they build with this one; ``pytest --migrations`` replays them for every worker.
    """
    # pytest-django turns every app's migrations off for the session; read them all the same.
    with override_settings(MIGRATION_MODULES={}):
        graph = MigrationLoader(connection, ignore_no_migrations=True).graph
    ordered = dict.fromkeys(
        key for leaf in sorted(graph.leaf_nodes()) for key in graph.forwards_plan(leaf)
    )
    with connection.schema_editor() as editor:
        for key in ordered:
            for operation in graph.nodes[key].operations:
                if isinstance(operation, migrations.RunPython) and not operation.elidable:
                    operation.code(apps, editor)
                elif isinstance(operation, migrations.RunSQL) and not operation.elidable:
                    sql = operation.sql
                    for statement in [sql] if isinstance(sql, str) else sql:
                        editor.execute(statement)


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: Any, django_db_blocker: Any, request: pytest.FixtureRequest
) -> None:
    with django_db_blocker.unblock():
        if request.config.getoption("nomigrations"):
            _apply_schema_extras()
        _load_reference_data()


def _reference_data_missing() -> bool:
    return not Municipality.objects.filter(code="2180").exists()


@pytest.fixture(scope="module", autouse=True)
def _reload_reference_data_after_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """Put the reference data back after a module whose transactional tests emptied the tables.

    A transactional test (``django_db(transaction=True)``, ``live_server``) ends by flushing
    every table. Reloading once here, committed, saves every later test from reloading it.
    """
    yield
    if not connection.settings_dict["NAME"].startswith("test_"):
        return  # no test in this run has set up the test database yet
    with request.getfixturevalue("django_db_blocker").unblock():
        if _reference_data_missing():
            _load_reference_data()


@pytest.fixture
def reference_data(db: None) -> None:
    """Make sure the reference tables are filled.

    They normally are (see ``django_db_setup``); after a transactional test in the same module
    they are not, and then this loads them inside the current test.
    """
    if _reference_data_missing():
        _load_reference_data()


def _clear_cache() -> None:
    """Delete the cache's own keys only: the Celery broker uses the same Redis database."""
    cache_settings = settings.CACHES["default"]
    if not cache_settings["BACKEND"].endswith("RedisCache"):
        cache.clear()
        return
    client = redis.Redis.from_url(cache_settings["LOCATION"])
    keys = list(client.scan_iter(match=f"{cache_settings.get('KEY_PREFIX', '')}:*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Start and end each test with an empty cache (sessions, allauth's rate limits)."""
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """End every test in the site's default language.

    A request that ends in an exception (a test of the error pages) leaves the language its
    page activated; a later test in the same process would then reverse URLs under /en/.
    """
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english() -> Iterator[None]:
    """Run the test in English, so messages are compared with the msgids in the code.

    Outside a request Django uses LANGUAGE_CODE, Swedish, once the catalogue is compiled.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def resident(reference_data: None) -> User:
    """A person with an account and no memberships at all."""
    return UserFactory(full_name="Ingrid Invånare")


@pytest.fixture
def platform_admin(reference_data: None) -> User:
    return UserFactory(full_name="Alva Admin", is_superuser=True, is_staff=True)


@pytest.fixture
def gavle(reference_data: None) -> Organisation:
    return OrganisationFactory(name="Gävle kommun", municipality_code="2180")


@pytest.fixture
def kiruna(reference_data: None) -> Organisation:
    return OrganisationFactory(name="Kiruna kommun", municipality_code="2584")


@pytest.fixture
def gavle_admin(gavle: Organisation) -> User:
    return MembershipFactory(organisation=gavle, role=Role.ADMINISTRATOR).user


@pytest.fixture
def gavle_leader(gavle: Organisation) -> User:
    return MembershipFactory(organisation=gavle, role=Role.PROJECT_LEADER).user


@pytest.fixture
def kiruna_admin(kiruna: Organisation) -> User:
    return MembershipFactory(organisation=kiruna, role=Role.ADMINISTRATOR).user


@pytest.fixture
def kiruna_leader(kiruna: Organisation) -> User:
    return MembershipFactory(organisation=kiruna, role=Role.PROJECT_LEADER).user


@pytest.fixture
def kiruna_member(kiruna: Organisation) -> User:
    return MembershipFactory(organisation=kiruna, role=Role.MEMBER).user


@pytest.fixture
def naringen(gavle: Organisation) -> Project:
    """A public project of Gävle kommun, with words that Swedish stemming has to match."""
    return ProjectFactory(
        name="Näringen",
        organisation=gavle,
        area="Näringen, Gävle",
        summary="En ny blandad stadsdel med innovationsstrategi.",
        description="Gävle kommun utvecklar Näringen till en ny stadsdel.",
    )


@pytest.fixture
def hidden_project(kiruna: Organisation) -> Project:
    """A members-only project of Kiruna kommun that also mentions Näringen."""
    return ProjectFactory(
        name="Förstudie: Kiruna centrum etapp 3",
        organisation=kiruna,
        visibility=Visibility.MEMBERS,
        summary="Intern förstudie om lärdomar från Näringen.",
    )


@pytest.fixture
def nya_kiruna(kiruna: Organisation) -> Project:
    """A public project of Kiruna kommun under construction: the town moved for the mine."""
    return ProjectFactory(
        name="Det nya Kiruna", organisation=kiruna, phase=ProjectPhase.CONSTRUCTION
    )


@pytest.fixture
def units(kiruna: Organisation) -> dict[str, Unit]:
    """Kiruna kommun's board and three of its administrations, none yet in a project."""
    return {
        "ks": UnitFactory(
            organisation=kiruna,
            name="Kommunstyrelsen",
            kind=UnitKind.BOARD,
            responsibility="Leder och samordnar stadsomvandlingen.",
        ),
        "sbf": UnitFactory(
            organisation=kiruna,
            name="Samhällsbyggnadsförvaltningen",
            responsibility="Detaljplaner, mark, gator och parker.",
        ),
        "soc": UnitFactory(organisation=kiruna, name="Socialförvaltningen"),
        "rtj": UnitFactory(organisation=kiruna, name="Räddningstjänsten"),
    }
