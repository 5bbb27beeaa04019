"""Reads of learning programmes: visibility, lists, the inside of a programme, progress, plans.

``programmes_visible_to``, ``submissions_visible_to`` and ``plans_visible_to`` are the rules
``learning.view_programme``, ``learning.view_submission`` and ``learning.view_plan`` as
queries (``learning/rules.py``); change both together.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samskapa.core.access import Viewer, access, require
from samskapa.core.predicates import is_superuser
from samskapa.core.search import text_matches
from samskapa.geo.models import Municipality
from samskapa.learning.models import (
    Assignment,
    Feedback,
    LateAllowance,
    LearningProgramme,
    Member,
    MemberRole,
    Plan,
    PlanVersion,
    ProgrammeStatus,
    Session,
    Submission,
)
from samskapa.learning.rules import FACILITATOR, PARTICIPANT, programme_roles
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_led_by

SEARCH_FIELDS = ("title", "description")


def _ids(user: Viewer, role: str | None = None) -> list[int]:
    return [pk for pk, (held, _m) in programme_roles(user).items() if role is None or held == role]


def programmes_visible_to(*, user: Viewer) -> QuerySet[LearningProgramme]:
    """Published programmes, and every programme the user is a member of. The rule
    ``learning.view_programme`` as a query."""
    programmes = LearningProgramme.objects.all()
    if is_superuser(user):
        return programmes
    return programmes.filter(Q(status=ProgrammeStatus.PUBLISHED) | Q(pk__in=_ids(user)))


def programme_list(*, user: Viewer, query: str = "") -> QuerySet[LearningProgramme]:
    """Programmes for the list page, the API and the site search, newest first."""
    programmes = (
        programmes_visible_to(user=user)
        .select_related("organiser")
        .annotate(
            session_count=Count("sessions", distinct=True),
            participant_count=Count(
                "members", filter=Q(members__role=MemberRole.PARTICIPANT), distinct=True
            ),
        )
    )
    if query:
        programmes = programmes.filter(text_matches(query, SEARCH_FIELDS))
    return programmes.order_by("-starts_on", "title", "pk")


def access_programme(*, user: Viewer, slug: str, rule: str | None = None) -> LearningProgramme:
    """The programme ``slug``: 404 unless ``user`` may see it, 403 unless they may do ``rule``."""
    return access(
        LearningProgramme.objects.select_related("organiser"),
        user=user,
        view_permission="learning.view_programme",
        permission=rule,
        slug=slug,
    )


def programme_members(*, programme: LearningProgramme) -> list[Member]:
    return list(
        programme.members.select_related("user", "organisation", "municipality").order_by(
            "role", "municipality__name", "organisation__name", "user__full_name", "pk"
        )
    )


def programme_sessions(*, programme: LearningProgramme) -> list[Session]:
    return list(programme.sessions.prefetch_related("attachments").order_by("starts_at", "pk"))


def programme_assignments(*, programme: LearningProgramme) -> list[Assignment]:
    return list(
        programme.assignments.select_related("session", "template").order_by("due_at", "pk")
    )


def access_session(*, user: Viewer, slug: str, pk: int, rule: str | None = None) -> Session:
    programme = access_programme(user=user, slug=slug, rule="learning.see_inside")
    session = get_object_or_404(
        Session.objects.prefetch_related("attachments"), programme=programme, pk=pk
    )
    session.programme = programme
    if rule is not None:
        require(user, rule, session)
    return session


def access_session_by_pk(*, user: Viewer, pk: int, rule: str | None = None) -> Session:
    """A session by its id alone, for the shared attachment pages (``core.attachments``)."""
    session = get_object_or_404(Session.objects.select_related("programme"), pk=pk)
    return access_session(user=user, slug=session.programme.slug, pk=pk, rule=rule)


def access_assignment(*, user: Viewer, slug: str, pk: int, rule: str | None = None) -> Assignment:
    """Assignment ``pk`` of a programme whose inside ``user`` sees; 403 unless ``rule``."""
    programme = access_programme(user=user, slug=slug, rule="learning.see_inside")
    assignment = get_object_or_404(
        Assignment.objects.select_related("session", "template"), programme=programme, pk=pk
    )
    assignment.programme = programme
    if rule is not None:
        require(user, rule, assignment)
    return assignment


# --- Submissions -------------------------------------------------------------------------------


def submissions_visible_to(*, user: Viewer) -> QuerySet[Submission]:
    """The rule ``learning.view_submission`` as a query."""
    submissions = Submission.objects.all()
    if is_superuser(user):
        return submissions
    if not getattr(user, "is_authenticated", False):
        return submissions.none()
    roles = programme_roles(user)
    facilitated = [pk for pk, (role, _m) in roles.items() if role == FACILITATOR]
    condition = Q(assignment__programme_id__in=facilitated) | Q(author_id=user.pk)
    condition |= Q(
        assignment__programme_id__in=_ids(user, PARTICIPANT), assignment__peer_review=True
    )
    for programme_id, (role, municipality_id) in roles.items():
        if role == PARTICIPANT and municipality_id is not None:
            condition |= Q(
                assignment__programme_id=programme_id,
                for_team=True,
                municipality_id=municipality_id,
            )
    return submissions.filter(condition)


def assignment_submissions(*, user: Viewer, assignment: Assignment) -> list[Submission]:
    """The submissions of one assignment that ``user`` may read, with their authors, files and
    feedback; four queries."""
    return list(
        submissions_visible_to(user=user)
        .filter(assignment=assignment)
        .select_related("author", "municipality")
        .prefetch_related("attachments", "feedback__author")
        .order_by("municipality__name", "author__full_name", "pk")
    )


def own_submission(*, user: Viewer, assignment: Assignment) -> Submission | None:
    """The user's own submission of ``assignment``, or their municipality team's."""
    if not getattr(user, "is_authenticated", False):
        return None
    found = programme_roles(user).get(assignment.programme_id)
    municipality_id = found[1] if found else None
    condition = Q(author_id=user.pk, for_team=False)
    if municipality_id is not None:
        condition |= Q(for_team=True, municipality_id=municipality_id)
    return (
        Submission.objects.filter(condition, assignment=assignment)
        .select_related("author", "municipality")
        .order_by("for_team", "pk")
        .first()
    )


def access_submission(*, user: Viewer, slug: str, pk: int, rule: str | None = None) -> Submission:
    """Submission ``pk`` in a programme ``user`` may see: 404 unless they may read it."""
    programme = access_programme(user=user, slug=slug)
    submission = access(
        Submission.objects.select_related(
            "assignment", "author", "municipality", "assignment__template"
        ).prefetch_related(
            "attachments",
            Prefetch("feedback", queryset=Feedback.objects.select_related("author")),
        ),
        user=user,
        view_permission="learning.view_submission",
        permission=rule,
        pk=pk,
        assignment__programme=programme,
    )
    submission.assignment.programme = programme
    return submission


def may_submit_now(
    *, user: Viewer, assignment: Assignment, now: datetime.datetime | None = None
) -> bool:
    """Whether the due date still lets ``user`` hand in (open, or allowed late)."""
    now = now or timezone.now()
    if now <= assignment.due_at or not assignment.closes_at_due:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return LateAllowance.objects.filter(assignment=assignment, user_id=user.pk or 0).exists()


# --- Progress ----------------------------------------------------------------------------------


@dataclass
class ProgressCell:
    submission: Submission | None = None
    feedback_count: int = 0


@dataclass
class ProgressRow:
    member: Member
    cells: list[ProgressCell] = field(default_factory=list)

    @property
    def submitted(self) -> int:
        return sum(1 for cell in self.cells if cell.submission is not None)


@dataclass
class MunicipalityProgress:
    name: str
    participants: int
    submitted: int
    expected: int
    feedback: int


@dataclass
class Progress:
    assignments: list[Assignment]
    rows: list[ProgressRow]
    municipalities: list[MunicipalityProgress]


def programme_progress(*, programme: LearningProgramme) -> Progress:
    """Which assignments each participant has handed in (themself or through their municipality
    team) and how much feedback came back, per person and per municipality; three queries."""
    assignments = list(programme.assignments.order_by("due_at", "pk"))
    members = list(
        programme.members.filter(role=MemberRole.PARTICIPANT)
        .select_related("user", "municipality", "organisation")
        .order_by("municipality__name", "user__full_name", "pk")
    )
    submissions = (
        Submission.objects.filter(assignment__programme=programme)
        .annotate(feedback_count=Count("feedback"))
        .only("pk", "assignment_id", "author_id", "municipality_id", "for_team", "submitted_at")
    )
    by_author: dict[tuple[int, int], Submission] = {}
    by_team: dict[tuple[int, int], Submission] = {}
    for submission in submissions:
        if submission.for_team and submission.municipality_id is not None:
            by_team[(submission.assignment_id, submission.municipality_id)] = submission
        else:
            by_author[(submission.assignment_id, submission.author_id)] = submission
    rows = []
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for member in members:
        row = ProgressRow(member=member)
        for assignment in assignments:
            found = by_author.get((assignment.pk, member.user_id))
            if found is None and member.municipality_id is not None:
                found = by_team.get((assignment.pk, member.municipality_id))
            count = getattr(found, "feedback_count", 0) if found else 0
            row.cells.append(ProgressCell(submission=found, feedback_count=count))
        rows.append(row)
        name = member.municipality.name if member.municipality else member.organisation.name
        totals[name][0] += 1
        totals[name][1] += row.submitted
        totals[name][2] += sum(1 for cell in row.cells if cell.feedback_count)
    municipalities = [
        MunicipalityProgress(
            name=name,
            participants=people,
            submitted=submitted,
            expected=people * len(assignments),
            feedback=feedback,
        )
        for name, (people, submitted, feedback) in sorted(totals.items())
    ]
    return Progress(assignments=assignments, rows=rows, municipalities=municipalities)


# --- Plans -------------------------------------------------------------------------------------


def plans_visible_to(*, user: Viewer) -> QuerySet[Plan]:
    """The rule ``learning.view_plan`` as a query: the plans of the user's programmes."""
    if is_superuser(user):
        return Plan.objects.all()
    return Plan.objects.filter(programme_id__in=_ids(user))


def programme_plans(*, programme: LearningProgramme) -> list[Plan]:
    return list(
        programme.plans.select_related("municipality", "updated_by").order_by("municipality__name")
    )


def access_plan(*, user: Viewer, slug: str, pk: int, rule: str | None = None) -> Plan:
    programme = access_programme(user=user, slug=slug)
    plan = access(
        Plan.objects.select_related("municipality", "updated_by").prefetch_related(
            Prefetch("versions", queryset=PlanVersion.objects.select_related("created_by"))
        ),
        user=user,
        view_permission="learning.view_plan",
        permission=rule,
        pk=pk,
        programme=programme,
    )
    plan.programme = programme
    return plan


def plan_projects(*, user: Viewer, plan: Plan) -> QuerySet[Project]:
    """Projects in the plan's municipality that ``user`` leads: where the plan may be carried."""
    return (
        projects_led_by(user=user)
        .filter(municipality_id=plan.municipality_id)
        .select_related("municipality")
        .order_by("name")
    )


def municipalities_of_members(*, programme: LearningProgramme) -> QuerySet[Municipality]:
    return Municipality.objects.filter(
        Exists(Member.objects.filter(programme=programme, municipality_id=OuterRef("pk")))
    ).order_by("name")


def programmes_of(*, user: Any) -> QuerySet[LearningProgramme]:
    """The programmes ``user`` is a member of."""
    return LearningProgramme.objects.filter(pk__in=_ids(user))
