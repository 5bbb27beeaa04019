"""Reads of organisations: the public list and who may start projects where."""

import pytest

from samskapa.accounts.models import User
from samskapa.core.models import HelixSector, Visibility
from samskapa.organisations.models import Organisation, OrganisationType, Role
from samskapa.organisations.selectors import (
    organisation_list,
    organisations_of,
    organisations_where_user_leads,
)
from samskapa.organisations.tests.factories import MembershipFactory, OrganisationFactory
from samskapa.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_project_count_counts_only_public_projects(gavle: Organisation, resident: User) -> None:
    ProjectFactory.create_batch(2, organisation=gavle)
    ProjectFactory(organisation=gavle, visibility=Visibility.MEMBERS)

    listed = organisation_list(user=resident).get(pk=gavle.pk)

    assert listed.project_count == 2


def test_list_is_alphabetical_so_pages_do_not_overlap(resident: User) -> None:
    for name in ("Cecilia AB", "Anna AB", "Bertil AB"):
        OrganisationFactory(name=name)

    listed = organisation_list(user=resident)

    assert listed.ordered
    assert [organisation.name for organisation in listed] == ["Anna AB", "Bertil AB", "Cecilia AB"]


def test_filters_by_type_sector_and_municipality(resident: User, gavle: Organisation) -> None:
    company = OrganisationFactory(
        name="Smartstad Norr AB",
        type=OrganisationType.COMPANY,
        helix_sector=HelixSector.BUSINESS,
        municipality_code="2584",
    )

    assert list(organisation_list(user=resident, type=OrganisationType.COMPANY)) == [company]
    assert list(organisation_list(user=resident, helix_sector=HelixSector.PUBLIC)) == [gavle]
    assert list(organisation_list(user=resident, municipality_code="2584")) == [company]
    assert list(organisation_list(user=resident, municipality_code="0180")) == []


def test_search_uses_swedish_stemming(resident: User, gavle: Organisation) -> None:
    association = OrganisationFactory(
        name="Grannföreningen Näringen", description="Förening för boende kring Näringen."
    )

    assert list(organisation_list(user=resident, query="föreningar")) == [association]
    assert list(organisation_list(user=resident, query="bibliotek")) == []


def test_leaders_and_administrators_may_start_projects(gavle: Organisation) -> None:
    leader = MembershipFactory(organisation=gavle, role=Role.PROJECT_LEADER).user
    administrator = MembershipFactory(organisation=gavle, role=Role.ADMINISTRATOR).user
    member = MembershipFactory(organisation=gavle, role=Role.MEMBER).user

    assert list(organisations_where_user_leads(user=leader)) == [gavle]
    assert list(organisations_where_user_leads(user=administrator)) == [gavle]
    assert list(organisations_where_user_leads(user=member)) == []
    assert list(organisations_of(user=member)) == [gavle]


def test_platform_administrator_may_start_projects_everywhere(
    platform_admin: User, gavle: Organisation, kiruna: Organisation
) -> None:
    assert set(organisations_where_user_leads(user=platform_admin)) == {gavle, kiruna}
