"""``access_challenge`` and ``access_idea``: the object, 404 for those who may not see it,
403 for those who see it but may not act."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from samskapa.accounts.models import User
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.selectors import access_challenge, access_idea
from samskapa.ideas.tests.factories import ChallengeFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


def test_access_challenge(
    challenge: Challenge, hidden_project: Project, resident: User, gavle_leader: User
) -> None:
    secret = ChallengeFactory(project=hidden_project)

    assert access_challenge(user=AnonymousUser(), pk=challenge.pk) == challenge
    assert access_challenge(user=gavle_leader, pk=challenge.pk, rule="ideas.change_challenge")
    with pytest.raises(PermissionDenied):
        access_challenge(user=resident, pk=challenge.pk, rule="ideas.change_challenge")
    with pytest.raises(Http404):
        access_challenge(user=resident, pk=secret.pk)


def test_access_idea(idea: Idea, author: User, resident: User) -> None:
    assert access_idea(user=author, pk=idea.pk, rule="ideas.change_idea") == idea
    with pytest.raises(PermissionDenied):
        access_idea(user=resident, pk=idea.pk, rule="ideas.change_idea")
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    with pytest.raises(Http404):
        access_idea(user=resident, pk=idea.pk)
    assert access_idea(user=author, pk=idea.pk) == idea
