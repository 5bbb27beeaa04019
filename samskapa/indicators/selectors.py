"""Reads of follow-up: visible indicators, one indicator with its series, and the dashboards.

``indicators_visible_to`` is the rule ``indicators.view_indicator`` as a query
(``indicators/rules.py``); change both together. A dashboard (project, municipality, programme
or the whole network) is a scope over the visible indicators; its figures cost the same
handful of queries for ten indicators or a thousand.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from samskapa.assessment.models import Assignment, AssignmentStatus
from samskapa.core.access import Viewer, access
from samskapa.core.models import Visibility
from samskapa.core.predicates import LEADER_ROLES, is_superuser, organisation_ids, project_ids
from samskapa.geo.models import Municipality
from samskapa.ideas.selectors import ideas_visible_to
from samskapa.indicators.models import (
    Evaluation,
    Gender,
    Indicator,
    IndicatorTarget,
    Measurement,
)
from samskapa.indicators.progress import Progress, Status, path_points, path_value, progress_of
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Organisation
from samskapa.portfolio.balance import FUNNEL_STEPS, Bar, Scope, Series, portfolio_balance
from samskapa.portfolio.models import PIPELINE, Initiative, Stage
from samskapa.portfolio.selectors import initiatives_visible_to
from samskapa.programmes.models import Programme
from samskapa.programmes.selectors import programmes_visible_to
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_led_by, projects_visible_to
from samskapa.sdg.models import Goal, Target

# --- Visibility and access ---------------------------------------------------------------------


def indicators_visible_to(*, user: Viewer) -> QuerySet[Indicator]:
    """Public indicators whose project (if any) the user may see, and every indicator of the
    organisations and projects the user takes part in. ``indicators.view_indicator``."""
    indicators = Indicator.objects.all()
    if is_superuser(user):
        return indicators
    visible = Q(visibility=Visibility.PUBLIC) & (
        Q(project__isnull=True) | Q(project__in=projects_visible_to(user=user).values("pk"))
    )
    organisations = organisation_ids(user)
    projects = project_ids(user)
    if organisations or projects:
        visible |= (
            Q(organisation_id__in=organisations)
            | Q(project_id__in=projects)
            | Q(project__organisation_id__in=organisations)
        )
    return indicators.filter(visible)


def indicators_led_by(*, user: Viewer) -> QuerySet[Indicator]:
    """Indicators ``user`` may change: ``indicators.change_indicator`` as a query."""
    indicators = Indicator.objects.all()
    if is_superuser(user):
        return indicators
    return indicators.filter(
        Q(organisation_id__in=organisation_ids(user, LEADER_ROLES))
        | Q(project__in=projects_led_by(user=user).values("pk"))
    )


def indicator_detail_queryset(*, user: Viewer) -> QuerySet[Indicator]:
    """Visible indicators with what the detail page shows; linked objects only where the
    reader may see them (``visible_needs``, ``visible_initiatives``, ``visible_programmes``)."""
    return (
        indicators_visible_to(user=user)
        .select_related("organisation", "municipality", "project", "created_by")
        .prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")),
            Prefetch(
                "measurements",
                queryset=Measurement.objects.select_related("recorded_by").order_by(
                    "period", "gender"
                ),
            ),
            Prefetch("sdg_targets", queryset=Target.objects.select_related("goal")),
            Prefetch(
                "needs",
                queryset=needs_visible_to(user=user).order_by("title"),
                to_attr="visible_needs",
            ),
            Prefetch(
                "initiatives",
                queryset=initiatives_visible_to(user=user).order_by("title"),
                to_attr="visible_initiatives",
            ),
            Prefetch(
                "programmes",
                queryset=programmes_visible_to(user=user).order_by("name"),
                to_attr="visible_programmes",
            ),
        )
    )


def access_indicator(*, user: Viewer, pk: int, rule: str | None = None) -> Indicator:
    """Indicator ``pk`` with its targets, values and links: 404 unless ``user`` may see it,
    403 unless they may also do ``rule`` on it."""
    return access(
        indicator_detail_queryset(user=user),
        user=user,
        view_permission="indicators.view_indicator",
        permission=rule,
        pk=pk,
    )


def with_series(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """What a chart and the progress rule need: targets and total values, two more queries."""
    return indicators.select_related(
        "organisation", "municipality", "project__municipality"
    ).prefetch_related(
        Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")),
        Prefetch(
            "measurements",
            queryset=Measurement.objects.filter(gender=Gender.TOTAL).order_by("period"),
            to_attr="total_values",
        ),
    )


def indicator_list(*, user: Viewer) -> QuerySet[Indicator]:
    """Indicators for the list page and the API, by name; filters in ``filters.py``."""
    return with_series(indicators_visible_to(user=user)).order_by("name", "pk")


def measurements_of(*, indicator: Indicator) -> QuerySet[Measurement]:
    return Measurement.objects.filter(indicator=indicator).order_by("period", "gender")


def indicators_linked_to_need(*, user: Viewer, need: Need) -> QuerySet[Indicator]:
    """The indicators that follow up ``need`` (for the need's page), only visible ones."""
    return indicators_visible_to(user=user).filter(needs=need).order_by("name")


# --- Choices for the forms ---------------------------------------------------------------------


def organisations_for_indicator(
    *, user: Viewer, current: Organisation | None = None
) -> QuerySet[Organisation]:
    """Organisations whose indicators ``user`` may start (those they lead), plus the current."""
    if is_superuser(user):
        return Organisation.objects.order_by("name")
    allowed = Q(pk__in=organisation_ids(user, LEADER_ROLES))
    if current is not None:
        allowed |= Q(pk=current.pk)
    return Organisation.objects.filter(allowed).order_by("name")


def projects_for_indicator(*, user: Viewer, current: Project | None = None) -> QuerySet[Project]:
    """Projects ``user`` may follow up with an indicator: those they lead (plus the current)."""
    allowed = Q(pk__in=projects_led_by(user=user).values("pk"))
    if current is not None:
        allowed |= Q(pk=current.pk)
    return Project.objects.filter(allowed).order_by("name")


def needs_for_indicator(*, user: Viewer, indicator: Indicator | None) -> QuerySet[Need]:
    """Needs an indicator may follow up: visible needs of its project (none without one)."""
    if indicator is None or indicator.project_id is None:
        return Need.objects.none()
    return needs_visible_to(user=user).filter(project_id=indicator.project_id).order_by("title")


def initiatives_for_indicator(*, user: Viewer, indicator: Indicator | None) -> QuerySet[Initiative]:
    """Visible initiatives of the indicator's project, organisation or municipality."""
    if indicator is None:
        return Initiative.objects.none()
    scope = Q(lead_organisation_id=indicator.organisation_id)
    if indicator.project_id:
        scope |= Q(project_id=indicator.project_id)
    if indicator.municipality_id:
        scope |= Q(municipality_id=indicator.municipality_id)
    return initiatives_visible_to(user=user).filter(scope).order_by("title")


# --- Series and progress -----------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSeries:
    """The figures of one indicator's line chart, and its table, by year."""

    years: list[int]
    values: list[Decimal | None]
    targets: list[Decimal | None]
    path: list[Decimal | None]

    @property
    def chart_data(self) -> dict[str, Any]:
        def number(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return {
            "years": self.years,
            "values": [number(v) for v in self.values],
            "targets": [number(v) for v in self.targets],
            "path": [number(v) for v in self.path],
        }

    @property
    def rows(self) -> list[tuple[int, Decimal | None, Decimal | None]]:
        return list(zip(self.years, self.values, self.targets, strict=True))


def _totals(indicator: Indicator) -> list[tuple[int, Decimal]]:
    values = getattr(indicator, "total_values", None)
    if values is None:
        values = [m for m in indicator.measurements.all() if m.gender == Gender.TOTAL]
    return [(m.period, m.value) for m in values]


def _targets(indicator: Indicator) -> list[tuple[int, Decimal]]:
    return [(t.year, t.value) for t in indicator.targets.all()]


def indicator_series(indicator: Indicator) -> IndicatorSeries:
    """Values, targets and the target path per year, from the prefetched rows."""
    values = dict(_totals(indicator))
    targets = dict(_targets(indicator))
    points = path_points(
        baseline_year=indicator.baseline_year,
        baseline_value=indicator.baseline_value,
        targets=targets.items(),
        first_measured=min(values.items()) if values else None,
    )
    years_set = set(values) | set(targets)
    if indicator.baseline_year is not None and indicator.baseline_value is not None:
        years_set.add(indicator.baseline_year)
    years = sorted(years_set)
    if years:
        years = list(range(years[0], years[-1] + 1))
    path: list[Decimal | None] = [
        path_value(points, year).quantize(Decimal("0.01"))
        if points and year >= points[0][0]
        else None
        for year in years
    ]
    baseline = (
        {indicator.baseline_year: indicator.baseline_value}
        if indicator.baseline_year is not None and indicator.baseline_value is not None
        else {}
    )
    return IndicatorSeries(
        years=years,
        values=[values.get(year, baseline.get(year)) for year in years],
        targets=[targets.get(year) for year in years],
        path=path,
    )


def indicator_progress(indicator: Indicator) -> Progress:
    """The progress rule (``indicators.progress``) on the prefetched values and targets."""
    return progress_of(
        direction=indicator.direction,
        baseline_year=indicator.baseline_year,
        baseline_value=indicator.baseline_value,
        targets=_targets(indicator),
        values=_totals(indicator),
    )


# --- Dashboards --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardScope:
    """What a dashboard covers: one project, municipality or programme, or (none) the network."""

    project: Project | None = None
    municipality: Municipality | None = None
    programme: Programme | None = None

    def filter_indicators(self, indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
        if self.project is not None:
            return indicators.filter(project=self.project)
        if self.municipality is not None:
            return indicators.filter(
                Q(municipality=self.municipality) | Q(project__municipality=self.municipality)
            )
        if self.programme is not None:
            linked = Indicator.programmes.through.objects.filter(
                indicator_id=OuterRef("pk"), programme_id=self.programme.pk
            )
            its_projects = Programme.projects.through.objects.filter(
                programme_id=self.programme.pk
            ).values("project_id")
            return indicators.filter(Exists(linked) | Q(project_id__in=its_projects))
        return indicators

    @property
    def key(self) -> str:
        if self.project is not None:
            return f"project-{self.project.slug}"
        if self.municipality is not None:
            return f"municipality-{self.municipality.code}"
        if self.programme is not None:
            return f"programme-{self.programme.slug}"
        return "network"


def dashboard_indicators(*, user: Viewer, scope: DashboardScope) -> QuerySet[Indicator]:
    """The scope's visible indicators with their series, by name (paginate it)."""
    return with_series(scope.filter_indicators(indicators_visible_to(user=user))).order_by(
        "name", "pk"
    )


STATUS_ORDER = (
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.NO_TARGET,
    Status.NO_DATA,
)


def progress_series(counts: Counter[str]) -> Series:
    return Series(tuple(Bar(str(s), str(s.label), counts.get(str(s), 0)) for s in STATUS_ORDER))


def progress_counts(indicators: QuerySet[Indicator]) -> Counter[str]:
    """How many of ``indicators`` (already with their series) are in each status."""
    return Counter(str(indicator_progress(indicator).status) for indicator in indicators)


@dataclass(frozen=True)
class GoalCoverage:
    goal: Goal
    targets: list[tuple[Target, bool]]

    @property
    def touched(self) -> int:
        return sum(1 for _target, touched in self.targets if touched)


@dataclass(frozen=True)
class Coverage:
    goals: list[GoalCoverage]
    series: Series

    @property
    def touched_targets(self) -> int:
        return sum(goal.touched for goal in self.goals)

    @property
    def touched_goals(self) -> int:
        return sum(1 for goal in self.goals if goal.touched)

    @property
    def total_targets(self) -> int:
        return sum(len(goal.targets) for goal in self.goals)


def _touched_target_ids(*, user: Viewer, scope: DashboardScope) -> set[int]:
    """Targets of the scope's visible indicators, initiatives, needs (and its project)."""
    through = Indicator.sdg_targets.through.objects
    ids = set(
        through.filter(
            indicator_id__in=scope.filter_indicators(indicators_visible_to(user=user)).values("pk")
        ).values_list("target_id", flat=True)
    )
    initiatives = initiatives_visible_to(user=user)
    needs = needs_visible_to(user=user)
    if scope.project is not None:
        initiatives = initiatives.filter(project=scope.project)
        needs = needs.filter(project=scope.project)
        ids |= set(scope.project.sdg_targets.values_list("pk", flat=True))
    else:
        portfolio_scope = Scope(programme=scope.programme, municipality=scope.municipality)
        initiatives = portfolio_scope.filter_initiatives(initiatives)
        needs = portfolio_scope.filter_needs(needs)
    ids |= set(
        Initiative.sdg_targets.through.objects.filter(
            initiative_id__in=initiatives.values("pk")
        ).values_list("target_id", flat=True)
    )
    ids |= set(
        Need.sdg_targets.through.objects.filter(need_id__in=needs.values("pk")).values_list(
            "target_id", flat=True
        )
    )
    return ids


def sdg_coverage(*, user: Viewer, scope: DashboardScope) -> Coverage:
    """Which of the 17 goals and 169 targets the scope's work touches, as a grid and a chart."""
    touched = _touched_target_ids(user=user, scope=scope)
    goals = list(
        Goal.objects.order_by("number").prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("position", "code"))
        )
    )
    rows = [
        GoalCoverage(goal, [(target, target.pk in touched) for target in goal.targets.all()])
        for goal in goals
    ]
    series = Series(
        tuple(
            Bar(str(row.goal.number), f"{row.goal.number}. {row.goal.short}", row.touched)
            for row in rows
        )
    )
    return Coverage(goals=rows, series=series)


def _project_funnel(*, user: Viewer, project: Project) -> Series:
    """The chain of one project: its needs, ideas, assessed ideas, pilots and implementations."""
    needs = needs_visible_to(user=user).filter(project=project).order_by().count()
    ideas = ideas_visible_to(user=user).filter(project=project).order_by()
    submitted = Assignment.objects.filter(idea=OuterRef("pk"), status=AssignmentStatus.SUBMITTED)
    initiatives = initiatives_visible_to(user=user).filter(project=project)
    reached = Counter(initiatives.order_by().values_list("furthest_stage", flat=True))
    pipeline = [str(stage) for stage in PIPELINE]

    def reached_at_least(stage: Stage) -> int:
        index = pipeline.index(stage)
        return sum(n for s, n in reached.items() if s in pipeline and pipeline.index(s) >= index)

    counts = {
        "needs": needs,
        "ideas": ideas.count(),
        "assessed": ideas.filter(Exists(submitted)).count(),
        "pilot": reached_at_least(Stage.PILOT),
        "implementation": reached_at_least(Stage.IMPLEMENTATION),
    }
    return Series(tuple(Bar(key, str(label), counts[key]) for key, label in FUNNEL_STEPS))


def chain_funnel(*, user: Viewer, scope: DashboardScope) -> Series:
    """The funnel from needs to implemented initiatives, counting what ``user`` may see."""
    if scope.project is not None:
        return _project_funnel(user=user, project=scope.project)
    return portfolio_balance(
        user=user, scope=Scope(programme=scope.programme, municipality=scope.municipality)
    ).funnel


@dataclass
class MunicipalityProgress:
    """One municipality's row of the network's comparison."""

    code: str
    name: str
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(str(status), 0) for status in STATUS_ORDER]

    @property
    def judged(self) -> int:
        """Indicators whose progress can be judged: with a target and a measured value."""
        return sum(self.count(str(status)) for status in JUDGED_STATUSES)

    @property
    def share_on_track(self) -> int | None:
        """Per cent of the judged indicators that are on track, or None if none is judged
        (a municipality without targets is not at 0 %, it is not comparable)."""
        if not self.judged:
            return None
        return round(100 * self.count(str(Status.ON_TRACK)) / self.judged)


# The statuses that say how an indicator is doing against its target.
JUDGED_STATUSES = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)


def municipality_comparison(*, indicators: QuerySet[Indicator]) -> list[MunicipalityProgress]:
    """Progress of the indicators side by side per municipality (of the indicator, or of its
    project); indicators without a municipality are left out."""
    rows: dict[str, MunicipalityProgress] = {}
    for indicator in indicators:
        municipality = indicator.municipality or (
            indicator.project.municipality if indicator.project else None
        )
        if municipality is None:
            continue
        row = rows.setdefault(
            municipality.code, MunicipalityProgress(municipality.code, municipality.name)
        )
        row.counts[str(indicator_progress(indicator).status)] += 1
    return sorted(rows.values(), key=lambda row: row.name)


def comparison_series(rows: list[MunicipalityProgress]) -> Series:
    """The share on track per municipality as a chart, municipalities with nothing judged
    left out (the table shows them)."""
    shares = ((row, row.share_on_track) for row in rows)
    return Series(
        tuple(Bar(row.code, row.name, share) for row, share in shares if share is not None)
    )


def status_headings() -> list[str]:
    return [str(status.label) for status in STATUS_ORDER]


def evaluations_of(*, user: Viewer, scope: DashboardScope) -> QuerySet[Evaluation]:
    """Evaluations of the programmes ``user`` may see, of one programme or (network) all;
    their indicators limited to those ``user`` may see."""
    evaluations = Evaluation.objects.filter(
        milestone__programme__in=programmes_visible_to(user=user).values("pk")
    )
    if scope.programme is not None:
        evaluations = evaluations.filter(milestone__programme=scope.programme)
    elif scope.project is not None or scope.municipality is not None:
        evaluations = evaluations.filter(
            indicators__in=scope.filter_indicators(indicators_visible_to(user=user)).values("pk")
        ).distinct()
    return (
        evaluations.select_related("milestone__programme", "created_by")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=indicators_visible_to(user=user).order_by("name"),
                to_attr="visible_indicators",
            )
        )
        .order_by("-evaluated_on", "-pk")
    )


def evaluations_citing(*, user: Viewer, indicator: Indicator) -> QuerySet[Evaluation]:
    """The evaluations that name ``indicator`` as showing their effects, newest first, of the
    programmes ``user`` may see."""
    return (
        Evaluation.objects.filter(
            indicators=indicator,
            milestone__programme__in=programmes_visible_to(user=user).values("pk"),
        )
        .select_related("milestone__programme")
        .order_by("-evaluated_on", "-pk")
    )
