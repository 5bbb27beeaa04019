"""Reads of projects: every list shows only what the person may see."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.projects.models import Project
from samskapa.projects.selectors import project_list, projects_of, projects_visible_to
from samskapa.projects.tests.factories import ProjectFactory

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


def test_filters(naringen: Project, kiruna: Organisation, resident: User) -> None:
    kiruna_project = ProjectFactory(organisation=kiruna, phase="construction")

    assert list(project_list(user=resident, municipality_code="2584")) == [kiruna_project]
    assert list(project_list(user=resident, region_code="21")) == [naringen]  # Gävleborgs län
    assert list(project_list(user=resident, phase="construction")) == [kiruna_project]
    assert list(project_list(user=resident, organisation_slug=naringen.organisation.slug)) == [
        naringen
    ]
    assert list(project_list(user=resident, municipality_code="0180")) == []


def test_projects_of_lists_own_and_organisation_projects(
    naringen: Project, hidden_project: Project, kiruna: Organisation
) -> None:
    member = MembershipFactory(organisation=kiruna, role=Role.MEMBER).user
    MembershipFactory(user=member, organisation=None, project=naringen, role=Role.ASSESSOR)

    assert set(projects_of(user=member)) == {naringen, hidden_project}
    assert list(projects_of(user=UserFactory())) == []
