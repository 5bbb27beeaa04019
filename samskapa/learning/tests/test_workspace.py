"""What learning programmes give Mitt arbete, the site search, the data export and deletion."""

from typing import Any

import pytest
from django.utils import timezone

from samskapa.learning import services, workspace
from samskapa.learning.models import MemberRole
from samskapa.learning.tests.conftest import World
from samskapa.learning.tests.factories import MemberFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _keys(user: Any) -> dict[str, list[Any]]:
    sections = workspace.inbox_sections(user=user, today=timezone.localdate())
    return {section.key: section.items for section in sections}


def test_mitt_arbete_shows_sessions_assignments_and_submissions_to_answer(world: World) -> None:
    session = SessionFactory(programme=world.programme)
    participant = _keys(world.gavle_one)
    assert participant["learning_sessions"] == [session]
    assert participant["learning_assignments"] == [world.assignment]
    services.submission_submit(
        actor=world.gavle_one, assignment=world.assignment, text="Svar", for_team=True
    )
    # Handed in for the team: gone for both people of Gävle, still there for Kiruna.
    assert "learning_assignments" not in _keys(world.gavle_two)
    assert _keys(world.kiruna_one)["learning_assignments"] == [world.assignment]
    waiting = _keys(world.facilitator)["learning_feedback"]
    assert [submission.author for submission in waiting] == [world.gavle_one]
    assert _keys(world.outsider) == {}


def test_the_inbox_takes_two_queries_per_section(
    world: World, django_assert_max_num_queries: Any
) -> None:
    SessionFactory(programme=world.programme)
    with django_assert_max_num_queries(1 + 2 * 3):
        workspace.inbox_sections(user=world.facilitator, today=timezone.localdate())


def test_the_search_finds_published_programmes_only(world: World) -> None:
    (source,) = workspace.search_sources()
    assert list(source.find(user=world.outsider, query="innovation")) == [world.programme]
    world.programme.status = "draft"
    world.programme.save()
    assert list(source.find(user=world.outsider, query="innovation")) == []


def test_the_data_export_holds_what_the_person_wrote(world: World) -> None:
    services.submission_submit(actor=world.gavle_one, assignment=world.assignment, text="Mitt svar")
    data = workspace.personal_data(user=world.gavle_one)
    assert data["learning_programmes"][0]["municipality"] == "Gävle"
    assert data["learning_submissions"][0]["text"] == "Mitt svar"


def test_the_last_facilitator_of_a_running_programme_cannot_delete_the_account(
    world: World,
) -> None:
    assert workspace.deletion_blockers(user=world.facilitator)
    MemberFactory(programme=world.programme, role=MemberRole.FACILITATOR)
    assert workspace.deletion_blockers(user=world.facilitator) == []
    assert workspace.deletion_blockers(user=world.gavle_one) == []
