"""E-mails of Samskapa: our notifications and allauth's account messages look and read alike.

Every e-mail has a greeting, plain text and an HTML part made from the same text, and names the
site by ``SITE_NAME`` with links under ``SITE_URL`` (never the host of the request that caused
it: a worker or a request to 127.0.0.1 would otherwise write links nobody can follow).

A notification's e-mail ends with a one-click unsubscribe link for its kind, also given in the
``List-Unsubscribe`` and ``List-Unsubscribe-Post`` headers (RFC 8058), so that mail programs can
offer their own "unsubscribe" button. The link carries a signed token naming the person and the
kind; it needs no login.

A notification's title comes from what people wrote (a need's or an idea's title), so it may
hold line breaks. A line break in a subject would be a new e-mail header: Django refuses to send
it (``BadHeaderError``). The subject is therefore made one line here, and kept short enough for
a mail program's list.
"""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

SUBJECT_MAX_LENGTH = 150
UNSUBSCRIBE_SALT = "samskapa.core.emails.unsubscribe"


def site_name() -> str:
    return " ".join(settings.SITE_NAME.split())


def site_domain() -> str:
    """The host name of ``SITE_URL`` (``samskapa.gavle.se``), as people would write it."""
    return urlsplit(settings.SITE_URL).netloc or settings.SITE_URL


def email_subject(title: str) -> str:
    """``[<site name>] <title>`` on one line, whitespace collapsed, at most 150 characters."""
    prefix = f"[{site_name()}] "
    line = " ".join(title.split())
    return prefix + Truncator(line).chars(SUBJECT_MAX_LENGTH - len(prefix))


def site_link(path: str) -> str:
    """``path`` on this site, as an absolute URL from ``SITE_URL`` (a link in an e-mail)."""
    return f"{settings.SITE_URL.rstrip('/')}/{path.lstrip('/')}"


def greeting(user: Any) -> str:
    """ "Hej Ada!" with the name the person chose, or just "Hej!" (in the active language)."""
    name = (getattr(user, "full_name", "") or "").strip()
    if name:
        return _("Hello %(name)s,") % {"name": name}
    return _("Hello,")


def sign_off() -> str:
    return _("Best regards,\n%(site)s\n%(url)s") % {"site": site_name(), "url": settings.SITE_URL}


def html_from_text(text: str, *, language: str) -> str:
    """The HTML part of an e-mail: the same paragraphs as the text part, with links."""
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return render_to_string(
        "core/email/layout.html",
        {"paragraphs": paragraphs, "language": language, "site_name": site_name()},
    )


def with_html(message: EmailMultiAlternatives, *, language: str) -> EmailMultiAlternatives:
    """Add the HTML part made from the message's text, unless it has one already."""
    if not any(mimetype == "text/html" for _content, mimetype in message.alternatives):
        message.attach_alternative(
            html_from_text(str(message.body), language=language), "text/html"
        )
    return message


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, kind) of a token made by ``unsubscribe_token``; None if forged or mangled."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, kind = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or not isinstance(kind, str):
        return None
    return user_id, kind


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return site_link(reverse("core:email_unsubscribe", kwargs={"token": token}))


def notification_email(notification: Any, *, connection: Any = None) -> EmailMultiAlternatives:
    """The e-mail to the notification's recipient, in their language, with an unsubscribe link."""
    from samskapa.core.models import NotificationKind

    recipient = notification.recipient
    language = getattr(recipient, "language", "") or "sv"
    with translation.override(language):
        unsubscribe = unsubscribe_url(user_id=recipient.pk, kind=notification.kind)
        parts = [greeting(recipient), notification.title]
        if notification.body:
            parts.append(notification.body)
        if notification.url:
            parts.append(_("Read more: %(url)s") % {"url": site_link(notification.url)})
        parts.append(sign_off())
        parts.append(
            _(
                "You receive this e-mail because you get notifications about: %(kind)s. "
                "Stop these e-mails with one click: %(unsubscribe)s\n"
                "Choose which notifications come by e-mail: %(settings)s"
            )
            % {
                "kind": str(NotificationKind(notification.kind).label).lower(),
                "unsubscribe": unsubscribe,
                "settings": site_link(reverse("core:notification_settings")),
            }
        )
        text = "\n\n".join(parts)
        message = EmailMultiAlternatives(
            subject=email_subject(notification.title),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient.email],
            connection=connection,
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        return with_html(message, language=language)
