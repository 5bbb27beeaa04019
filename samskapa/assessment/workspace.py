"""What the assessment app offers the workspace: the ideas a person has been asked to assess,
and their assessments, for their data export."""

import datetime
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet

from samskapa.accounts.models import User
from samskapa.assessment.models import (
    AssessorInvitation,
    Assignment,
    AssignmentStatus,
    Criterion,
    Score,
)
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


def _draft_rows(draft: dict[str, Any], criteria: dict[int, Criterion]) -> list[dict[str, Any]]:
    """A saved draft ({"12": {"value": 4, "comment": "..."}}) with criteria named."""
    rows = []
    for key, entry in draft.items():
        criterion = criteria.get(int(key)) if str(key).isdigit() else None
        entry = entry if isinstance(entry, dict) else {}
        rows.append(
            {
                "criterion": criterion.name if criterion else None,
                "score": entry.get("value"),
                "comment": entry.get("comment", ""),
            }
        )
    return rows


def personal_data(*, user: User) -> dict[str, Any]:
    """The person's assessments (scores, comments, conflict-of-interest declarations and
    unsent drafts) and the invitations to assess sent to them; at most four queries however
    many.

    Only their own: other assessors' scores of the same idea are left out.
    """
    assignments = list(
        Assignment.objects.filter(assessor=user)
        .select_related("idea__challenge")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("invited_at", "pk")
    )
    draft_ids = {int(key) for a in assignments for key in (a.draft or {}) if str(key).isdigit()}
    criteria = Criterion.objects.in_bulk(draft_ids) if draft_ids else {}
    invitations = (
        AssessorInvitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user))
        .select_related("challenge")
        .order_by("created_at", "pk")
    )
    return {
        "assessments": [
            {
                "idea": assignment.idea.title,
                "challenge": assignment.idea.challenge.title if assignment.idea.challenge else None,
                "link": assignment.get_absolute_url(),
                "status": assignment.status,
                "conflict_of_interest": assignment.conflict_reason,
                "invited": assignment.invited_at.isoformat(),
                "submitted": assignment.submitted_at.isoformat()
                if assignment.submitted_at
                else None,
                "scores": [
                    {
                        "criterion": score.criterion.name,
                        "score": score.value,
                        "comment": score.comment,
                    }
                    for score in assignment.scores.all()
                ],
                "draft": _draft_rows(assignment.draft or {}, criteria),
            }
            for assignment in assignments
        ],
        "assessor_invitations": [
            {
                "challenge": invitation.challenge.title,
                "email": invitation.email,
                "invited": invitation.created_at.isoformat(),
                "accepted": invitation.accepted_at.isoformat() if invitation.accepted_at else None,
            }
            for invitation in invitations
        ],
    }
