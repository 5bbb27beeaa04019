"""Writes of assessment refer only to what the leader may use, and happen once.

An invitation names an idea of the challenge it is made under (not one of another challenge, not
a hidden one); scores are given on the criteria of the assignment's own challenge; a submission
or an invitation sent twice counts once. The fetching helpers answer 404 and 403 as the rules say.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.assessment import services
from samskapa.assessment.models import Assignment, AssignmentStatus, Criterion, Score
from samskapa.assessment.selectors import access_assignment, access_criterion
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_idea(naringen: Project) -> Idea:
    """An idea of another challenge of the same project."""
    other = ChallengeFactory(project=naringen, title="Mötesplatser")
    return IdeaFactory(challenge=other, project=naringen, title="Bänkar")


@pytest.fixture
def hidden_idea(challenge: Challenge) -> Idea:
    return IdeaFactory(challenge=challenge, project=challenge.project, is_hidden=True)


class TestInvitationsReferToTheChallenge:
    def test_service_refuses_an_idea_of_another_challenge_or_a_hidden_one(
        self,
        gavle_leader: User,
        challenge: Challenge,
        criteria: list[Criterion],
        other_idea: Idea,
        hidden_idea: Idea,
        assessor: User,
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.assessor_invite(
                actor=gavle_leader, challenge=challenge, idea=other_idea, email=assessor.email
            )
        assert "idea" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            services.assessor_invite(actor=gavle_leader, idea=hidden_idea, email=assessor.email)
        assert "idea" in error.value.message_dict
        assert not Assignment.objects.exists()

    @pytest.mark.parametrize("which", ["other_idea", "hidden_idea"])
    def test_api_refuses_them_with_400(
        self,
        which: str,
        request: pytest.FixtureRequest,
        api_client: APIClient,
        challenge: Challenge,
        criteria: list[Criterion],
        gavle_leader: User,
        assessor: User,
    ) -> None:
        idea = request.getfixturevalue(which)
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(
            f"/api/v1/challenges/{challenge.pk}/assessment-assignments/",
            {"idea": idea.pk, "email": assessor.email},
            format="json",
        )
        assert response.status_code == 400
        assert "idea" in response.json()
        assert not Assignment.objects.exists()

    @pytest.mark.parametrize("which", ["other_idea", "hidden_idea"])
    def test_page_refuses_them_with_400(
        self,
        which: str,
        request: pytest.FixtureRequest,
        client: Client,
        challenge: Challenge,
        criteria: list[Criterion],
        gavle_leader: User,
        assessor: User,
    ) -> None:
        idea = request.getfixturevalue(which)
        client.force_login(gavle_leader)
        response = client.post(
            f"/sv/bedomning/utmaningar/{challenge.pk}/",
            {"action": "invite", "ideas": [idea.pk], "emails": assessor.email},
        )
        assert response.status_code == 400
        assert not Assignment.objects.exists()


class TestScoresReferToTheAssignmentsCriteria:
    def test_api_refuses_a_criterion_of_another_challenge(
        self,
        api_client: APIClient,
        assignment: Assignment,
        criteria: list[Criterion],
        gavle_leader: User,
        other_idea: Idea,
    ) -> None:
        assert other_idea.challenge is not None
        foreign = services.criterion_add(
            actor=gavle_leader, challenge=other_idea.challenge, name="Annat", weight=1
        )
        api_client.force_authenticate(assignment.assessor)
        response = api_client.post(
            f"/api/v1/assessments/{assignment.pk}/submit/",
            {"scores": [{"criterion": c.pk, "value": 3} for c in [*criteria, foreign]]},
            format="json",
        )
        assert response.status_code == 400
        assert not Score.objects.exists()


class TestOnce:
    def test_scores_sent_twice_on_the_page_are_counted_once(
        self, client: Client, assignment: Assignment, criteria: list[Criterion]
    ) -> None:
        client.force_login(assignment.assessor)
        data = {f"criterion_{c.pk}": "4" for c in criteria} | {"action": "confirm"}
        url = assignment.get_absolute_url()
        assert client.post(url, data).status_code == 302
        again = client.post(url, data, follow=True)
        assert again.status_code == 200
        assert "redan skickats in" in again.text
        assert Score.objects.count() == len(criteria)

    def test_scores_sent_twice_to_the_api_are_refused_the_second_time(
        self, api_client: APIClient, assignment: Assignment, criteria: list[Criterion]
    ) -> None:
        api_client.force_authenticate(assignment.assessor)
        url = f"/api/v1/assessments/{assignment.pk}/submit/"
        payload = {"scores": [{"criterion": c.pk, "value": 4} for c in criteria]}
        assert api_client.post(url, payload, format="json").status_code == 200
        assert api_client.post(url, payload, format="json").status_code == 403
        assert Score.objects.count() == len(criteria)

    def test_a_conflict_declared_twice_is_refused(self, assignment: Assignment) -> None:
        services.conflict_declare(actor=assignment.assessor, assignment=assignment, reason="Jäv.")
        with pytest.raises(PermissionDenied):
            services.conflict_declare(
                actor=assignment.assessor, assignment=assignment, reason="Igen."
            )
        assert assignment.history.filter(status=AssignmentStatus.EXCLUDED).count() == 1

    def test_a_conflict_cannot_be_declared_after_submitting(
        self, client: Client, assignment: Assignment, criteria: list[Criterion]
    ) -> None:
        services.assessment_submit(
            actor=assignment.assessor,
            assignment=assignment,
            values={criterion.pk: 3 for criterion in criteria},
        )
        with pytest.raises(PermissionDenied):
            services.conflict_declare(
                actor=assignment.assessor, assignment=assignment, reason="Kom på det sent."
            )
        client.force_login(assignment.assessor)
        page = client.get(assignment.get_absolute_url()).content.decode()
        assert f'action="{assignment.get_absolute_url()}jav/"' not in page
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.SUBMITTED


class TestAccess:
    def test_access_assignment(
        self, assignment: Assignment, other_assessor: User, gavle_leader: User
    ) -> None:
        assert access_assignment(user=assignment.assessor, pk=assignment.pk) == assignment
        assert access_assignment(user=gavle_leader, pk=assignment.pk) == assignment
        with pytest.raises(Http404):
            access_assignment(user=other_assessor, pk=assignment.pk)
        with pytest.raises(PermissionDenied):
            access_assignment(
                user=gavle_leader, pk=assignment.pk, rule="assessment.submit_assignment"
            )

    def test_access_criterion(
        self, criteria: list[Criterion], gavle_leader: User, resident: User
    ) -> None:
        criterion = criteria[0]
        assert access_criterion(user=resident, pk=criterion.pk) == criterion
        with pytest.raises(PermissionDenied):
            access_criterion(user=resident, pk=criterion.pk, rule="assessment.manage_criteria")
        assert (
            access_criterion(user=gavle_leader, pk=criterion.pk, rule="assessment.manage_criteria")
            == criterion
        )
        with pytest.raises(Http404):
            access_criterion(user=resident, pk=999_999)
