"""Fixtures of the ideas tests: a challenge of Näringen and an idea answering it."""

import pytest

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.services import idea_submit
from samskapa.ideas.tests.factories import ChallengeFactory
from samskapa.projects.models import Project


@pytest.fixture
def challenge(naringen: Project) -> Challenge:
    return ChallengeFactory(project=naringen, title="Tryggare stråk i Näringen")


@pytest.fixture
def author(reference_data: None) -> User:
    return UserFactory(full_name="Ada Författare")


@pytest.fixture
def idea(author: User, challenge: Challenge) -> Idea:
    return idea_submit(
        actor=author,
        challenge=challenge,
        title="Sensorstyrd belysning längs ån",
        summary="Belysning som tänds när någon går förbi.",
        description="Sparar energi och gör stråken tryggare.",
    )
