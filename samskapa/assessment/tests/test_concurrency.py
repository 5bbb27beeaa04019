"""Assessment writes sent several times at the same moment happen once.

Each request runs in a thread of its own, with its own database connection, against
PostgreSQL; the tests are transactional so that the threads see each other's commits.
"""

import pytest
from django.db import connection

from samskapa.accounts.models import User
from samskapa.assessment.models import Assignment, Criterion, Score
from samskapa.core.tests.concurrently import api_client_for, at_once
from samskapa.ideas.models import Challenge, Idea

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_scores_submitted_five_times_at_once_count_once(
    assignment: Assignment, criteria: list[Criterion]
) -> None:
    url = f"/api/v1/assessments/{assignment.pk}/submit/"
    payload = {"scores": [{"criterion": c.pk, "value": 4} for c in criteria]}

    responses = at_once(
        5, lambda: api_client_for(assignment.assessor).post(url, payload, format="json")
    )

    assert sorted(response.status_code for response in responses) == [200, 403, 403, 403, 403]
    assert Score.objects.count() == len(criteria)


def test_an_invitation_sent_three_times_at_once_is_made_once(
    challenge: Challenge, idea: Idea, criteria: list[Criterion], gavle_leader: User, assessor: User
) -> None:
    url = f"/api/v1/challenges/{challenge.pk}/assessment-assignments/"
    payload = {"idea": idea.pk, "email": assessor.email}

    responses = at_once(3, lambda: api_client_for(gavle_leader).post(url, payload, format="json"))

    assert sorted(response.status_code for response in responses) == [201, 400, 400]
    assert Assignment.objects.count() == 1


def test_a_criterion_added_three_times_at_once_is_added_once(
    challenge: Challenge, criteria: list[Criterion], gavle_leader: User
) -> None:
    url = f"/api/v1/challenges/{challenge.pk}/assessment-criteria/"
    payload = {"name": "Hållbarhet", "weight": "2"}

    responses = at_once(3, lambda: api_client_for(gavle_leader).post(url, payload, format="json"))

    assert sorted(response.status_code for response in responses) == [201, 400, 400]
    assert Criterion.objects.filter(name="Hållbarhet").count() == 1
