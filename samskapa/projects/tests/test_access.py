"""``access_*`` of projects: the object, or 404 for what the reader may not see, 403 for a
refused rule; a grant, unit or membership asked for under another project is not there."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from samskapa.accounts.models import User
from samskapa.organisations.models import Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.projects.models import Project
from samskapa.projects.selectors import (
    access_funding,
    access_project,
    access_project_membership,
    access_project_unit,
)
from samskapa.projects.tests.factories import FundingFactory, ProjectUnitFactory

pytestmark = pytest.mark.django_db

CHANGE = "projects.change_project"


def test_access_project(
    naringen: Project, hidden_project: Project, gavle_leader: User, kiruna_member: User
) -> None:
    assert access_project(user=gavle_leader, slug=naringen.slug, rule=CHANGE) == naringen
    assert access_project(user=AnonymousUser(), slug=naringen.slug) == naringen
    with pytest.raises(PermissionDenied):
        access_project(user=kiruna_member, slug=naringen.slug, rule=CHANGE)
    # A members-only project is not there for those who may not see it, whatever the rule.
    with pytest.raises(Http404):
        access_project(user=gavle_leader, slug=hidden_project.slug)
    with pytest.raises(Http404):
        access_project(user=gavle_leader, slug="finns-inte")
    assert access_project(user=kiruna_member, slug=hidden_project.slug) == hidden_project


def test_parts_are_found_only_under_their_own_project(
    naringen: Project, nya_kiruna: Project, gavle_leader: User, kiruna_leader: User
) -> None:
    funding = FundingFactory(project=naringen)
    link = ProjectUnitFactory(project=naringen)
    membership = MembershipFactory(organisation=None, project=naringen, role=Role.ASSESSOR)
    parts = [
        (access_funding, funding),
        (access_project_unit, link),
        (access_project_membership, membership),
    ]
    for access_part, part in parts:
        found = access_part(user=gavle_leader, project_slug=naringen.slug, pk=part.pk, rule=CHANGE)
        assert found == part
        with pytest.raises(Http404):
            access_part(user=kiruna_leader, project_slug=nya_kiruna.slug, pk=part.pk, rule=CHANGE)
        with pytest.raises(PermissionDenied):
            access_part(user=kiruna_leader, project_slug=naringen.slug, pk=part.pk, rule=CHANGE)
