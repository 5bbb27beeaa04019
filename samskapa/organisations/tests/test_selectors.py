"""Reads of organisations: the public list and who may start projects where."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.selectors import (
    organisation_list,
    organisations_of,
    organisations_user_may_act_for,
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


def test_queries_and_rules_agree(
    gavle: Organisation, kiruna: Organisation, platform_admin: User, resident: User
) -> None:
    """``organisations_where_user_leads`` is ``organisations.lead_organisation`` and
    ``organisations_user_may_act_for`` is ``organisations.act_for_organisation``, for every
    role in Gävle kommun (Kiruna kommun is another organisation)."""
    people = [AnonymousUser(), resident, platform_admin]
    people += [MembershipFactory(organisation=gavle, role=role).user for role in Role.values]
    project = ProjectFactory(organisation=kiruna)
    people.append(
        MembershipFactory(organisation=None, project=project, role=Role.ADMINISTRATOR).user
    )
    pairs = [
        ("organisations.lead_organisation", organisations_where_user_leads),
        ("organisations.act_for_organisation", organisations_user_may_act_for),
    ]
    for person in people:
        for rule, query in pairs:
            listed = set(query(user=person))
            for organisation in (gavle, kiruna):
                assert (organisation in listed) == person.has_perm(rule, organisation), (
                    rule,
                    person,
                    organisation,
                )
