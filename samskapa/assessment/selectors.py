"""Reads of assessments: an assessor's own assignments, the criteria that apply to a challenge,
and the aggregate per challenge. Views, the API and other apps fetch one assignment through
``access_assignment`` and one criterion through ``access_criterion``.

The aggregate is computed by the database in a fixed number of grouped queries, however many
ideas, assessors and criteria there are.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    StdDev,
    Sum,
    When,
)
from django.db.models.functions import Cast

from samskapa.assessment.models import Assignment, AssignmentStatus, Criterion, CriterionSet, Score
from samskapa.core.access import Viewer, access
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.selectors import challenges_visible_to
from samskapa.programmes.models import Programme

# Assessors disagree on a criterion when their scores spread over at least this share of the
# scale: on a 1–5 scale (range 4) a spread of 2 or more is flagged.
DISAGREEMENT_SHARE = 0.4


def assignments_of(*, user: Viewer) -> QuerySet[Assignment]:
    """The assessor's own assignments, open ones first."""
    if not user.is_authenticated:
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(assessor=user)
        .select_related("idea__challenge__project", "idea__municipality")
        .annotate(
            open_last=Case(When(status=AssignmentStatus.INVITED, then=0), default=1),
        )
        .order_by("open_last", "-invited_at", "-pk")
    )


def assignment_detail_queryset() -> QuerySet[Assignment]:
    """For ``core.access.access`` with ``assessment.view_assignment``; the rule scopes it."""
    return Assignment.objects.select_related(
        "idea__challenge__project", "assessor", "idea__municipality"
    ).prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))


def access_assignment(*, user: Viewer, pk: int, rule: str | None = None) -> Assignment:
    """Assignment ``pk`` if ``user`` may see it (its assessor, the challenge's leaders), else
    404; given a ``rule`` such as ``assessment.declare_conflict``, 403 unless they may."""
    return access(
        assignment_detail_queryset(),
        user=user,
        view_permission="assessment.view_assignment",
        permission=rule,
        pk=pk,
    )


def access_criterion(*, user: Viewer, pk: int, rule: str | None = None) -> Criterion:
    """Criterion ``pk`` if ``user`` may see its challenge or programme, else 404; given a
    ``rule`` such as ``assessment.manage_criteria``, 403 unless they may."""
    return access(
        Criterion.objects.select_related(
            "criterion_set__challenge__project", "criterion_set__programme"
        ),
        user=user,
        view_permission="assessment.view_criteria",
        permission=rule,
        pk=pk,
    )


def _with_criteria(queryset: QuerySet[CriterionSet]) -> QuerySet[CriterionSet]:
    return queryset.select_related("challenge", "programme").prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk"))
    )


def criterion_set_of(*, challenge: Challenge) -> CriterionSet | None:
    """The criteria that apply to ``challenge``: its own, or else those of its programme."""
    owners = Q(challenge=challenge)
    if challenge.programme_id:
        owners |= Q(programme_id=challenge.programme_id)
    sets = list(_with_criteria(CriterionSet.objects.filter(owners)))
    own = next((s for s in sets if s.challenge_id == challenge.pk), None)
    return own or next(iter(sets), None)


def criterion_set_is_scored(*, criterion_set: CriterionSet | None) -> bool:
    """Whether anyone has submitted scores on the set: its criteria and scale are then fixed."""
    return criterion_set is not None and (
        Score.objects.filter(criterion__criterion_set=criterion_set).exists()
    )


def challenge_is_scored(*, challenge: Challenge) -> bool:
    """Whether anyone has submitted scores on the challenge's ideas: its criteria then stay."""
    return Score.objects.filter(assignment__idea__challenge=challenge).exists()


def programme_criterion_set(*, programme: Programme) -> CriterionSet | None:
    return _with_criteria(CriterionSet.objects.filter(programme=programme)).first()


def programme_challenges(*, user: Viewer, programme: Programme) -> QuerySet[Challenge]:
    """The challenges of ``programme`` that ``user`` may see, with whether they have own criteria."""
    return (
        challenges_visible_to(user=user)
        .filter(programme=programme)
        .select_related("project")
        .annotate(has_own_criteria=Exists(CriterionSet.objects.filter(challenge=OuterRef("pk"))))
        .order_by("-deadline", "title", "pk")
    )


def other_scores(*, assignment: Assignment) -> QuerySet[Score]:
    """Submitted, non-excluded scores of the other assessors of the same idea.

    Callers check ``assessment.view_other_scores`` first.
    """
    return (
        Score.objects.filter(
            assignment__idea_id=assignment.idea_id,
            assignment__status=AssignmentStatus.SUBMITTED,
        )
        .exclude(assignment=assignment)
        .select_related("criterion", "assignment__assessor")
        .order_by("assignment__assessor__full_name", "criterion__position", "criterion_id")
    )


@dataclass
class ScoreMatrix:
    """Scores of several assessors side by side: a row per criterion, a column per assessor."""

    assessors: list[str]
    rows: list[tuple[Criterion, list[int | None]]]
    comments: list[tuple[str, str, str]]  # (assessor, criterion, comment)


def score_matrix(*, scores: Iterable[Score], criteria: list[Criterion]) -> ScoreMatrix:
    """Arrange ``scores`` (with their assignment's assessor loaded) for a table; no queries."""
    by_assessor: dict[int, dict[int, Score]] = {}
    names: dict[int, str] = {}
    for score in scores:
        assignment = score.assignment
        by_assessor.setdefault(assignment.pk, {})[score.criterion_id] = score
        names[assignment.pk] = assignment.assessor.display_name
    order = sorted(names, key=lambda pk: (names[pk], pk))
    rows = [
        (
            criterion,
            [
                by_assessor[pk][criterion.pk].value if criterion.pk in by_assessor[pk] else None
                for pk in order
            ],
        )
        for criterion in criteria
    ]
    comments = [
        (names[pk], criterion.name, by_assessor[pk][criterion.pk].comment)
        for pk in order
        for criterion in criteria
        if criterion.pk in by_assessor[pk] and by_assessor[pk][criterion.pk].comment
    ]
    return ScoreMatrix(assessors=[names[pk] for pk in order], rows=rows, comments=comments)


def challenge_assignments(*, challenge: Challenge) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(idea__challenge=challenge)
        .select_related("idea", "assessor")
        .order_by("idea__title", "assessor__email")
    )


@dataclass
class CriterionStats:
    criterion: Criterion
    mean: float
    low: int
    high: int
    std_dev: float
    disagreement: bool


@dataclass
class IdeaResult:
    """The aggregate of one idea's submitted assessments.

    ``assessor_low`` and ``assessor_high`` are the lowest and highest weighted mean that a
    single assessor gave the idea: the spread between assessors on the whole.
    """

    idea: Idea
    weighted_mean: float | None
    assessors: int
    excluded: int
    pending: int
    assessor_low: float | None = None
    assessor_high: float | None = None
    criteria: list[CriterionStats] = field(default_factory=list)

    @property
    def disagreement(self) -> bool:
        return any(stats.disagreement for stats in self.criteria)

    @property
    def spread(self) -> float | None:
        if self.assessor_low is None or self.assessor_high is None:
            return None
        return self.assessor_high - self.assessor_low


def _weighted(prefix: str = "") -> Any:
    return Cast(F(f"{prefix}value"), FloatField()) * Cast(
        F(f"{prefix}criterion__weight"), FloatField()
    )


def challenge_results(*, challenge: Challenge) -> list[IdeaResult]:
    """Ideas of ``challenge`` ranked by weighted mean over submitted, non-excluded assessments.

    The weighted mean is sum(weight × score) / sum(weight) over every score given; as every
    submission scores every criterion, that equals the weighted mean of the per-criterion means.
    Only scores on the criteria that apply to the challenge count. Five queries (the criteria
    and their set, the ideas, per criterion, per assessor), however many ideas and assessors there are.
    """
    criterion_set = criterion_set_of(challenge=challenge)
    if criterion_set is None:
        return []
    criteria = {criterion.pk: criterion for criterion in criterion_set.criteria.all()}
    counted = Q(assignments__status=AssignmentStatus.SUBMITTED)
    scored = counted & Q(assignments__scores__criterion__criterion_set=criterion_set)
    ideas = (
        Idea.objects.filter(challenge=challenge, assignments__isnull=False)
        .distinct()
        .annotate(
            weight_sum=Sum("assignments__scores__criterion__weight", filter=scored),
            weighted_sum=Sum(_weighted("assignments__scores__"), filter=scored),
            assessors=Count("assignments", filter=counted, distinct=True),
            excluded=Count(
                "assignments",
                filter=Q(assignments__status=AssignmentStatus.EXCLUDED),
                distinct=True,
            ),
            pending=Count(
                "assignments",
                filter=Q(assignments__status=AssignmentStatus.INVITED),
                distinct=True,
            ),
            # The initiative the idea became, if any (the reverse one-to-one of the portfolio,
            # named, not imported): an idea is taken forward only once.
            initiative_pk=F("initiative__pk"),
        )
        .select_related("municipality")
    )
    results: dict[int, IdeaResult] = {}
    for idea in ideas:
        weight_sum: Decimal | None = idea.weight_sum
        weighted_sum: float | None = idea.weighted_sum
        mean = weighted_sum / float(weight_sum) if weight_sum and weighted_sum is not None else None
        results[idea.pk] = IdeaResult(
            idea=idea,
            weighted_mean=mean,
            assessors=idea.assessors,
            excluded=idea.excluded,
            pending=idea.pending,
        )
    submitted = Score.objects.filter(
        assignment__idea__challenge=challenge,
        assignment__status=AssignmentStatus.SUBMITTED,
        criterion__criterion_set=criterion_set,
    )
    threshold = DISAGREEMENT_SHARE * criterion_set.scale_range
    stats = (
        submitted.values("assignment__idea_id", "criterion_id")
        .annotate(
            mean=Avg("value", output_field=FloatField()),
            low=Min("value"),
            high=Max("value"),
            std_dev=StdDev("value", output_field=FloatField()),
        )
        .order_by("assignment__idea_id", "criterion__position", "criterion_id")
    )
    for row in stats:
        result = results.get(row["assignment__idea_id"])
        criterion = criteria.get(row["criterion_id"])
        if result is None or criterion is None:
            continue
        result.criteria.append(
            CriterionStats(
                criterion=criterion,
                mean=row["mean"],
                low=row["low"],
                high=row["high"],
                std_dev=row["std_dev"] or 0.0,
                disagreement=(row["high"] - row["low"]) >= threshold - 1e-9,
            )
        )
    per_assessor = (
        submitted.values("assignment__idea_id", "assignment_id")
        .annotate(weighted_sum=Sum(_weighted()), weight_sum=Sum("criterion__weight"))
        .order_by()
    )
    for totals in per_assessor:
        result = results.get(totals["assignment__idea_id"])
        if result is None or not totals["weight_sum"]:
            continue
        own_mean = totals["weighted_sum"] / float(totals["weight_sum"])
        if result.assessor_low is None or own_mean < result.assessor_low:
            result.assessor_low = own_mean
        if result.assessor_high is None or own_mean > result.assessor_high:
            result.assessor_high = own_mean
    return sorted(
        results.values(),
        key=lambda r: (
            r.weighted_mean is None,
            -(r.weighted_mean or 0.0),
            r.idea.title,
        ),
    )


def round_or_none(value: float | None, digits: int = 2) -> float | None:
    return None if value is None or math.isnan(value) else round(value, digits)


def assessable_ideas(*, challenge: Challenge) -> QuerySet[Idea]:
    """The ideas of ``challenge`` that assessors may be invited to: those shown, neither hidden
    nor still awaiting a moderator's approval."""
    return Idea.objects.filter(
        challenge=challenge, is_hidden=False, awaiting_approval=False
    ).order_by("title", "pk")


def programme_has_criteria(*, programme: Programme) -> bool:
    """Whether the programme has a criterion set of its own for its challenges to share."""
    return CriterionSet.objects.filter(programme=programme).exists()
