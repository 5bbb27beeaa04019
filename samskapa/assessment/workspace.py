"""What the assessment app offers the workspace: the ideas a person has been asked to assess."""

import datetime

from django.db.models import F, QuerySet

from samskapa.accounts.models import User
from samskapa.assessment.models import Assignment, AssignmentStatus
from samskapa.assessment.selectors import assignments_of
from samskapa.core.inbox import InboxSection, inbox_section


def ideas_to_assess(*, user: User) -> QuerySet[Assignment]:
    """The user's open assessment assignments, the nearest challenge deadline first."""
    return (
        assignments_of(user=user)
        .filter(status=AssignmentStatus.INVITED)
        .select_related("idea__challenge")
        .order_by(F("idea__challenge__deadline").asc(nulls_last=True), "invited_at", "pk")
    )


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """Ideas to assess, for those who have been invited to assess any; two queries.

    Anyone may be invited, but "ideas to assess (0)" means nothing to someone who never was.
    """
    section = inbox_section(
        key="ideas_to_assess",
        template="assessment/includes/inbox_section.html",
        queryset=ideas_to_assess(user=user),
    )
    if not section.count and not assignments_of(user=user).exists():
        return []
    return [section]
