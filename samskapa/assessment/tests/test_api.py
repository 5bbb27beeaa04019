"""The assessment API: own assignments, submission, results for leaders; 4xx JSON."""

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.assessment.models import Assignment, Criterion
from samskapa.assessment.tests.conftest import submit
from samskapa.core.models import Visibility
from samskapa.ideas.models import Challenge, Idea
from samskapa.programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(api_client: APIClient) -> None:
    """Ask for English, so messages are compared with the msgids in the code."""
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


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


# --- Criteria ---------------------------------------------------------------------------------


def test_challenge_criteria_list_and_create(
    api_client: APIClient,
    challenge: Challenge,
    criteria: list[Criterion],
    gavle_leader: User,
    resident: User,
    kiruna_admin: User,
) -> None:
    url = f"/api/v1/challenges/{challenge.pk}/assessment-criteria/"
    body = api_client.get(url).json()  # criteria are open to whoever sees the challenge
    assert body["count"] == 2
    assert [row["name"] for row in body["results"]] == ["Värde för invånarna", "Kostnad"]
    assert body["results"][0]["challenge"] == challenge.pk
    payload = {"name": "Hållbarhet", "weight": "2"}
    assert api_client.post(url, payload, format="json").status_code == 401
    for user in (resident, kiruna_admin):
        api_client.force_authenticate(user)
        assert api_client.post(url, payload, format="json").status_code == 403
    api_client.force_authenticate(gavle_leader)
    for weight, message in [
        ("-1", "greater than zero"),
        ("0", "greater than zero"),
        ("tre", "as a number"),
        ("NaN", "as a number"),
        (None, "null"),
    ]:
        response = api_client.post(url, {"name": "Hållbarhet", "weight": weight}, format="json")
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/json")
        assert message in " ".join(response.json()["weight"])
    response = api_client.post(url, {"name": "kostnad", "weight": 1}, format="json")
    assert response.status_code == 400
    assert "already a criterion" in str(response.json())
    response = api_client.post(url, payload, format="json")
    assert response.status_code == 201
    assert response.json()["weight"] == "2.00"
    assert api_client.get("/api/v1/challenges/999999/assessment-criteria/").status_code == 404


def test_criterion_update_and_delete(
    api_client: APIClient,
    criteria: list[Criterion],
    gavle_leader: User,
    resident: User,
    assignment: Assignment,
) -> None:
    url = f"/api/v1/assessment-criteria/{criteria[1].pk}/"
    assert api_client.get(url).json()["name"] == "Kostnad"
    assert api_client.patch(url, {"weight": "2"}, format="json").status_code == 401
    assert api_client.delete(url).status_code == 401
    api_client.force_authenticate(resident)
    assert api_client.patch(url, {"weight": "2"}, format="json").status_code == 403
    assert api_client.delete(url).status_code == 403
    api_client.force_authenticate(gavle_leader)
    response = api_client.patch(url, {"weight": "-3"}, format="json")
    assert response.status_code == 400
    assert "greater than zero" in response.json()["weight"][0]
    response = api_client.patch(url, {"weight": "1.5", "description": "Låg kostnad"}, format="json")
    assert response.status_code == 200
    assert response.json()["weight"] == "1.50"
    assert api_client.delete(f"/api/v1/assessment-criteria/{criteria[0].pk}/").status_code == 204
    api_client.force_authenticate(assignment.assessor)
    # An assessor may read criteria but not change them.
    assert api_client.delete(url).status_code == 403


def test_criteria_fixed_after_scores_answer_400(
    api_client: APIClient, criteria: list[Criterion], gavle_leader: User, assignment: Assignment
) -> None:
    submit(assignment, criteria, 4, 3)
    api_client.force_authenticate(gavle_leader)
    response = api_client.delete(f"/api/v1/assessment-criteria/{criteria[0].pk}/")
    assert response.status_code == 400
    assert "after assessors" in str(response.json())


def test_programme_criteria(
    api_client: APIClient,
    programme: Programme,
    programme_criteria: list[Criterion],
    gavle_leader: User,
    naringen_leader: User,
    kiruna_admin: User,
) -> None:
    url = f"/api/v1/programmes/{programme.slug}/assessment-criteria/"
    body = api_client.get(url).json()
    assert [row["name"] for row in body["results"]] == ["Nytta", "Genomförbarhet"]
    assert body["results"][0]["programme"] == programme.slug
    payload = {"name": "Spridning", "weight": 1}
    assert api_client.post(url, payload, format="json").status_code == 401
    for user in (naringen_leader, kiruna_admin):
        api_client.force_authenticate(user)
        assert api_client.post(url, payload, format="json").status_code == 403
        detail = f"/api/v1/assessment-criteria/{programme_criteria[0].pk}/"
        assert api_client.patch(detail, {"weight": 5}, format="json").status_code == 403
    api_client.force_authenticate(gavle_leader)
    assert api_client.post(url, {"name": "Spridning"}, format="json").status_code == 400
    assert api_client.post(url, payload, format="json").status_code == 201
    scale = f"/api/v1/programmes/{programme.slug}/criterion-set/"
    response = api_client.patch(scale, {"scale_min": 3, "scale_max": 2}, format="json")
    assert response.status_code == 400
    assert "scale_max" in response.json()
    response = api_client.patch(scale, {"scale_min": 0, "scale_max": 4}, format="json")
    assert response.json()["scale_max"] == 4
    assert response.json()["total_weight"] == "4.00"
    assert api_client.get("/api/v1/programmes/finns-inte/assessment-criteria/").status_code == 404


def test_members_only_programme_criteria_hidden(
    api_client: APIClient, programme: Programme, programme_criteria: list[Criterion], resident: User
) -> None:
    programme.visibility = Visibility.MEMBERS
    programme.save()
    api_client.force_authenticate(resident)
    url = f"/api/v1/programmes/{programme.slug}/assessment-criteria/"
    assert api_client.get(url).status_code == 404
    detail = f"/api/v1/assessment-criteria/{programme_criteria[0].pk}/"
    assert api_client.get(detail).status_code == 404


def test_challenge_criterion_set_switches(
    api_client: APIClient,
    programme_challenge: Challenge,
    programme_criteria: list[Criterion],
    naringen_leader: User,
    resident: User,
) -> None:
    url = f"/api/v1/challenges/{programme_challenge.pk}/criterion-set/"
    body = api_client.get(url).json()
    assert (body["source"], body["programme"]) == ("programme", "innovationsprogram")
    assert api_client.post(url).status_code == 401
    api_client.force_authenticate(resident)
    assert api_client.post(url).status_code == 403
    api_client.force_authenticate(naringen_leader)
    criteria_url = f"/api/v1/challenges/{programme_challenge.pk}/assessment-criteria/"
    response = api_client.post(criteria_url, {"name": "Egen", "weight": 1}, format="json")
    assert response.status_code == 400
    assert "criteria of its programme" in str(response.json())
    response = api_client.post(url)
    assert response.status_code == 201
    assert response.json()["source"] == "challenge"
    assert api_client.post(url).status_code == 400  # already its own
    assert (
        api_client.post(criteria_url, {"name": "Egen", "weight": 1}, format="json").status_code
        == 201
    )
    response = api_client.patch(url, {"scale_min": 1, "scale_max": 10}, format="json")
    assert response.json()["scale_max"] == 10
    response = api_client.delete(url)
    assert response.status_code == 200
    assert response.json()["source"] == "programme"


# --- Invitations and assignments --------------------------------------------------------------


def test_invitations_for_leaders(
    api_client: APIClient,
    challenge: Challenge,
    idea: Idea,
    criteria: list[Criterion],
    assessor: User,
    gavle_leader: User,
    kiruna_admin: User,
) -> None:
    url = f"/api/v1/challenges/{challenge.pk}/assessment-assignments/"
    payload = {"idea": idea.pk, "email": assessor.email}
    assert api_client.get(url).status_code == 401
    assert api_client.post(url, payload, format="json").status_code == 401
    for user in (assessor, kiruna_admin):
        api_client.force_authenticate(user)
        assert api_client.get(url).status_code == 403
        assert api_client.post(url, payload, format="json").status_code == 403
    api_client.force_authenticate(gavle_leader)
    response = api_client.post(url, {"idea": idea.pk, "email": "inte-en-adress"}, format="json")
    assert response.status_code == 400 and "email" in response.json()
    response = api_client.post(url, {"idea": 999999, "email": assessor.email}, format="json")
    assert response.status_code == 400 and "idea" in response.json()
    response = api_client.post(url, {"idea": idea.pk, "email": "ingen@example.org"}, format="json")
    assert response.status_code == 400 and "No user" in str(response.json())
    response = api_client.post(url, payload, format="json")
    assert response.status_code == 201
    assert response.json()["assessor_email"] == assessor.email
    assert response.json()["status"] == "invited"
    assert api_client.post(url, payload, format="json").status_code == 400  # twice
    body = api_client.get(url).json()
    assert body["count"] == 1
    assert body["results"][0]["assessor"] == assessor.display_name


def test_assignment_detail_hides_others_until_submitted(
    api_client: APIClient,
    assignment: Assignment,
    other_assignment: Assignment,
    criteria: list[Criterion],
    gavle_leader: User,
    resident: User,
) -> None:
    url = f"/api/v1/assessments/{assignment.pk}/"
    assert api_client.get(url).status_code == 401
    api_client.force_authenticate(resident)
    assert api_client.get(url).status_code == 404
    api_client.force_authenticate(other_assignment.assessor)
    assert api_client.get(url).status_code == 404  # another assessor's assignment
    submit(other_assignment, criteria, 1, 2)
    api_client.force_authenticate(assignment.assessor)
    body = api_client.get(url).json()
    assert [c["name"] for c in body["criteria"]] == ["Värde för invånarna", "Kostnad"]
    assert (body["scale_min"], body["scale_max"]) == (1, 5)
    assert body["other_scores"] is None
    submit(assignment, criteria, 5, 5)
    body = api_client.get(url).json()
    assert sorted(s["value"] for s in body["other_scores"]) == [1, 2]
    api_client.force_authenticate(gavle_leader)
    assert len(api_client.get(url).json()["other_scores"]) == 2


def test_results_401_for_anonymous_and_spread(
    api_client: APIClient,
    challenge: Challenge,
    assignment: Assignment,
    other_assignment: Assignment,
    criteria: list[Criterion],
    gavle_leader: User,
) -> None:
    url = f"/api/v1/challenges/{challenge.pk}/assessment-results/"
    assert api_client.get(url).status_code == 401
    submit(assignment, criteria, 5, 5)
    submit(other_assignment, criteria, 1, 1)
    api_client.force_authenticate(gavle_leader)
    body = api_client.get(url).json()
    (row,) = body["results"]
    assert row["weighted_mean"] == 3.0
    assert (row["assessor_low"], row["assessor_high"]) == (1.0, 5.0)
    assert row["disagreement"] is True
    assert body["criteria"]["source"] == "challenge"
