"""Pre-moderated challenges, reports of ideas and comments, and the moderation queue of ideas."""

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.limits import SHORT_TEXT
from samskapa.ideas.models import Challenge, Comment, Idea, Report
from samskapa.ideas.selectors import idea_list, ideas_to_moderate, ideas_visible_to
from samskapa.ideas.services import (
    comment_add,
    comment_hide,
    comment_report,
    idea_approve,
    idea_moderate,
    idea_report,
    idea_submit,
)
from samskapa.ideas.tests.factories import ChallengeFactory
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.portfolio.services import initiative_create_from_idea
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(gavle: Organisation) -> User:
    return MembershipFactory(role=Role.MODERATOR, organisation=gavle).user


@pytest.fixture
def premoderated(naringen: Project) -> Challenge:
    return ChallengeFactory(project=naringen, premoderated=True, title="Torget")


@pytest.fixture
def waiting(author: User, premoderated: Challenge) -> Idea:
    return idea_submit(
        actor=author,
        challenge=premoderated,
        title="Vattenlek på torget",
        summary="Fontäner i marken.",
        description="Barn leker i vattnet på sommaren.",
    )


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_an_idea_in_a_premoderated_challenge_is_seen_only_by_its_author_and_the_moderators(
    waiting: Idea, author: User, moderator: User, resident: User
) -> None:
    assert waiting.awaiting_approval
    assert waiting in ideas_visible_to(user=author) and waiting in ideas_visible_to(user=moderator)
    for person in (resident, None):
        client = _client(person)
        assert client.get(waiting.get_absolute_url()).status_code == 404
        assert waiting.title not in client.get("/sv/ideer/").text
        assert waiting.title not in client.get(waiting.challenge.get_absolute_url()).text  # type: ignore[union-attr]
        assert waiting.title not in client.get("/sv/sok/?q=Vattenlek").text
        assert waiting.title not in client.get("/sv/kommun/gavle/").text
    api = APIClient()
    api.force_authenticate(resident)
    assert waiting.pk not in [idea["id"] for idea in api.get("/api/v1/ideas/").json()["results"]]
    assert api.get(f"/api/v1/ideas/{waiting.pk}/").status_code == 404
    # Nobody else takes part in an idea that is not shown yet.
    assert not resident.has_perm("ideas.comment_idea", waiting)
    assert not resident.has_perm("ideas.support_idea", waiting)


def test_the_author_sees_the_state_on_the_idea_and_in_my_work(waiting: Idea, author: User) -> None:
    client = _client(author)
    assert "Väntar på godkännande" in client.get(waiting.get_absolute_url()).text
    my_work = client.get("/sv/mitt-arbete/").text
    assert waiting.title in my_work and "Väntar på godkännande" in my_work


def test_a_moderator_approves_and_the_author_is_told_in_their_language(
    waiting: Idea,
    author: User,
    moderator: User,
    resident: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    author.language = "en"
    author.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(moderator).post(
            f"/sv/ideer/{waiting.pk}/moderera/", {"action": "approve", "reason": ""}
        )
    assert response.status_code == 302

    waiting.refresh_from_db()
    assert not waiting.awaiting_approval
    assert waiting in ideas_visible_to(user=resident)
    assert _client(resident).get(waiting.get_absolute_url()).status_code == 200
    told = author.notifications.get()
    assert told.title == "Your idea “Vattenlek på torget” has been approved and published"
    sent = [message for message in mail.outbox if author.email in message.to]
    assert len(sent) == 1 and "has been approved and published" in sent[0].subject
    # The approval is kept in the idea's history, with who did it.
    last = waiting.history.order_by("-history_date").first()
    assert last is not None and last.history_user == moderator and not last.awaiting_approval


def test_the_approval_in_swedish(waiting: Idea, author: User, moderator: User) -> None:
    idea_approve(actor=moderator, idea=waiting)
    assert author.notifications.get().title == (
        "Din idé ”Vattenlek på torget” har godkänts och publicerats"
    )


def test_only_moderators_approve_and_only_what_awaits_approval(
    waiting: Idea, author: User, gavle_leader: User, resident: User, moderator: User
) -> None:
    for person in (author, resident):
        with pytest.raises(PermissionDenied):
            idea_approve(actor=person, idea=waiting)
    assert (
        _client(author).post(f"/sv/ideer/{waiting.pk}/moderera/", {"action": "approve"}).status_code
        == 403
    )
    assert (
        _client(resident)
        .post(f"/sv/ideer/{waiting.pk}/moderera/", {"action": "approve"})
        .status_code
        == 404
    )
    waiting.refresh_from_db()
    assert waiting.awaiting_approval

    idea_approve(actor=gavle_leader, idea=waiting)
    with pytest.raises(ValidationError) as refusal:
        idea_approve(actor=moderator, idea=waiting)
    assert "action" in refusal.value.message_dict


def test_hiding_a_waiting_idea_and_showing_it_again_publishes_it(
    waiting: Idea, moderator: User, resident: User
) -> None:
    response = _client(moderator).post(
        f"/sv/ideer/{waiting.pk}/moderera/", {"action": "hide", "reason": ""}, follow=True
    )
    assert "Ange ett skäl till modereringen." in response.text
    idea_moderate(actor=moderator, idea=waiting, hidden=True, reason="Reklam.")
    with pytest.raises(ValidationError):
        idea_moderate(actor=moderator, idea=waiting, hidden=True, reason="Igen.")
    idea_moderate(actor=moderator, idea=waiting, hidden=False, reason="Ändrad av författaren.")
    waiting.refresh_from_db()
    assert not waiting.is_hidden and not waiting.awaiting_approval
    assert waiting in ideas_visible_to(user=resident)


def test_ideas_of_other_challenges_and_of_moderators_are_published_at_once(
    naringen: Project, premoderated: Challenge, author: User, moderator: User
) -> None:
    open_call = ChallengeFactory(project=naringen)
    plain = idea_submit(actor=author, challenge=open_call, title="A", summary="B", description="C")
    own = idea_submit(
        actor=moderator, challenge=premoderated, title="D", summary="E", description="F"
    )
    assert not plain.awaiting_approval and not own.awaiting_approval


def test_a_leader_turns_premoderation_on_in_the_challenge_form(
    naringen: Project, gavle_leader: User
) -> None:
    challenge = ChallengeFactory(project=naringen)
    page = _client(gavle_leader).get(f"/sv/ideer/utmaningar/{challenge.pk}/andra/").text
    assert "Godkänn idéer innan de visas" in page


def test_a_resident_reports_an_idea_once_and_moderation_closes_the_report(
    idea: Idea, resident: User, gavle_leader: User
) -> None:
    response = _client(resident).post(f"/sv/ideer/{idea.pk}/anmal/", {"reason": "Reklam."})
    assert response.status_code == 302
    assert Report.objects.filter(idea=idea, reporter=resident, comment=None).count() == 1
    assert gavle_leader.notifications.filter(title__contains=idea.title).exists()

    again = _client(resident).post(f"/sv/ideer/{idea.pk}/anmal/", {"reason": "Igen."}, follow=True)
    assert "Du har redan anmält den här idén." in again.text
    with pytest.raises(ValidationError):
        idea_report(actor=resident, idea=idea, reason="   ")
    assert Report.objects.count() == 1

    queue = _client(gavle_leader).get("/sv/ideer/moderering/").text
    assert idea.title in queue and "1 anmälan" in queue and "Reklam." in queue

    idea_moderate(actor=gavle_leader, idea=idea, hidden=True, reason="Reklam för ett företag.")
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    # Once handled, the same person may report the idea again (after it is shown again).
    idea_moderate(actor=gavle_leader, idea=idea, hidden=False, reason="Rättad.")
    idea_report(actor=resident, idea=idea, reason="Fortfarande reklam.")


def test_a_too_long_report_reason_is_refused_in_both_languages(idea: Idea, resident: User) -> None:
    reason = "å" * (SHORT_TEXT + 1)
    swedish = _client(resident).post(f"/sv/ideer/{idea.pk}/anmal/", {"reason": reason}, follow=True)
    assert f"som mest {SHORT_TEXT} tecken" in swedish.text
    english = _client(resident).post(f"/en/ideer/{idea.pk}/anmal/", {"reason": reason}, follow=True)
    assert f"at most {SHORT_TEXT} characters" in english.text
    assert "Tell us" not in english.text
    with pytest.raises(ValidationError) as refusal:
        idea_report(actor=resident, idea=idea, reason=reason)
    assert "reason" in refusal.value.message_dict
    assert not Report.objects.exists()


def test_who_may_not_report(idea: Idea, waiting: Idea, author: User, resident: User) -> None:
    # Not one's own idea, not as a visitor, not an idea one cannot see.
    assert _client(author).post(f"/sv/ideer/{idea.pk}/anmal/", {"reason": "x"}).status_code == 403
    visitor = _client().post(f"/sv/ideer/{idea.pk}/anmal/", {"reason": "x"})
    assert visitor.status_code == 302 and "/konto/login/" in visitor["Location"]
    assert (
        _client(resident).post(f"/sv/ideer/{waiting.pk}/anmal/", {"reason": "x"}).status_code == 404
    )
    assert not Report.objects.exists()


def test_a_reported_comment_reaches_the_queue_and_a_moderator_hides_it(
    idea: Idea, author: User, resident: User, moderator: User
) -> None:
    comment = comment_add(actor=author, idea=idea, text="Ring mig på 070-123 45 67.")
    page = _client(resident).get(idea.get_absolute_url()).text
    assert f"/sv/ideer/kommentarer/{comment.pk}/anmal/" in page
    # One's own comment cannot be reported.
    assert (
        f"/sv/ideer/kommentarer/{comment.pk}/anmal/"
        not in _client(author).get(idea.get_absolute_url()).text
    )
    assert (
        _client(author)
        .post(f"/sv/ideer/kommentarer/{comment.pk}/anmal/", {"reason": "x"})
        .status_code
        == 403
    )

    _client(resident).post(
        f"/sv/ideer/kommentarer/{comment.pk}/anmal/", {"reason": "Ett telefonnummer."}
    )
    with pytest.raises(ValidationError):
        comment_report(actor=resident, comment=comment, reason="Igen.")
    assert moderator.notifications.filter(title__contains="kommentar").exists()
    listed = ideas_to_moderate(user=moderator)
    assert idea in listed and listed.get(pk=idea.pk).open_report_count == 1  # type: ignore[attr-defined]
    queue = _client(moderator).get("/sv/ideer/moderering/").text
    assert "Ring mig på 070-123 45 67." in queue and "Ett telefonnummer." in queue

    # Only a moderator hides it; the reason is kept in the comment's history.
    assert _client(resident).post(f"/sv/ideer/kommentarer/{comment.pk}/dolj/").status_code == 403
    response = _client(moderator).post(
        f"/sv/ideer/kommentarer/{comment.pk}/dolj/",
        {"reason": "Personuppgifter.", "next": "/sv/ideer/moderering/"},
    )
    assert response["Location"] == "/sv/ideer/moderering/"
    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.history.latest().history_change_reason == "Personuppgifter."
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    assert "070-123" not in _client(resident).get(idea.get_absolute_url()).text
    assert idea not in ideas_to_moderate(user=moderator)


def test_hiding_a_comment_is_refused_to_others(idea: Idea, author: User, resident: User) -> None:
    comment = comment_add(actor=resident, idea=idea, text="Hej")
    with pytest.raises(PermissionDenied):
        comment_hide(actor=author, comment=comment)
    assert not Comment.objects.get(pk=comment.pk).is_hidden


def test_only_moderators_see_the_moderation_link_and_queue(
    idea: Idea, resident: User, moderator: User
) -> None:
    assert "/sv/ideer/moderering/" not in _client(resident).get("/sv/ideer/").text
    assert _client(resident).get("/sv/ideer/moderering/").status_code == 403
    assert _client().get("/sv/ideer/moderering/").status_code == 302
    assert "/sv/ideer/moderering/" in _client(moderator).get("/sv/ideer/").text
    assert _client(moderator).get("/en/ideer/moderering/").status_code == 200


def test_a_moderator_of_another_organisation_sees_nothing_waiting(
    waiting: Idea, kiruna_leader: User
) -> None:
    assert waiting not in ideas_to_moderate(user=kiruna_leader)
    assert waiting not in idea_list(user=kiruna_leader)
    assert (
        _client(kiruna_leader)
        .post(f"/sv/ideer/{waiting.pk}/moderera/", {"action": "approve"})
        .status_code
        == 404
    )


def test_the_queue_costs_the_same_queries_however_many_reports(
    idea: Idea, moderator: User, django_assert_max_num_queries: Any
) -> None:
    for _n in range(5):
        reporter = UserFactory()
        idea_report(actor=reporter, idea=idea, reason="Reklam.")
        comment_report(
            actor=reporter, comment=comment_add(actor=idea.author, idea=idea, text="x"), reason="y"
        )
    client = _client(moderator)
    client.get("/sv/ideer/moderering/")
    with django_assert_max_num_queries(12):
        assert "10 anmälningar" in client.get("/sv/ideer/moderering/").text


def test_an_idea_awaiting_approval_is_not_taken_forward_as_an_initiative(
    waiting: Idea, gavle_leader: User
) -> None:
    assert (
        "Ta vidare som initiativ" not in _client(gavle_leader).get(waiting.get_absolute_url()).text
    )
    with pytest.raises(ValidationError) as refusal:
        initiative_create_from_idea(actor=gavle_leader, idea=waiting)
    assert "idea" in refusal.value.message_dict
    idea_approve(actor=gavle_leader, idea=waiting)
    assert "Ta vidare som initiativ" in _client(gavle_leader).get(waiting.get_absolute_url()).text
