"""The assessment API: own assignments, submission, results for leaders; 4xx JSON."""

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.assessment.models import Assignment, Criterion
from samskapa.assessment.tests.conftest import submit
from samskapa.ideas.models import Challenge

pytestmark = pytest.mark.django_db


def test_list_shows_only_own(
    api_client: APIClient, assignment: Assignment, other_assignment: Assignment
) -> None:
    assert api_client.get("/api/v1/assessments/").json()["count"] == 0
    api_client.force_authenticate(assignment.assessor)
    body = api_client.get("/api/v1/assessments/").json()
    assert [row["id"] for row in body["results"]] == [assignment.pk]


def test_submit_and_refusals(
    api_client: APIClient, assignment: Assignment, criteria: list[Criterion], resident: User
) -> None:
    url = f"/api/v1/assessments/{assignment.pk}/submit/"
    payload = {"scores": [{"criterion": c.pk, "value": 4} for c in criteria]}
    api_client.force_authenticate(resident)
    assert api_client.post(url, payload, format="json").status_code == 404
    api_client.force_authenticate(assignment.assessor)
    bad = {"scores": [{"criterion": criteria[0].pk, "value": 7}]}
    response = api_client.post(url, bad, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert api_client.post(url, {"scores": "x"}, format="json").status_code == 400
    response = api_client.post(url, payload, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert api_client.post(url, payload, format="json").status_code == 403


def test_results_for_leaders_only(
    api_client: APIClient,
    challenge: Challenge,
    assignment: Assignment,
    criteria: list[Criterion],
    gavle_leader: User,
) -> None:
    submit(assignment, criteria, 5, 1)
    url = f"/api/v1/challenges/{challenge.pk}/assessment-results/"
    api_client.force_authenticate(assignment.assessor)
    assert api_client.get(url).status_code == 403
    assert api_client.get("/api/v1/challenges/999999/assessment-results/").status_code == 404
    api_client.force_authenticate(gavle_leader)
    body = api_client.get(url).json()
    assert body["results"][0]["weighted_mean"] == 4.0
    assert body["results"][0]["criteria"][0]["min"] == 5
