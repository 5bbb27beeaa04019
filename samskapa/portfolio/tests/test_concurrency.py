"""Writes that must happen once, however many times they are sent at the same moment.

Each request runs in a thread of its own, with its own database connection, against
PostgreSQL; the tests are transactional so that the threads see each other's commits.
"""

import pytest
from django.db import connection

from samskapa.accounts.models import User
from samskapa.core.tests.concurrently import api_client_for, at_once
from samskapa.ideas.models import Idea
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.portfolio.models import GateDecision, Initiative, Stage
from samskapa.projects.models import Project

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

SENDERS = 20


def test_twenty_simultaneous_go_decisions_move_the_initiative_once(
    initiative: Initiative, gavle_leader: User
) -> None:
    url = f"/api/v1/initiatives/{initiative.pk}/gate-decisions/"
    payload = {"stage": "idea", "decision": "go", "rationale": "Förstudie beslutad."}

    responses = at_once(
        SENDERS, lambda: api_client_for(gavle_leader).post(url, payload, format="json")
    )

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
        lambda: api_client_for(naringen_leader).post(
            "/api/v1/initiatives/", {"idea": idea.pk}, format="json"
        ),
    )

    assert sorted(response.status_code for response in responses) == [201, 400]
    refused = next(response for response in responses if response.status_code == 400)
    assert "already been taken forward" in " ".join(refused.json()["idea"])
    assert Initiative.objects.filter(idea=idea).count() == 1
