"""Fixtures of the ideas tests: a challenge of Näringen and an idea answering it."""

import pytest

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory

# The browser fixtures live in the browser_tests package's conftest, which pytest applies only
# to tests inside that package; importing them here makes them available to test_browser.py.
from samskapa.browser_tests.conftest import (  # noqa: F401
    _demo_snapshot,
    _reference_snapshot,
    axe_check,
    browser,
    demo_data,
    login,
    page,
    playwright_instance,
    site_data,
)
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
