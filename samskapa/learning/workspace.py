"""What learning programmes offer the workspace: sessions coming up, assignments due and
submissions awaiting feedback in "Mitt arbete", the site search, a person's data."""

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.search import SearchSource
from samskapa.learning.models import (
    Assignment,
    Feedback,
    Member,
    PlanVersion,
    ProgrammeStatus,
    Session,
    Submission,
)
from samskapa.learning.rules import FACILITATOR, PARTICIPANT, programme_roles
from samskapa.learning.selectors import programme_list

# What "Mitt arbete" looks ahead at.
AHEAD = datetime.timedelta(days=28)


def _start(today: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time()))


def sessions_coming(*, user: User, today: datetime.date) -> QuerySet[Session]:
    """Sessions of the user's programmes in the coming four weeks."""
    start = _start(today)
    return (
        Session.objects.filter(
            programme_id__in=list(programme_roles(user)),
            starts_at__gte=start,
            starts_at__lt=start + AHEAD,
        )
        .select_related("programme")
        .order_by("starts_at", "pk")
    )


def assignments_due(*, user: User, today: datetime.date) -> QuerySet[Assignment]:
    """Assignments of the user's programmes, due in the coming four weeks, that neither they nor
    their municipality team have handed in."""
    roles = programme_roles(user)
    team = Q()
    for programme_id, (role, municipality_id) in roles.items():
        if role == PARTICIPANT and municipality_id is not None:
            team |= Q(
                for_team=True,
                municipality_id=municipality_id,
                assignment__programme_id=programme_id,
            )
    handed_in = Submission.objects.filter(
        Q(author_id=user.pk, for_team=False) | team, assignment=OuterRef("pk")
    )
    start = timezone.now()
    return (
        Assignment.objects.filter(
            programme_id__in=[pk for pk, (role, _m) in roles.items() if role == PARTICIPANT],
            due_at__gte=start,
            due_at__lt=_start(today) + AHEAD,
        )
        .filter(~Exists(handed_in))
        .select_related("programme")
        .order_by("due_at", "pk")
    )


def submissions_awaiting_feedback(*, user: User, today: datetime.date) -> QuerySet[Submission]:
    """Submissions that no facilitator has answered, in the programmes the user facilitates
    that have not ended."""
    facilitated = [pk for pk, (role, _m) in programme_roles(user).items() if role == FACILITATOR]
    answered = Feedback.objects.filter(submission=OuterRef("pk"), from_facilitator=True)
    return (
        Submission.objects.filter(
            assignment__programme_id__in=facilitated, assignment__programme__ends_on__gte=today
        )
        .filter(~Exists(answered))
        .select_related("assignment__programme", "author", "municipality")
        .order_by("submitted_at", "pk")
    )


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """Two queries per section, and none at all for people in no programme."""
    roles = programme_roles(user)
    if not roles:
        return []
    sections = []
    candidates = [
        (
            "learning_sessions",
            "learning/includes/inbox_sessions.html",
            sessions_coming(user=user, today=today),
        ),
        (
            "learning_assignments",
            "learning/includes/inbox_assignments.html",
            assignments_due(user=user, today=today),
        ),
    ]
    if any(role == FACILITATOR for role, _m in roles.values()):
        candidates.append(
            (
                "learning_feedback",
                "learning/includes/inbox_feedback.html",
                submissions_awaiting_feedback(user=user, today=today),
            )
        )
    for key, template, queryset in candidates:
        section = inbox_section(key=key, template=template, queryset=queryset)
        if section.count:
            sections.append(section)
    return sections


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="learning",
            heading=_("Learning programmes"),
            empty_text=_("No learning programmes matched."),
            template="learning/includes/search_results.html",
            find=programme_list,
        )
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """The person's places in programmes, submissions, feedback and plan versions."""
    return {
        "learning_programmes": [
            {
                "programme": member.programme.title,
                "role": member.role,
                "organisation": member.organisation.name,
                "municipality": member.municipality.name if member.municipality else None,
            }
            for member in Member.objects.filter(user=user).select_related(
                "programme", "organisation", "municipality"
            )
        ],
        "learning_submissions": [
            {
                "assignment": submission.assignment.title,
                "programme": submission.assignment.programme.title,
                "for_team": submission.for_team,
                "text": submission.text,
                "files": [upload.original_name for upload in submission.attachments.all()],
                "submitted": submission.submitted_at.isoformat(),
            }
            for submission in Submission.objects.filter(author=user)
            .select_related("assignment__programme")
            .prefetch_related("attachments")
        ],
        "learning_feedback": [
            {
                "submission_of": feedback.submission.assignment.title,
                "text": feedback.text,
                "written": feedback.created_at.isoformat(),
            }
            for feedback in Feedback.objects.filter(author=user).select_related(
                "submission__assignment"
            )
        ],
        "learning_plan_versions": [
            {
                "plan": version.plan.title,
                "version": version.number,
                "note": version.note,
                "saved": version.created_at.isoformat(),
            }
            for version in PlanVersion.objects.filter(created_by=user).select_related("plan")
        ],
    }


def deletion_blockers(*, user: User) -> list[str]:
    """The last facilitator of a published programme that still runs cannot leave it alone."""
    today = timezone.localdate()
    running = Member.objects.filter(
        user=user,
        role=FACILITATOR,
        programme__status=ProgrammeStatus.PUBLISHED,
        programme__ends_on__gte=today,
    ).exclude(
        Exists(
            Member.objects.filter(programme_id=OuterRef("programme_id"), role=FACILITATOR).exclude(
                user=user
            )
        )
    )
    return [
        str(
            _(
                "You are the only facilitator of the learning programme %(title)s, which is still "
                "running. Add another facilitator first."
            )
        )
        % {"title": title}
        for title in running.values_list("programme__title", flat=True)
    ]
