"""Balance views of a portfolio (portföljbalans): what a programme or a municipality pursues.

A portfolio is seen through a *scope*: one programme, one municipality, or everything the user
may see. For a scope this module counts the initiatives by stage, sustainability dimension,
Agenda 2030 goal, helix sector of their partners and risk against expected effect, and follows
the chain from needs to implemented initiatives (the funnel).

Every figure is a GROUP BY or COUNT in the database over rows the user may see, so a page costs
the same handful of queries for ten initiatives or fifty thousand. Non-public initiatives,
needs and ideas are only counted for those allowed to see them: each count starts from the same
visibility queries as the lists. The overview of everything a visitor may see is the exception
to "counted afresh": it is kept a few minutes (``OVERVIEW_SECONDS``).
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from samskapa.assessment.models import Assignment, AssignmentStatus
from samskapa.core.i18n import current_language
from samskapa.core.models import HelixSector, SustainabilityDimension
from samskapa.core.predicates import memberships_of
from samskapa.geo.models import Municipality
from samskapa.ideas.models import Idea
from samskapa.ideas.selectors import ideas_visible_to
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Organisation
from samskapa.portfolio.models import PIPELINE, Initiative, Level, Stage
from samskapa.portfolio.selectors import initiatives_visible_to
from samskapa.programmes.models import Programme
from samskapa.programmes.selectors import programmes_visible_to
from samskapa.sdg.models import Goal, Target

# The stages in the order the stage chart and the initiative list show them: the pipeline, then
# the two ways off it.
STAGE_ORDER: tuple[Stage, ...] = (*PIPELINE, Stage.STOPPED, Stage.PARKED)
LEVELS: tuple[Level, ...] = (Level.LOW, Level.MEDIUM, Level.HIGH)
# The balance views (dimension, goal, sector, risk and effect) describe what the portfolio is
# pursuing, so they count initiatives on the pipeline only; stopped and parked ones are shown in
# the stage chart and on the "not now" shelf.
ACTIVE_STAGES: tuple[Stage, ...] = PIPELINE
PILOT_INDEX = PIPELINE.index(Stage.PILOT)
IMPLEMENTATION_INDEX = PIPELINE.index(Stage.IMPLEMENTATION)


# --- Scope -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a portfolio covers: one programme, one municipality, or (neither) everything."""

    programme: Programme | None = None
    municipality: Municipality | None = None

    def filter_initiatives(self, initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
        if self.programme is not None:
            return initiatives.filter(programme=self.programme)
        if self.municipality is not None:
            return initiatives.filter(municipality=self.municipality)
        return initiatives

    def filter_needs(self, needs: QuerySet[Need]) -> QuerySet[Need]:
        """A programme's needs are those of its projects; a municipality's those placed there."""
        if self.programme is not None:
            return needs.filter(project_id__in=self._programme_project_ids())
        if self.municipality is not None:
            return needs.filter(municipality=self.municipality)
        return needs

    def filter_ideas(self, ideas: QuerySet[Idea]) -> QuerySet[Idea]:
        if self.programme is not None:
            return ideas.filter(project_id__in=self._programme_project_ids())
        if self.municipality is not None:
            return ideas.filter(municipality=self.municipality)
        return ideas

    def _programme_project_ids(self) -> QuerySet[Any, Any]:
        assert self.programme is not None
        return Programme.projects.through.objects.filter(programme_id=self.programme.pk).values(
            "project_id"
        )


# --- Results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar of a chart and one row of its table."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Series:
    """The bars of one chart, in the order they are drawn."""

    bars: tuple[Bar, ...]

    @property
    def chart_data(self) -> dict[str, list[Any]]:
        """What the chart script draws, read from a ``json_script`` element."""
        return {
            "keys": [bar.key for bar in self.bars],
            "labels": [bar.label for bar in self.bars],
            "values": [bar.count for bar in self.bars],
        }

    def as_list(self) -> list[dict[str, Any]]:
        return [{"key": bar.key, "label": bar.label, "count": bar.count} for bar in self.bars]


@dataclass(frozen=True)
class RiskEffectCell:
    risk: str
    effect: str
    count: int
    # 0 for an empty cell, 1-4 for the quarter of the largest cell it reaches; the table shades
    # the cell by it, the number itself is always written out.
    weight: int


@dataclass(frozen=True)
class RiskEffectRow:
    risk: str
    label: str
    cells: tuple[RiskEffectCell, ...]


@dataclass(frozen=True)
class RiskEffectMatrix:
    """Initiatives counted by risk (rows) and expected effect (columns), low to high."""

    rows: tuple[RiskEffectRow, ...]

    @property
    def effect_labels(self) -> tuple[str, ...]:
        return tuple(str(level.label) for level in LEVELS)

    @property
    def total(self) -> int:
        return sum(cell.count for row in self.rows for cell in row.cells)

    def as_list(self) -> list[dict[str, Any]]:
        return [
            {"risk": cell.risk, "expected_effect": cell.effect, "count": cell.count}
            for row in self.rows
            for cell in row.cells
        ]


@dataclass(frozen=True)
class Balance:
    """Everything the balance views of one scope show."""

    initiative_count: int
    active_count: int
    parked_count: int
    stages: Series
    dimensions: Series
    sdg_goals: Series
    helix_sectors: Series
    risk_effect: RiskEffectMatrix
    funnel: Series

    def as_dict(self) -> dict[str, Any]:
        """The JSON form the API returns."""
        return {
            "initiative_count": self.initiative_count,
            "active_count": self.active_count,
            "parked_count": self.parked_count,
            "stages": self.stages.as_list(),
            "dimensions": self.dimensions.as_list(),
            "sdg_goals": self.sdg_goals.as_list(),
            "helix_sectors": self.helix_sectors.as_list(),
            "risk_effect": self.risk_effect.as_list(),
            "funnel": self.funnel.as_list(),
        }


# --- Computations ------------------------------------------------------------------------------


def _pipeline_index(stage: str) -> int:
    """Position on the pipeline, or -1 for stopped and parked."""
    codes = [str(s) for s in PIPELINE]
    return codes.index(stage) if stage in codes else -1


@dataclass
class _StageTally:
    by_stage: Counter[str] = field(default_factory=Counter)
    risk_effect: Counter[tuple[str, str]] = field(default_factory=Counter)
    reached_pilot: int = 0
    reached_implementation: int = 0

    def add(self, stage: str, furthest: str, risk: str, effect: str, n: int) -> None:
        """Take in one group of ``n`` initiatives with the same stage, risk and effect."""
        self.by_stage[stage] += n
        if stage in ACTIVE_STAGES:
            self.risk_effect[(risk, effect)] += n
        # The furthest stage is kept by the gate service; the current stage is taken into account
        # too, so that data entered some other way still counts where it stands.
        reached = max(_pipeline_index(stage), _pipeline_index(furthest))
        if reached >= PILOT_INDEX:
            self.reached_pilot += n
        if reached >= IMPLEMENTATION_INDEX:
            self.reached_implementation += n


def _tally_stages(initiatives: QuerySet[Initiative]) -> _StageTally:
    """Stage, furthest stage, risk and effect in one GROUP BY (at most a few hundred rows)."""
    tally = _StageTally()
    grouped = (
        initiatives.order_by()
        .values_list("stage", "furthest_stage", "risk", "expected_effect")
        .annotate(n=Count("pk"))
    )
    for stage, furthest, risk, effect, n in grouped:
        tally.add(stage, furthest, risk, effect, n)
    return tally


@dataclass
class _InitiativeCounts:
    stages: _StageTally = field(default_factory=_StageTally)
    dimensions: list[Bar] = field(default_factory=list)
    goals: list[Bar] = field(default_factory=list)
    sectors: dict[str, int] = field(default_factory=dict)


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _count_initiatives(initiatives: QuerySet[Initiative]) -> _InitiativeCounts:
    """Every count over the scope's initiatives, in one statement.

    Written as SQL because the scope, which carries the visibility rules, is then computed once
    (as a common table expression) for the stage tally and the three link tables, instead of
    once per query: a third of the time of a programme page went into building and running the
    same subquery four times. The scope itself is still the ORM's query of what the user may
    see; the dimensions and goals come with their names, including those nobody chose. Each
    link table is joined through its initiative index, so the cost follows the size of the
    portfolio, not of the database. Every row is (kind, four text columns, count):

        stage      stage, furthest stage, risk, expected effect
        dimension  code, Swedish name, English name, position
        goal       number, Swedish name, English name, number
        sector     helix sector, -, -, -
    """
    scope_sql, scope_params = (
        initiatives.order_by()
        .values_list("pk", "stage", "furthest_stage", "risk", "expected_effect")
        .query.sql_with_params()
    )
    dimensions = Initiative.dimensions.through
    targets = Initiative.sdg_targets.through
    partners = Initiative.partners.through
    active_stages = ", ".join(["%s"] * len(ACTIVE_STAGES))
    sql = f"""
        WITH scope (id, stage, furthest, risk, effect) AS ({scope_sql}),
        active AS (SELECT id FROM scope WHERE stage IN ({active_stages}))
        SELECT 'stage', stage, furthest, risk, effect, COUNT(*)
        FROM scope GROUP BY stage, furthest, risk, effect
        UNION ALL
        SELECT 'dimension', d.code, d.name_sv, d.name_en, CAST(d.position AS TEXT), COALESCE(c.n, 0)
        FROM {_table(SustainabilityDimension)} d LEFT JOIN (
            SELECT link.sustainabilitydimension_id AS ref, COUNT(*) AS n
            FROM {_table(dimensions)} link JOIN active ON active.id = link.initiative_id
            GROUP BY link.sustainabilitydimension_id
        ) c ON c.ref = d.id
        UNION ALL
        SELECT 'goal', CAST(g.number AS TEXT), g.short_sv, g.short_en, CAST(g.number AS TEXT),
            COALESCE(c.n, 0)
        FROM {_table(Goal)} g LEFT JOIN (
            SELECT target.goal_id AS ref, COUNT(DISTINCT link.initiative_id) AS n
            FROM {_table(targets)} link
            JOIN {_table(Target)} target ON target.id = link.target_id
            JOIN active ON active.id = link.initiative_id
            GROUP BY target.goal_id
        ) c ON c.ref = g.id
        UNION ALL
        SELECT 'sector', o.helix_sector, NULL, NULL, NULL, COUNT(DISTINCT link.initiative_id)
        FROM {_table(partners)} link
        JOIN {_table(Organisation)} o ON o.id = link.organisation_id
        JOIN active ON active.id = link.initiative_id
        GROUP BY o.helix_sector
    """  # noqa: S608 - table names from the models; every value is a parameter
    counts = _InitiativeCounts()
    english = current_language() == "en"
    dimensions_found: list[tuple[int, Bar]] = []
    goals_found: list[tuple[int, Bar]] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, [*scope_params, *ACTIVE_STAGES])
        for kind, first, second, third, fourth, n in cursor.fetchall():
            if kind == "stage":
                counts.stages.add(first, second, third, fourth, n)
            elif kind == "dimension":
                bar = Bar(first, third if english else second, n)
                dimensions_found.append((int(fourth), bar))
            elif kind == "goal":
                bar = Bar(first, f"{first}. {third if english else second}", n)
                goals_found.append((int(fourth), bar))
            else:
                counts.sectors[first] = n
    counts.dimensions = [bar for _position, bar in sorted(dimensions_found, key=_position)]
    counts.goals = [bar for _number, bar in sorted(goals_found, key=_position)]
    return counts


def _position(item: tuple[int, Bar]) -> tuple[int, str]:
    return item[0], item[1].key


def _stage_series(tally: _StageTally) -> Series:
    return Series(
        tuple(Bar(str(stage), str(stage.label), tally.by_stage[stage]) for stage in STAGE_ORDER)
    )


def _risk_effect_matrix(tally: _StageTally) -> RiskEffectMatrix:
    largest = max(tally.risk_effect.values(), default=0)

    def weight(count: int) -> int:
        return 0 if not count else max(1, -(-4 * count // largest))

    return RiskEffectMatrix(
        rows=tuple(
            RiskEffectRow(
                risk=str(risk),
                label=str(risk.label),
                cells=tuple(
                    RiskEffectCell(
                        str(risk),
                        str(effect),
                        tally.risk_effect[(risk, effect)],
                        weight(tally.risk_effect[(risk, effect)]),
                    )
                    for effect in LEVELS
                ),
            )
            for risk in LEVELS
        )
    )


def _helix_series(sectors: dict[str, int]) -> Series:
    return Series(
        tuple(Bar(str(sector), str(sector.label), sectors.get(sector, 0)) for sector in HelixSector)
    )


FUNNEL_STEPS = (
    ("needs", _("Needs")),
    ("ideas", _("Ideas")),
    ("assessed", _("Assessed ideas")),
    ("pilot", _("Reached pilot")),
    ("implementation", _("Reached implementation")),
)


def _funnel_counts(*, user: Any, scope: Scope, tally: _StageTally) -> dict[str, int]:
    needs = scope.filter_needs(needs_visible_to(user=user)).order_by().count()
    submitted = Assignment.objects.filter(idea=OuterRef("pk"), status=AssignmentStatus.SUBMITTED)
    ideas = (
        scope.filter_ideas(ideas_visible_to(user=user))
        .order_by()
        .aggregate(total=Count("pk"), assessed=Count("pk", filter=Q(Exists(submitted))))
    )
    return {
        "needs": needs,
        "ideas": ideas["total"],
        "assessed": ideas["assessed"],
        "pilot": tally.reached_pilot,
        "implementation": tally.reached_implementation,
    }


def _funnel_series(counts: dict[str, int]) -> Series:
    return Series(tuple(Bar(key, str(label), counts[key]) for key, label in FUNNEL_STEPS))


# How long the overview (the funnel over everything a visitor may see, and the number of
# initiatives per programme and municipality) is kept. Counting every visible need and idea of
# the whole platform takes about 150 ms at 300,000 needs; the overview is a starting point,
# where figures a few minutes old serve as well as exact ones. The pages of one programme or
# municipality are always counted afresh.
OVERVIEW_SECONDS = 300


def _visibility_key(user: Any) -> str:
    """Equal for two visitors who see exactly the same needs, ideas and initiatives."""
    if getattr(user, "is_superuser", False):
        return "superuser"
    if user is None or not user.is_authenticated:
        return "anonymous"
    # The user's own private needs count for them alone, so the key names the user; the
    # memberships are part of it so that a new role shows at once.
    memberships = sorted(memberships_of(user), key=repr)
    digest = hashlib.sha256(repr(memberships).encode()).hexdigest()[:16]
    return f"user-{user.pk}-{digest}"


def overview_cache_key(user: Any) -> str:
    return f"portfolio:overview:{_visibility_key(user)}"


@dataclass(frozen=True)
class ProgrammeRow:
    programme: Programme
    initiative_count: int


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    initiative_count: int


@dataclass(frozen=True)
class Overview:
    """The overview page: the funnel over everything, and where the initiatives are."""

    funnel: Series
    programmes: tuple[ProgrammeRow, ...]
    municipalities: tuple[MunicipalityRow, ...]


def _overview_counts(user: Any) -> dict[str, Any]:
    initiatives = initiatives_visible_to(user=user)
    return {
        "funnel": _funnel_counts(user=user, scope=Scope(), tally=_tally_stages(initiatives)),
        "programmes": dict(
            initiatives.filter(programme__isnull=False)
            .order_by()
            .values_list("programme_id")
            .annotate(n=Count("pk"))
        ),
        "municipalities": list(
            initiatives.order_by()
            .values_list("municipality__code", "municipality__name")
            .annotate(n=Count("pk"))
            .order_by("municipality__name")
        ),
    }


def portfolio_overview(*, user: Any) -> Overview:
    """The figures of the overview page for ``user``; the counts are kept a few minutes."""
    key = overview_cache_key(user)
    counts = cache.get(key)
    if counts is None:
        counts = _overview_counts(user)
        cache.set(key, counts, OVERVIEW_SECONDS)
    programmes = (
        programmes_visible_to(user=user)
        .only("pk", "name", "slug", "start_date", "end_date")
        .order_by("-start_date", "name")
    )
    return Overview(
        funnel=_funnel_series(counts["funnel"]),
        programmes=tuple(
            ProgrammeRow(programme, counts["programmes"].get(programme.pk, 0))
            for programme in programmes
        ),
        municipalities=tuple(
            MunicipalityRow(code, name, n) for code, name, n in counts["municipalities"]
        ),
    )


def portfolio_balance(*, user: Any, scope: Scope) -> Balance:
    """The balance views and the funnel of ``scope``, counting only what ``user`` may see."""
    counts = _count_initiatives(scope.filter_initiatives(initiatives_visible_to(user=user)))
    tally = counts.stages
    return Balance(
        initiative_count=sum(tally.by_stage.values()),
        active_count=sum(tally.by_stage[stage] for stage in ACTIVE_STAGES),
        parked_count=tally.by_stage[Stage.PARKED],
        stages=_stage_series(tally),
        dimensions=Series(tuple(counts.dimensions)),
        sdg_goals=Series(tuple(counts.goals)),
        helix_sectors=_helix_series(counts.sectors),
        risk_effect=_risk_effect_matrix(tally),
        funnel=_funnel_series(_funnel_counts(user=user, scope=scope, tally=tally)),
    )


# --- Lists -------------------------------------------------------------------------------------

_STAGE_POSITION = Case(
    *(When(stage=stage, then=Value(position)) for position, stage in enumerate(STAGE_ORDER)),
    output_field=IntegerField(),
)


def portfolio_initiatives(*, user: Any, scope: Scope) -> QuerySet[Initiative]:
    """The scope's initiatives except the parked ones, in pipeline order, for a paginated table."""
    return (
        scope.filter_initiatives(initiatives_visible_to(user=user))
        .exclude(stage=Stage.PARKED)
        .select_related("municipality", "lead_organisation")
        .only(
            "pk",
            "title",
            "stage",
            "municipality__code",
            "municipality__name",
            "lead_organisation__name",
            "lead_organisation__slug",
        )
        .order_by(_STAGE_POSITION, "title", "pk")
    )


def parked_initiatives(*, user: Any, scope: Scope) -> QuerySet[Initiative]:
    """The "not now" shelf: parked initiatives with where and why they were parked."""
    return (
        scope.filter_initiatives(initiatives_visible_to(user=user))
        .filter(stage=Stage.PARKED)
        .select_related("municipality", "lead_organisation")
        .only(
            "pk",
            "title",
            "stage",
            "parked_from_stage",
            "parked_reason",
            "municipality__code",
            "municipality__name",
            "lead_organisation__name",
            "lead_organisation__slug",
        )
        .order_by("-updated_at", "-pk")
    )
