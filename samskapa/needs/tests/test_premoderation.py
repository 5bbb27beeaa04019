"""Pre-moderated campaigns, reports from residents, and who sees the moderation queue."""

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from samskapa.accounts.models import User
from samskapa.core.limits import SHORT_TEXT
from samskapa.needs.models import Campaign, ModerationAction, Need, NeedReport
from samskapa.needs.selectors import needs_visible_to
from samskapa.needs.services import need_moderate, need_report, need_submit
from samskapa.needs.tests.factories import CampaignFactory, NeedFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(naringen: Project) -> Campaign:
    return CampaignFactory(project=naringen, premoderated=True)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_need_in_a_premoderated_campaign_waits_for_approval(
    campaign: Campaign, naringen: Project, author: User, resident: User, moderator: User
) -> None:
    need = need_submit(
        actor=author, project=naringen, campaign=campaign, title="Belysning", description="Mörkt."
    )

    assert need.awaiting_approval
    assert need in needs_visible_to(user=author) and need in needs_visible_to(user=moderator)
    assert need not in needs_visible_to(user=resident)
    assert not resident.has_perm("needs.view_need", need)
    assert _client(resident).get(need.get_absolute_url()).status_code == 404
    assert "Väntar på godkännande" in _client(author).get(need.get_absolute_url()).text

    with pytest.raises(PermissionDenied):
        need_moderate(actor=author, need=need, action=ModerationAction.APPROVE, reason="")
    need_moderate(actor=moderator, need=need, action=ModerationAction.APPROVE, reason="")

    need.refresh_from_db()
    assert not need.awaiting_approval
    assert need in needs_visible_to(user=resident)
    assert author.notifications.filter(title__contains="har godkänts").exists()


def test_post_moderation_publishes_at_once_and_moderators_need_no_approval(
    naringen: Project, author: User, moderator: User, resident: User
) -> None:
    plain = CampaignFactory(project=naringen)
    need = need_submit(actor=author, project=naringen, campaign=plain, title="A", description="B")
    own = need_submit(
        actor=moderator,
        project=naringen,
        campaign=CampaignFactory(project=naringen, premoderated=True),
        title="C",
        description="D",
    )
    assert not need.awaiting_approval and not own.awaiting_approval
    assert need in needs_visible_to(user=resident)


def test_approving_a_published_need_is_refused(needs: dict[str, Need], moderator: User) -> None:
    with pytest.raises(ValidationError) as refusal:
        need_moderate(actor=moderator, need=needs["public"], action="approve", reason="")
    assert "action" in refusal.value.message_dict


def test_a_resident_reports_a_need_once_and_moderation_closes_it(
    needs: dict[str, Need], resident: User, author: User, moderator: User
) -> None:
    need = needs["public"]
    response = _client(resident).post(f"/sv/behov/{need.pk}/anmal/", {"reason": "Kränkande."})
    assert response.status_code == 302
    assert NeedReport.objects.filter(need=need, reporter=resident).count() == 1
    assert moderator.notifications.filter(title__contains=need.title).exists()

    with pytest.raises(ValidationError):
        need_report(actor=resident, need=need, reason="Igen.")
    with pytest.raises(ValidationError):
        need_report(actor=resident, need=need, reason="  ")

    queue = _client(moderator).get("/sv/behov/moderering/?state=reported").text
    assert need.title in queue and "1 anmälan" in queue

    need_moderate(actor=moderator, need=need, action="hide", reason="Bryter mot villkoren.")
    assert not NeedReport.objects.filter(resolved_at__isnull=True).exists()


def test_the_author_cannot_report_their_own_need_and_visitors_cannot_report(
    needs: dict[str, Need], author: User
) -> None:
    need = needs["public"]
    assert _client(author).post(f"/sv/behov/{need.pk}/anmal/", {"reason": "x"}).status_code == 403
    assert Client().post(f"/sv/behov/{need.pk}/anmal/", {"reason": "x"}).status_code == 302
    assert not NeedReport.objects.exists()


def test_only_moderators_see_the_moderation_link_and_page(
    naringen: Project, resident: User, moderator: User
) -> None:
    NeedFactory(project=naringen)
    assert "/sv/behov/moderering/" not in _client(resident).get("/sv/behov/").text
    assert _client(resident).get("/sv/behov/moderering/").status_code == 403
    assert "/sv/behov/moderering/" in _client(moderator).get("/sv/behov/").text
    assert _client(moderator).get("/sv/behov/moderering/").status_code == 200


def test_a_too_long_report_reason_is_refused_in_both_languages(
    needs: dict[str, Need], resident: User
) -> None:
    need = needs["public"]
    reason = "å" * (SHORT_TEXT + 1)
    swedish = _client(resident).post(f"/sv/behov/{need.pk}/anmal/", {"reason": reason}, follow=True)
    assert f"som mest {SHORT_TEXT} tecken" in swedish.text
    english = _client(resident).post(f"/en/behov/{need.pk}/anmal/", {"reason": reason}, follow=True)
    assert f"at most {SHORT_TEXT} characters" in english.text
    with pytest.raises(ValidationError) as refusal:
        need_report(actor=resident, need=need, reason=reason)
    assert "reason" in refusal.value.message_dict
    assert not NeedReport.objects.exists()


def test_the_author_gets_the_approval_by_e_mail_in_their_language(
    campaign: Campaign,
    naringen: Project,
    author: User,
    moderator: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    author.language = "en"
    author.save(update_fields=["language"])
    need = need_submit(
        actor=author, project=naringen, campaign=campaign, title="Belysning", description="Mörkt."
    )
    with django_capture_on_commit_callbacks(execute=True):
        _client(moderator).post(f"/sv/behov/{need.pk}/moderera/", {"action": "approve"})

    [message] = [message for message in mail.outbox if author.email in message.to]
    assert "Your need “Belysning” has been approved and published" in message.subject
    assert f"/behov/{need.pk}/" in message.body
