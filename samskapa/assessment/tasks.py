"""Background work of the assessment app: the e-mail inviting someone to assess ideas."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import translation
from django.utils.translation import gettext as _

from samskapa.assessment.models import AssessorInvitation
from samskapa.core.emails import email_subject, greeting, sign_off, site_link, site_name, with_html


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=6)
def send_assessor_invitation(invitation_id: int, language: str = "sv") -> bool:
    """E-mail the invitation's link; False if it was accepted or deleted meanwhile."""
    invitation = (
        AssessorInvitation.objects.select_related("challenge", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    ideas = list(invitation.ideas.order_by("title").values_list("title", flat=True))
    with translation.override(language):
        inviter = invitation.invited_by.display_name if invitation.invited_by else site_name()
        title = _("Invitation to assess ideas in “%(challenge)s”") % {
            "challenge": invitation.challenge.title
        }
        parts = [
            greeting(None),
            _(
                "%(inviter)s invites you to assess ideas that answer the challenge "
                "“%(challenge)s” on %(site)s:"
            )
            % {"inviter": inviter, "challenge": invitation.challenge.title, "site": site_name()},
            "\n".join(f"– {title}" for title in ideas),
            _(
                "Open this link to accept. If you have no account, you create one there: it "
                "lets you assess these ideas and nothing else. The link works for 30 days."
            ),
            site_link(invitation.get_absolute_url()),
            _("If you do not want to take part, you can ignore this e-mail."),
            sign_off(),
        ]
        message = EmailMultiAlternatives(
            subject=email_subject(title),
            body="\n\n".join(parts),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[invitation.email],
        )
        with_html(message, language=language).send()
    return True
