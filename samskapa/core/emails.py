"""The e-mail copy of a notification (avisering via e-post): subject, text and link.

A notification's title comes from what people wrote (a need's or an idea's title), so it may
hold line breaks. A line break in a subject would be a new e-mail header: Django refuses to send
it (``BadHeaderError``). The subject is therefore made one line here, and kept short enough for
a mail program's list.
"""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.text import Truncator

SUBJECT_MAX_LENGTH = 150


def email_subject(title: str) -> str:
    """``[<site name>] <title>`` on one line, whitespace collapsed, at most 150 characters."""
    prefix = f"[{' '.join(settings.SITE_NAME.split())}] "
    line = " ".join(title.split())
    return prefix + Truncator(line).chars(SUBJECT_MAX_LENGTH - len(prefix))


def site_link(path: str) -> str:
    """``path`` on this site, as an absolute URL from ``SITE_URL`` (a link in an e-mail)."""
    return f"{settings.SITE_URL.rstrip('/')}/{path.lstrip('/')}"


def notification_email(notification: Any, *, connection: Any = None) -> EmailMessage:
    """The e-mail to the notification's recipient; the text ends with the link, if any."""
    body = notification.body
    if notification.url:
        body = f"{body}\n\n{site_link(notification.url)}".strip()
    return EmailMessage(
        subject=email_subject(notification.title),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
        connection=connection,
    )
