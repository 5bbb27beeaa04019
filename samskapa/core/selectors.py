"""Reads of the core app: a person's notifications."""

from typing import Any

from django.db.models import QuerySet

from samskapa.accounts.models import User
from samskapa.core.models import EmailOptOut, Notification, NotificationKind


def notifications_for(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_notification_count(*, user: Any) -> int:
    """Unread notifications of ``user``; 0 for a visitor (the page header asks on every page)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def personal_data(*, user: User) -> dict[str, Any]:
    """The person's notifications, for their data export."""
    return {
        "notifications": [
            {
                "kind": notification.kind,
                "title": notification.title,
                "text": notification.body,
                "created_at": notification.created_at.isoformat(),
                "read_at": notification.read_at.isoformat() if notification.read_at else None,
            }
            for notification in notifications_for(user=user)
        ],
        "notifications_not_by_email": sorted(
            EmailOptOut.objects.filter(user=user).values_list("kind", flat=True)
        ),
    }


def email_kinds_of(*, user: User) -> list[str]:
    """The kinds of notification that reach ``user`` by e-mail (all but those turned off)."""
    muted = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return [kind for kind in NotificationKind.values if kind not in muted]
