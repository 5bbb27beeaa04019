"""Reads of the core app."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from samskapa.assessment.models import AssignmentStatus
from samskapa.assessment.selectors import assignments_of
from samskapa.core.models import Notification
from samskapa.core.permissions import LEADER_ROLES, MODERATOR_ROLES, memberships_of
from samskapa.needs.models import ModerationEvent
from samskapa.needs.selectors import moderation_queue
from samskapa.portfolio.selectors import initiatives_due_for_gate


def notifications_for(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_notification_count(*, user: Any) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# --- "My work": the task inbox ----------------------------------------------------------------

# Each section of the inbox lists this many items, and counts up to INBOX_COUNT_CAP ("99+").
INBOX_LIMIT = 10
INBOX_COUNT_CAP = 99
# A need waits for a moderator's eye this long after it was submitted.
NEW_NEED_DAYS = 14


@dataclass
class InboxSection:
    """One kind of task: the first items, and how many there are (counted up to a cap)."""

    items: list[Any]
    count: int
    capped: bool = False

    @property
    def count_display(self) -> str:
        return f"{INBOX_COUNT_CAP}+" if self.capped else str(self.count)

    @property
    def has_more(self) -> bool:
        return self.capped or self.count > len(self.items)


@dataclass
class WorkInbox:
    """Mitt arbete: what waits for the user. A section is None where the user has no such role."""

    needs_to_moderate: InboxSection | None
    ideas_to_assess: InboxSection
    gates_due: InboxSection | None

    @property
    def total(self) -> int:
        sections = (self.needs_to_moderate, self.ideas_to_assess, self.gates_due)
        return sum(section.count for section in sections if section is not None)


def _section(queryset: QuerySet[Any]) -> InboxSection:
    """Two queries whatever the size: a capped count and the first items."""
    count = queryset.order_by()[: INBOX_COUNT_CAP + 1].count()
    items = list(queryset[:INBOX_LIMIT]) if count else []
    return InboxSection(
        items=items, count=min(count, INBOX_COUNT_CAP), capped=count > INBOX_COUNT_CAP
    )


def _has_role(user: Any, roles: frozenset[str]) -> bool:
    return getattr(user, "is_superuser", False) or any(
        role in roles for _org, _project, role in memberships_of(user)
    )


def needs_to_moderate(*, user: Any, today: datetime.date) -> QuerySet[Any]:
    """New needs in the projects ``user`` moderates or leads that no moderator has acted on.

    Needs are published at once and moderated afterwards, so "to moderate" means: submitted in
    the last ``NEW_NEED_DAYS`` days, not hidden, and without any moderation event yet.
    """
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=NEW_NEED_DAYS), datetime.time())
    )
    return moderation_queue(user=user, state="visible").filter(
        ~Exists(ModerationEvent.objects.filter(need=OuterRef("pk"))), created_at__gte=since
    )


def ideas_to_assess(*, user: Any) -> QuerySet[Any]:
    """The user's open assessment assignments, the nearest challenge deadline first."""
    return (
        assignments_of(user=user)
        .filter(status=AssignmentStatus.INVITED)
        .select_related("idea__challenge")
        .order_by(F("idea__challenge__deadline").asc(nulls_last=True), "invited_at", "pk")
    )


def gate_decisions_due(*, user: Any, today: datetime.date) -> QuerySet[Any]:
    """Initiatives ``user`` leads whose next gate decision is due soon or overdue."""
    return initiatives_due_for_gate(user=user, today=today)


def work_inbox(*, user: Any, today: datetime.date) -> WorkInbox:
    """The sections of "My work" that apply to ``user``; two queries per section."""
    return WorkInbox(
        needs_to_moderate=_section(needs_to_moderate(user=user, today=today))
        if _has_role(user, MODERATOR_ROLES)
        else None,
        ideas_to_assess=_section(ideas_to_assess(user=user)),
        gates_due=_section(gate_decisions_due(user=user, today=today))
        if _has_role(user, LEADER_ROLES)
        else None,
    )
