"""Reads of projects: every list shows only what the person may see."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_led_by, projects_of, projects_visible_to

pytestmark = pytest.mark.django_db


def test_members_only_project_is_hidden_from_visitors_and_residents(
    naringen: Project, hidden_project: Project, resident: User
) -> None:
    assert list(projects_visible_to(user=AnonymousUser())) == [naringen]
    assert list(projects_visible_to(user=resident)) == [naringen]


def test_members_of_the_organisation_see_its_hidden_projects(
    naringen: Project, hidden_project: Project, kiruna: Organisation
) -> None:
    member = MembershipFactory(organisation=kiruna, role=Role.MEMBER).user

    assert set(projects_visible_to(user=member)) == {naringen, hidden_project}


def test_members_of_the_project_see_it(naringen: Project, hidden_project: Project) -> None:
    assessor = MembershipFactory(organisation=None, project=hidden_project, role=Role.ASSESSOR).user

    assert set(projects_visible_to(user=assessor)) == {naringen, hidden_project}


def test_members_of_another_organisation_do_not(
    naringen: Project, hidden_project: Project, gavle_admin: User
) -> None:
    assert list(projects_visible_to(user=gavle_admin)) == [naringen]


def test_platform_administrator_sees_everything(
    naringen: Project, hidden_project: Project, platform_admin: User
) -> None:
    assert set(projects_visible_to(user=platform_admin)) == {naringen, hidden_project}


def test_projects_of_lists_own_and_organisation_projects(
    naringen: Project, hidden_project: Project, kiruna: Organisation
) -> None:
    member = MembershipFactory(organisation=kiruna, role=Role.MEMBER).user
    MembershipFactory(user=member, organisation=None, project=naringen, role=Role.ASSESSOR)

    assert set(projects_of(user=member)) == {naringen, hidden_project}
    assert list(projects_of(user=UserFactory())) == []


def test_queries_and_rules_agree_over_the_roles(
    naringen: Project,
    hidden_project: Project,
    nya_kiruna: Project,
    gavle: Organisation,
    kiruna: Organisation,
    resident: User,
    platform_admin: User,
) -> None:
    """``projects_visible_to`` is ``projects.view_project`` and ``projects_led_by`` is
    ``projects.change_project``, for every role in Kiruna kommun and in its members-only
    project, and for people outside."""
    people = [AnonymousUser(), resident, platform_admin]
    for role in Role.values:
        people.append(MembershipFactory(organisation=kiruna, role=role).user)
        people.append(MembershipFactory(organisation=None, project=hidden_project, role=role).user)
    people.append(MembershipFactory(organisation=gavle, role=Role.ADMINISTRATOR).user)
    pairs = [
        ("projects.view_project", projects_visible_to),
        ("projects.change_project", projects_led_by),
    ]
    for person in people:
        for rule, query in pairs:
            listed = set(query(user=person))
            for project in (naringen, hidden_project, nya_kiruna):
                fresh = Project.objects.get(pk=project.pk)
                assert (project in listed) == person.has_perm(rule, fresh), (rule, person, project)
