"""Inviting outside experts: several ideas to several people, by e-mail, with or without an account."""

import pytest
from django.core import mail
from django.test import Client

from samskapa.accounts.models import User
from samskapa.assessment import services
from samskapa.assessment.models import AssessorInvitation, Assignment, Criterion
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_ideas(challenge: Challenge, idea: Idea) -> list[Idea]:
    return [idea, IdeaFactory(challenge=challenge, project=challenge.project, title="Andra idén")]


def test_the_leader_assigns_two_ideas_to_an_assessor_and_invites_a_stranger(
    client: Client,
    gavle_leader: User,
    challenge: Challenge,
    criteria: list[Criterion],
    two_ideas: list[Idea],
    assessor: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    client.force_login(gavle_leader)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(
            f"/sv/bedomning/utmaningar/{challenge.pk}/",
            {
                "action": "invite",
                "ideas": [idea.pk for idea in two_ideas],
                "emails": f"{assessor.email}, expert@universitet.example",
            },
        )

    assert response.status_code == 302
    assert Assignment.objects.filter(assessor=assessor).count() == 2
    invitation = AssessorInvitation.objects.get(email="expert@universitet.example")
    assert set(invitation.ideas.all()) == set(two_ideas)
    [message] = [m for m in mail.outbox if m.to == ["expert@universitet.example"]]
    assert message.subject.startswith("[Samskapa] Inbjudan att bedöma idéer i")
    assert invitation.get_absolute_url() in message.body
    assert "Andra idén" in message.body and message.alternatives


def test_a_stranger_creates_an_account_from_the_link_and_assesses_only_those_ideas(
    gavle_leader: User, challenge: Challenge, criteria: list[Criterion], two_ideas: list[Idea]
) -> None:
    result = services.assessors_invite(
        actor=gavle_leader, challenge=challenge, ideas=two_ideas, emails=["expert@uni.example"]
    )
    [invitation] = result.invitations
    client = Client()
    url = invitation.get_absolute_url()
    assert "Skapa konto och tacka ja" in client.get(url).text

    refused = client.post(url, {"display_name": "Expert", "password1": "kort", "password2": "kort"})
    assert (
        refused.status_code == 400 and not User.objects.filter(email="expert@uni.example").exists()
    )

    password = "ett-langt-testlosenord-1"
    response = client.post(
        url, {"display_name": "Eva Expert", "password1": password, "password2": password}
    )

    assert response.status_code == 302
    expert = User.objects.get(email="expert@uni.example")
    assert expert.display_name == "Eva Expert"
    assert {a.idea for a in Assignment.objects.filter(assessor=expert)} == set(two_ideas)
    assert not expert.memberships.exists()  # no role anywhere else
    assert client.get("/sv/bedomning/").status_code == 200
    # The link is used up.
    assert Client().get(url).status_code == 404


def test_others_cannot_invite_and_authors_are_left_out(
    client: Client,
    resident: User,
    gavle_leader: User,
    challenge: Challenge,
    criteria: list[Criterion],
    idea: Idea,
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.assessors_invite(
            actor=resident, challenge=challenge, ideas=[idea], emails=["x@example.se"]
        )
    result = services.assessors_invite(
        actor=gavle_leader, challenge=challenge, ideas=[idea], emails=[idea.author.email]
    )
    assert result.assignments == [] and len(result.skipped) == 1
    assert not AssessorInvitation.objects.exists()
