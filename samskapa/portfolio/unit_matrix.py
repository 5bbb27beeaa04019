"""Administrations and boards by phase (seed 001): a project's units against its planning phases.

The matrix itself is read here rather than in projects, because each row counts the needs and
initiatives the unit is responsible for: the portfolio sits above projects, needs and ideas, so
reading it here keeps projects free of imports from the apps that build on it.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from samskapa.core.models import Visibility
from samskapa.core.predicates import project_roles
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Unit
from samskapa.portfolio.models import Initiative
from samskapa.projects.models import (
    PhaseRole,
    Project,
    ProjectPhase,
    ProjectUnit,
    UnitPhaseRole,
)
from samskapa.projects.selectors import matrix_units

# Boards (nämnder) decide, administrations (förvaltningar) carry out: the matrix lists the
# political level first, then the administrations, then everything else.
UNIT_KIND_ORDER = ("board", "administration", "company", "department", "other")


@dataclass(frozen=True)
class MatrixCell:
    """One unit in one phase: its role there, or None where it has none."""

    phase: str
    phase_label: str
    role: UnitPhaseRole | None


@dataclass
class MatrixRow:
    """One administration or board of the project's organisation, across every phase."""

    unit: Unit
    link: ProjectUnit | None
    cells: list[MatrixCell]
    need_count: int
    initiative_count: int

    @property
    def takes_part(self) -> bool:
        return self.link is not None

    @property
    def phase_count(self) -> int:
        return sum(1 for cell in self.cells if cell.role is not None)

    @property
    def is_gap(self) -> bool:
        """A unit that has no part in any phase."""
        return self.phase_count == 0


@dataclass
class MatrixColumn:
    """One planning phase, with how many units lead, contribute or are consulted in it."""

    phase: str
    label: str
    is_current: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def unit_count(self) -> int:
        return sum(self.counts.values())

    @property
    def lead_count(self) -> int:
        return self.counts.get(PhaseRole.LEAD, 0)

    @property
    def is_gap(self) -> bool:
        """A phase in which no unit takes part."""
        return self.unit_count == 0


@dataclass
class UnitMatrix:
    """Förvaltningar och nämnder per fas: the project's units against the planning phases."""

    project: Project
    columns: list[MatrixColumn]
    rows: list[MatrixRow]

    @property
    def phase_gaps(self) -> list[MatrixColumn]:
        return [column for column in self.columns if column.is_gap]

    @property
    def unit_gaps(self) -> list[MatrixRow]:
        return [row for row in self.rows if row.is_gap]

    @property
    def phases_without_lead(self) -> list[MatrixColumn]:
        return [column for column in self.columns if not column.is_gap and not column.lead_count]


def _count(queryset: QuerySet[Any]) -> Subquery:
    """A correlated COUNT(*) of ``queryset`` (already filtered on OuterRef) as an annotation."""
    return Subquery(
        queryset.order_by().values("responsible_unit").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )


def _initiatives_counted_for(*, user: Any, project: Project) -> QuerySet[Any]:
    """Initiatives of the project whose existence ``user`` may know of, as a count."""
    initiatives = Initiative.objects.filter(project=project)
    if getattr(user, "is_superuser", False) or project_roles(user, project):
        return initiatives
    return initiatives.filter(visibility=Visibility.PUBLIC)


def unit_matrix(*, user: Any, project: Project) -> UnitMatrix:
    """Every unit of the project's organisation (and any other taking part) against the phases.

    Units that do not yet take part are included, so that the gaps show. Counts of needs and
    initiatives only cover what ``user`` may see. Three queries whatever the size (and the
    user's memberships, once per request).
    """
    needs = needs_visible_to(user=user).filter(project=project, responsible_unit=OuterRef("pk"))
    initiatives = _initiatives_counted_for(user=user, project=project).filter(
        responsible_unit=OuterRef("pk")
    )
    kind_order = Case(
        *(When(kind=kind, then=Value(index)) for index, kind in enumerate(UNIT_KIND_ORDER)),
        default=Value(len(UNIT_KIND_ORDER)),
    )
    units = list(
        matrix_units(project=project)
        .annotate(
            kind_rank=kind_order,
            need_count=Coalesce(_count(needs), 0),
            initiative_count=Coalesce(_count(initiatives), 0),
        )
        .order_by("kind_rank", "name")
    )
    links = {link.unit_id: link for link in ProjectUnit.objects.filter(project=project)}
    roles: dict[tuple[int, str], UnitPhaseRole] = {}
    for phase_role in UnitPhaseRole.objects.filter(project_unit__project=project).select_related(
        "project_unit"
    ):
        roles[(phase_role.project_unit.unit_id, phase_role.phase)] = phase_role
    columns = [
        MatrixColumn(phase=value, label=str(label), is_current=value == project.phase)
        for value, label in ProjectPhase.choices
    ]
    rows = []
    for unit in units:
        cells = []
        for column in columns:
            role = roles.get((unit.pk, column.phase))
            if role is not None:
                column.counts[role.role] = column.counts.get(role.role, 0) + 1
            cells.append(MatrixCell(phase=column.phase, phase_label=column.label, role=role))
        rows.append(
            MatrixRow(
                unit=unit,
                link=links.get(unit.pk),
                cells=cells,
                need_count=unit.need_count,
                initiative_count=unit.initiative_count,
            )
        )
    return UnitMatrix(project=project, columns=columns, rows=rows)
