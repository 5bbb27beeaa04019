"""Writes of the core app: notifications."""

import logging
from collections.abc import Callable, Iterable
from typing import Any

import kombu.exceptions
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskapa.core.models import EmailOptOut, Notification, NotificationKind

logger = logging.getLogger("samskapa.core")

Text = str | Callable[[], str]


def _in_language_of(user: Any, text: Text) -> str:
    if not callable(text):
        return text
    with translation.override(getattr(user, "language", "") or "sv"):
        return text()


def _queue(task: Any, *args: Any) -> None:
    """Queue a task; while the broker is down, log it instead of failing the committed request."""
    try:
        task.delay(*args)
    except kombu.exceptions.OperationalError:
        logger.exception("Task %s%r not queued: the Celery broker is unreachable.", task.name, args)


def notification_send(
    *,
    recipients: Iterable[Any],
    title: Text,
    body: Text = "",
    url: str = "",
    email: bool = True,
    kind: str = NotificationKind.GENERAL,
) -> list[Notification]:
    """Create an in-app notification for each recipient and e-mail a copy after commit.

    Other apps call this as the explicit next step of their own services; it is the one way
    to tell people that something happened. Pass ``title`` and ``body`` as functions
    (``lambda: _("...") % {...}``) to have them written in each recipient's own language.
    ``kind`` says what it is about: people who turned that kind off get no e-mail copy.
    """
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                title=_in_language_of(user, title),
                body=_in_language_of(user, body),
                url=url,
            )
            for user in unique.values()
        ]
    )
    if email and notifications:
        from samskapa.core.tasks import send_notification_emails

        muted = set(
            EmailOptOut.objects.filter(user_id__in=unique, kind=kind).values_list(
                "user_id", flat=True
            )
        )
        ids = [n.pk for n in notifications if n.recipient_id not in muted]
        # Robust: whatever happens to the e-mail, the change that caused it is committed and its
        # request must not fail; the error is logged and the notifications stay unmarked.
        if ids:
            transaction.on_commit(lambda: _queue(send_notification_emails, ids), robust=True)
    return notifications


def notification_mark_read(*, actor: Any, notification: Notification | None = None) -> int:
    """Mark one notification, or all of ``actor``'s unread ones, as read. Returns how many."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def email_preferences_set(*, actor: Any, email_kinds: Iterable[str]) -> list[str]:
    """Set which kinds of notification reach ``actor`` by e-mail; the others are turned off.

    Returns the kinds turned off. Unknown kinds are refused.
    """
    wanted = set(email_kinds)
    unknown = wanted - set(NotificationKind.values)
    if unknown:
        raise ValidationError({"email_kinds": _("Choose among the kinds of notification shown.")})
    muted = [kind for kind in NotificationKind.values if kind not in wanted]
    EmailOptOut.objects.filter(user=actor).exclude(kind__in=muted).delete()
    EmailOptOut.objects.bulk_create(
        [EmailOptOut(user=actor, kind=kind) for kind in muted], ignore_conflicts=True
    )
    return muted


@transaction.atomic
def email_unsubscribe(*, user: Any, kind: str) -> EmailOptOut:
    """Stop e-mails of ``kind`` to ``user``: the one-click link of an e-mail, signed for them."""
    if kind not in NotificationKind.values:
        raise ValidationError(_("This link is not valid."))
    opt_out, _created = EmailOptOut.objects.get_or_create(user=user, kind=kind)
    return opt_out
