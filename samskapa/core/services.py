"""Writes of the core app: notifications."""

import logging
from collections.abc import Callable, Iterable
from typing import Any

import kombu.exceptions
from django.db import transaction
from django.utils import timezone, translation

from samskapa.core.models import Notification

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
    *, recipients: Iterable[Any], title: Text, body: Text = "", url: str = "", email: bool = True
) -> list[Notification]:
    """Create an in-app notification for each recipient and e-mail a copy after commit.

    Other apps call this as the explicit next step of their own services; it is the one way
    to tell people that something happened. Pass ``title`` and ``body`` as functions
    (``lambda: _("...") % {...}``) to have them written in each recipient's own language.
    """
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                title=_in_language_of(user, title),
                body=_in_language_of(user, body),
                url=url,
            )
            for user in unique.values()
        ]
    )
    if email and notifications:
        from samskapa.core.tasks import send_notification_emails

        ids = [notification.pk for notification in notifications]
        # Robust: whatever happens to the e-mail, the change that caused it is committed and its
        # request must not fail; the error is logged and the notifications stay unmarked.
        transaction.on_commit(lambda: _queue(send_notification_emails, ids), robust=True)
    return notifications


def notification_mark_read(*, actor: Any, notification: Notification | None = None) -> int:
    """Mark one notification, or all of ``actor``'s unread ones, as read. Returns how many."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    return unread.update(read_at=timezone.now())
