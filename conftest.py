"""Fixtures shared by every test: reference data, people, organisations and API clients.

The reference data (regions, municipalities, SDGs, vocabularies) is loaded once per test run,
right after pytest-django has created the test database, and committed there. Each test then
runs in a transaction that is rolled back, so the reference rows stay for the next test.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.models import Visibility
from samskapa.core.reference import load_vocabularies
from samskapa.geo.models import Municipality
from samskapa.geo.reference import load_regions_and_municipalities
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory, OrganisationFactory
from samskapa.projects.models import Project
from samskapa.projects.tests.factories import ProjectFactory
from samskapa.sdg.reference import load_goals_and_targets


def _load_reference_data() -> None:
    load_regions_and_municipalities()
    load_goals_and_targets()
    load_vocabularies()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        _load_reference_data()


@pytest.fixture
def reference_data(db: None) -> None:
    """Make sure the reference tables are filled.

    They normally are (see ``django_db_setup``); a transactional test elsewhere in the run
    flushes every table, and then this loads them again inside the current test.
    """
    if not Municipality.objects.filter(code="2180").exists():
        _load_reference_data()


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """The test cache is a shared Redis database; start and end each test with it empty."""
    cache.clear()
    yield
    cache.clear()


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
