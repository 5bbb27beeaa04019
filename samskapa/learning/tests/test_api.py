"""The API of learning programmes: lists and details scoped by the same rules as the pages."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from samskapa.learning import services
from samskapa.learning.tests.conftest import World
from samskapa.learning.tests.factories import ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _client(user: Any = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_the_list_shows_published_programmes_in_constant_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    ProgrammeFactory(status="draft", title="Utkastet")
    client = _client()
    with django_assert_max_num_queries(6) as few:
        answer = client.get("/api/v1/learning-programmes/")
    titles = [row["title"] for row in answer.json()["results"]]
    assert world.programme.title in titles and "Utkastet" not in titles
    for _ in range(4):
        ProgrammeFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/learning-programmes/")


def test_the_inside_is_refused_to_outsiders(world: World) -> None:
    base = f"/api/v1/learning-programmes/{world.programme.slug}/"
    SessionFactory(programme=world.programme, agenda="Hemlig agenda", place="Rum 3")
    outside = _client().get(base).json()["sessions"]
    assert [(row["agenda"], row["place"]) for row in outside] == [("", "")]
    inside = _client(world.kiruna_one).get(base).json()["sessions"]
    assert [(row["agenda"], row["place"]) for row in inside] == [("Hemlig agenda", "Rum 3")]
    assert _client(world.outsider).get(base + "assignments/").status_code == 403
    assert _client(world.gavle_one).get(base + "assignments/").status_code == 200


def test_submissions_by_the_api_follow_the_rules(world: World) -> None:
    url = (
        f"/api/v1/learning-programmes/{world.programme.slug}/assignments/"
        f"{world.assignment.pk}/submissions/"
    )
    assert _client(world.gavle_one).post(url, {"text": "Svar"}, format="json").status_code == 201
    assert _client(world.outsider).post(url, {"text": "Svar"}, format="json").status_code == 403
    assert _client(world.facilitator).post(url, {"text": "Svar"}, format="json").status_code == 403
    assert _client(world.gavle_one).post(url, {"text": ["x"]}, format="json").status_code == 400
    assert _client(world.gavle_one).post(url, {"text": "a\x00b"}, format="json").status_code == 400
    assert len(_client(world.kiruna_one).get(url).json()["results"]) == 0
    assert len(_client(world.facilitator).get(url).json()["results"]) == 1


def test_a_plan_is_read_by_the_programme_only(world: World) -> None:
    plan = services.plan_create(actor=world.gavle_one, programme=world.programme)
    url = f"/api/v1/learning-programmes/{world.programme.slug}/plans/{plan.pk}/"
    assert _client(world.kiruna_one).get(url).status_code == 200
    assert _client(world.outsider).get(url).status_code == 404


def test_the_submissions_list_takes_a_constant_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    url = (
        f"/api/v1/learning-programmes/{world.programme.slug}/assignments/"
        f"{world.assignment.pk}/submissions/"
    )
    client = _client(world.facilitator)
    services.submission_submit(actor=world.gavle_one, assignment=world.assignment, text="Ett")
    with django_assert_max_num_queries(12) as few:
        assert len(client.get(url).json()["results"]) == 1
    for user in (world.gavle_two, world.kiruna_one):
        submission = services.submission_submit(actor=user, assignment=world.assignment, text="Två")
        services.feedback_give(actor=world.facilitator, submission=submission, text="Bra")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).json()["results"]) == 3
