"""Writes that must happen once, however many times they are sent at the same moment.

Each request runs in a thread of its own, with its own database connection, against
PostgreSQL; the tests are transactional so that the threads see each other's commits.
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.ideas.models import Idea
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.portfolio.models import GateDecision, Initiative, Stage
from samskapa.projects.models import Project

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

SENDERS = 20


def at_once(count: int, send: Callable[[], Any]) -> list[Any]:
    """Call ``send`` from ``count`` threads released together; their results, in any order."""
    barrier = threading.Barrier(count)
    results: list[Any] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait()
            result = send()
        except Exception as error:  # the test reports any failure
            result = error
        finally:
            connection.close()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def client_for(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_twenty_simultaneous_go_decisions_move_the_initiative_once(
    initiative: Initiative, gavle_leader: User
) -> None:
    url = f"/api/v1/initiatives/{initiative.pk}/gate-decisions/"
    payload = {"stage": "idea", "decision": "go", "rationale": "Förstudie beslutad."}

    responses = at_once(SENDERS, lambda: client_for(gavle_leader).post(url, payload, format="json"))

    codes = sorted(response.status_code for response in responses)
    assert codes == [201] + [400] * (SENDERS - 1)
    refused = [response.json() for response in responses if response.status_code == 400]
    assert all("moved to pre-study" in " ".join(body["stage"]) for body in refused)
    assert GateDecision.objects.count() == 1
    initiative.refresh_from_db()
    assert initiative.stage == Stage.PRESTUDY


def test_an_idea_taken_forward_twice_at_once_becomes_one_initiative(
    naringen: Project, naringen_leader: User
) -> None:
    challenge = ChallengeFactory(project=naringen)
    idea: Idea = IdeaFactory(challenge=challenge, project=naringen, title="Idén")

    responses = at_once(
        2,
        lambda: client_for(naringen_leader).post(
            "/api/v1/initiatives/", {"idea": idea.pk}, format="json"
        ),
    )

    assert sorted(response.status_code for response in responses) == [201, 400]
    refused = next(response for response in responses if response.status_code == 400)
    assert "already been taken forward" in " ".join(refused.json()["idea"])
    assert Initiative.objects.filter(idea=idea).count() == 1
