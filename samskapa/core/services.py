"""Writes of the core app: notifications."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from samskapa.core.models import Notification


def notification_send(
    *, recipients: Iterable[Any], title: str, body: str = "", url: str = "", email: bool = True
) -> list[Notification]:
    """Create an in-app notification for each recipient and e-mail a copy after commit.

    Other apps call this as the explicit next step of their own services; it is the one way
    to tell people that something happened.
    """
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    notifications = Notification.objects.bulk_create(
        [Notification(recipient=user, title=title, body=body, url=url) for user in unique.values()]
    )
    if email and notifications:
        from samskapa.core.tasks import send_notification_emails

        ids = [notification.pk for notification in notifications]
        transaction.on_commit(lambda: send_notification_emails.delay(ids))
    return notifications


def notification_mark_read(*, actor: Any, notification: Notification | None = None) -> int:
    """Mark one notification, or all of ``actor``'s unread ones, as read. Returns how many."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    return unread.update(read_at=timezone.now())
