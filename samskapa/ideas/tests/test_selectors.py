"""Reads of ideas: hidden ideas and members-only projects never leak into lists."""

import pytest

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.ideas.models import Idea
from samskapa.ideas.selectors import challenges_visible_to, idea_list
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


def test_hidden_ideas_are_absent_for_everyone_in_lists(
    idea: Idea, author: User, gavle_leader: User
) -> None:
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    for user in (author, gavle_leader, UserFactory()):
        assert not idea_list(user=user).exists()


def test_ideas_of_members_only_projects_are_absent_for_outsiders(
    hidden_project: Project, kiruna_admin: User, resident: User
) -> None:
    secret = IdeaFactory(project=hidden_project, municipality=hidden_project.municipality)
    assert secret not in idea_list(user=resident)
    assert secret in idea_list(user=kiruna_admin)
    challenge = ChallengeFactory(project=hidden_project)
    assert challenge not in challenges_visible_to(user=resident)


def test_sorts_by_counters(resident: User) -> None:
    quiet = IdeaFactory(support_count=1, comment_count=9)
    loud = IdeaFactory(support_count=5, comment_count=0)
    assert list(idea_list(user=resident, sort="supported")) == [loud, quiet]
    assert list(idea_list(user=resident, sort="commented")) == [quiet, loud]


def test_search_finds_swedish_words(resident: User) -> None:
    match = IdeaFactory(title="Odlingslotter på taken", summary="Stadsodling")
    IdeaFactory(title="Cykelpool", summary="Lånecyklar")
    assert list(idea_list(user=resident, query="odlingslott")) == [match]
