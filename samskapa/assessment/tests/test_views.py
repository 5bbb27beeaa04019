"""Pages of assessment: my assessments, scoring, criteria management and results."""

import pytest
from django.test import Client

from samskapa.accounts.models import User
from samskapa.assessment.models import Assignment, AssignmentStatus, Criterion, Score
from samskapa.assessment.tests.conftest import submit
from samskapa.ideas.models import Challenge, Idea

pytestmark = pytest.mark.django_db


def test_my_assessments_lists_invitations(client: Client, assignment: Assignment) -> None:
    client.force_login(assignment.assessor)
    response = client.get("/sv/bedomning/")
    assert response.status_code == 200
    assert assignment.idea.title in response.text
    assert assignment.get_absolute_url() in response.text


def test_idea_page_links_assessor_and_leader(
    client: Client, assignment: Assignment, gavle_leader: User, resident: User
) -> None:
    url = assignment.idea.get_absolute_url()
    client.force_login(assignment.assessor)
    assert "/sv/bedomning/" in client.get(url).text
    client.force_login(resident)
    assert "/sv/bedomning/" not in client.get(url).text
    client.force_login(gavle_leader)
    challenge = assignment.idea.challenge
    assert f"/sv/bedomning/utmaningar/{challenge.pk}/resultat/" in client.get(url).text
    assert (
        f"/sv/bedomning/utmaningar/{challenge.pk}/" in client.get(challenge.get_absolute_url()).text
    )


def test_scoring_form_keeps_typed_values_on_error(
    client: Client, assignment: Assignment, criteria: list[Criterion]
) -> None:
    client.force_login(assignment.assessor)
    data = {
        f"criterion_{criteria[0].pk}": "9",
        f"criterion_{criteria[1].pk}": "3",
        f"comment_{criteria[1].pk}": "Billig att pröva",
    }
    response = client.post(assignment.get_absolute_url(), data)
    assert response.status_code == 400
    assert 'value="9"' in response.text
    assert "Billig att pröva" in response.text
    assert not Score.objects.exists()
    data[f"criterion_{criteria[0].pk}"] = "4"
    response = client.post(assignment.get_absolute_url(), data)
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED


def test_others_scores_shown_only_after_submitting(
    client: Client,
    assignment: Assignment,
    other_assignment: Assignment,
    criteria: list[Criterion],
) -> None:
    submit(other_assignment, criteria, 2, 2)
    other_assignment.scores.filter(criterion=criteria[0]).update(comment="Hemlig kommentar")
    client.force_login(assignment.assessor)
    assert "Hemlig kommentar" not in client.get(assignment.get_absolute_url()).text
    submit(assignment, criteria, 4, 4)
    assert "Hemlig kommentar" in client.get(assignment.get_absolute_url()).text


def test_non_invited_gets_404(client: Client, assignment: Assignment, resident: User) -> None:
    client.force_login(resident)
    assert client.get(assignment.get_absolute_url()).status_code == 404
    assert client.post(f"{assignment.get_absolute_url()}jav/", {"reason": "x"}).status_code == 404


def test_conflict_declared_from_page(client: Client, assignment: Assignment) -> None:
    client.force_login(assignment.assessor)
    response = client.post(f"{assignment.get_absolute_url()}jav/", {"reason": "Min kollega"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.EXCLUDED


def test_manage_page_adds_criteria_and_invites(
    client: Client, gavle_leader: User, challenge: Challenge, idea: Idea, assessor: User
) -> None:
    client.force_login(gavle_leader)
    url = f"/sv/bedomning/utmaningar/{challenge.pk}/"
    response = client.post(url, {"action": "criterion", "name": "Kostnad", "weight": "0"})
    assert response.status_code == 400
    assert 'value="Kostnad"' in response.text
    response = client.post(url, {"action": "criterion", "name": "Kostnad", "weight": "2"})
    assert response.status_code == 302
    response = client.post(url, {"action": "invite", "idea": idea.pk, "email": assessor.email})
    assert response.status_code == 302
    assert Assignment.objects.filter(assessor=assessor, idea=idea).exists()


def test_manage_and_results_refused_to_others(
    client: Client, challenge: Challenge, assignment: Assignment, resident: User
) -> None:
    for user in (resident, assignment.assessor):
        client.force_login(user)
        assert client.get(f"/sv/bedomning/utmaningar/{challenge.pk}/").status_code == 403
        assert client.get(f"/sv/bedomning/utmaningar/{challenge.pk}/resultat/").status_code == 403


def test_results_page_ranks_and_flags(
    client: Client,
    gavle_leader: User,
    challenge: Challenge,
    assignment: Assignment,
    other_assignment: Assignment,
    criteria: list[Criterion],
) -> None:
    submit(assignment, criteria, 5, 3)
    submit(other_assignment, criteria, 1, 3)
    client.force_login(gavle_leader)
    response = client.get(f"/sv/bedomning/utmaningar/{challenge.pk}/resultat/")
    assert response.status_code == 200
    assert assignment.idea.title in response.text
    assert "3,00" in response.text or "3.00" in response.text
    assert "<table" in response.text
