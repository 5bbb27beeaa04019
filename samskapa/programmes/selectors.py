"""Reads of programmes: visibility, lists with counts, detail, late milestones and the timeline.

``programmes_visible_to`` is the rule ``programmes.view_programme`` as a query; change both
together (``programmes/rules.py``).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.core.models import Visibility
from samskapa.core.predicates import LEADER_ROLES, memberships_of
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import (
    OPEN_MILESTONE_STATUSES,
    Milestone,
    MilestoneStatus,
    Participant,
    ParticipantRole,
    Phase,
    Programme,
)
from samskapa.projects.selectors import projects_visible_to

# Participants in the order a reader expects: the lead, the municipalities, partners, funders.
PARTICIPANT_ORDER = Case(
    When(role=ParticipantRole.LEAD, then=Value(0)),
    When(role=ParticipantRole.MUNICIPALITY, then=Value(1)),
    When(role=ParticipantRole.PARTNER, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def _organisation_ids(user: Any) -> set[int]:
    return {org for org, _project, _role in memberships_of(user) if org}


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    """Public programmes, plus members-only ones the user's organisations lead or take part in."""
    programmes = Programme.objects.all()
    if getattr(user, "is_superuser", False):
        return programmes
    organisation_ids = _organisation_ids(user)
    if not organisation_ids:
        return programmes.filter(visibility=Visibility.PUBLIC)
    takes_part = Participant.objects.filter(
        programme=OuterRef("pk"), organisation_id__in=organisation_ids
    )
    return programmes.filter(
        Q(visibility=Visibility.PUBLIC)
        | Q(organisation_id__in=organisation_ids)
        | Exists(takes_part)
    )


def late_milestone_filter(today: datetime.date, prefix: str = "") -> Q:
    """Open (planned or in progress) and due before ``today``; ``prefix`` for related lookups."""
    return Q(**{f"{prefix}status__in": OPEN_MILESTONE_STATUSES, f"{prefix}due_on__lt": today})


def _count(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT of ``queryset`` (filtered by ``programme=OuterRef("pk")``).

    Subqueries rather than ``Count`` over joins: two joined counts multiply each other's rows.
    """
    counted = queryset.order_by().values("programme").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(
    programmes: QuerySet[Programme], *, today: datetime.date | None = None
) -> QuerySet[Programme]:
    """Annotate ``participant_count`` and ``late_milestone_count``."""
    today = today or timezone.localdate()
    return programmes.annotate(
        participant_count=_count(Participant.objects.filter(programme=OuterRef("pk"))),
        late_milestone_count=_count(
            Milestone.objects.filter(late_milestone_filter(today), programme=OuterRef("pk"))
        ),
    )


def programme_list(
    *,
    user: Any,
    query: str = "",
    municipality_code: str = "",
    organisation_slug: str = "",
    today: datetime.date | None = None,
) -> QuerySet[Programme]:
    """Programmes for the list page and the API, newest first, with their counts.

    The cards need the leading organisation and the municipalities: one query for the page and
    one for the municipalities of all its programmes, however many programmes there are.
    """
    programmes = programmes_visible_to(user)
    if municipality_code:
        programmes = programmes.filter(
            Exists(
                Programme.municipalities.through.objects.filter(
                    programme_id=OuterRef("pk"), municipality__code=municipality_code
                )
            )
        )
    if organisation_slug:
        programmes = programmes.filter(organisation__slug=organisation_slug)
    programmes = with_counts(
        programmes.select_related("organisation").prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        ),
        today=today,
    )
    if query:
        # Programmes are few (tens per platform), so a plain substring match is enough here.
        programmes = programmes.filter(
            Q(name__icontains=query) | Q(summary__icontains=query) | Q(description__icontains=query)
        )
    return programmes.order_by("-start_date", "name", "pk")


def programme_detail_queryset(*, user: Any) -> QuerySet[Programme]:
    """Visible programmes with everything the detail, timeline and API pages show.

    Linked urban development projects are limited to those ``user`` may see, in
    ``visible_projects``, so a members-only project never shows through a public programme.
    """
    return (
        with_counts(programmes_visible_to(user))
        .select_related("organisation", "created_by")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("organisation__municipality")
                .annotate(role_order=PARTICIPANT_ORDER)
                .order_by("role_order", "organisation__name", "pk"),
            ),
            Prefetch("phases", queryset=Phase.objects.order_by("start_date", "end_date", "pk")),
            Prefetch(
                "milestones",
                queryset=Milestone.objects.select_related("phase", "responsible").order_by(
                    "due_on", "pk"
                ),
            ),
            Prefetch(
                "projects",
                queryset=projects_visible_to(user=user)
                .select_related("municipality")
                .order_by("name"),
                to_attr="visible_projects",
            ),
        )
    )


def late_milestones(
    *,
    user: Any,
    programme: Programme | None = None,
    today: datetime.date | None = None,
) -> QuerySet[Milestone]:
    """Milestones past their due date and neither done nor cancelled, oldest first.

    Limited to the programmes ``user`` may see; to one programme if ``programme`` is given.
    """
    today = today or timezone.localdate()
    milestones = Milestone.objects.filter(late_milestone_filter(today))
    if programme is not None:
        milestones = milestones.filter(programme=programme)
    if not getattr(user, "is_superuser", False):
        milestones = milestones.filter(programme__in=programmes_visible_to(user).values("pk"))
    return milestones.select_related("programme", "phase", "responsible").order_by("due_on", "pk")


def programme_milestones(*, programme: Programme) -> QuerySet[Milestone]:
    """The milestones of a programme (already checked as visible), by due date."""
    return (
        Milestone.objects.filter(programme=programme)
        .select_related("phase", "responsible")
        .order_by("due_on", "pk")
    )


def organisations_for_leading(*, user: Any, current: Organisation | None = None) -> QuerySet[Any]:
    """Organisations ``user`` may choose as a programme's leader (plus the current one)."""
    if getattr(user, "is_superuser", False):
        return Organisation.objects.order_by("name")
    ids = {org for org, _project, role in memberships_of(user) if org and role in LEADER_ROLES}
    if current is not None:
        ids.add(current.pk)
    return Organisation.objects.filter(pk__in=ids).order_by("name")


# --- Timeline ----------------------------------------------------------------------------------


def _percent(value: float) -> str:
    """A percentage for SVG attributes: always a dot as decimal sign, whatever the language."""
    return f"{max(0.0, min(100.0, value)):.3f}%"


@dataclass(frozen=True)
class Quarter:
    """A quarter's share of the axis: a gridline at its start, the label in its middle."""

    x: str
    centre: str
    label: str


@dataclass(frozen=True)
class YearBand:
    """A calendar year's share of the period: a gridline at its start, the label in its middle."""

    year: int
    x: str
    centre: str
    width: str
    show_label: bool


@dataclass(frozen=True)
class PhaseBar:
    phase: Phase
    x: str
    width: str
    is_current: bool


@dataclass(frozen=True)
class MilestoneMarker:
    milestone: Milestone
    x: str
    is_late: bool
    days_late: int


@dataclass
class PhaseGroup:
    """A phase with the milestones that belong to it; ``bar`` is None for milestones without one."""

    bar: PhaseBar | None
    milestones: list[MilestoneMarker] = field(default_factory=list)


@dataclass(frozen=True)
class Timeline:
    start: datetime.date
    end: datetime.date
    today: datetime.date
    today_x: str | None
    today_anchor: str
    years: list[YearBand]
    quarters: list[Quarter]
    groups: list[PhaseGroup]
    phases: list[PhaseBar]
    milestones: list[MilestoneMarker]

    @property
    def late_count(self) -> int:
        return sum(1 for marker in self.milestones if marker.is_late)


def programme_timeline(*, programme: Programme, today: datetime.date | None = None) -> Timeline:
    """Phases and milestones of ``programme`` laid out against its period.

    Positions are percentages of the period, from its first to the end of its last day. A
    phase or milestone outside the period (possible in data older than the checks in the
    services) widens the axis rather than falling off it. Uses the prefetched ``phases`` and
    ``milestones`` of ``programme_detail_queryset``.
    """
    today = today or timezone.localdate()
    phases = list(programme.phases.all())
    milestones = list(programme.milestones.all())
    start = min([programme.start_date, *(p.start_date for p in phases)])
    start = min([start, *(m.due_on for m in milestones)])
    end = max([programme.end_date, *(p.end_date for p in phases)])
    end = max([end, *(m.due_on for m in milestones)])
    total_days = (end - start).days + 1

    def position(day: datetime.date) -> float:
        return (day - start).days / total_days * 100

    years = []
    for year in range(start.year, end.year + 1):
        first = max(start, datetime.date(year, 1, 1))
        last_exclusive = min(end + datetime.timedelta(days=1), datetime.date(year + 1, 1, 1))
        left, right = position(first), position(last_exclusive)
        years.append(
            YearBand(
                year=year,
                x=_percent(left),
                centre=_percent((left + right) / 2),
                width=_percent(right - left),
                # A few weeks of a year at either end leave no room for its label.
                show_label=right - left >= 6,
            )
        )

    quarters = []
    # Quarter labels only while they fit: up to four years of quarters on one axis.
    if end.year - start.year < 4:
        for year in range(start.year, end.year + 1):
            for quarter, month in enumerate((1, 4, 7, 10), start=1):
                first = datetime.date(year, month, 1)
                last_exclusive = (
                    datetime.date(year + 1, 1, 1)
                    if month == 10
                    else datetime.date(year, month + 3, 1)
                )
                shown_from = max(first, start)
                shown_to = min(last_exclusive, end + datetime.timedelta(days=1))
                if shown_to <= shown_from:
                    continue
                # Translators: a quarter of the year on the programme timeline, e.g. Q3.
                label = _("Q%(quarter)d") % {"quarter": quarter}
                left, right = position(shown_from), position(shown_to)
                quarters.append(
                    Quarter(
                        x=_percent(left),
                        centre=_percent((left + right) / 2),
                        # Only whole quarters (or nearly) have room for their label.
                        label=label if right - left >= 4 else "",
                    )
                )

    today_x = None
    today_anchor = "middle"
    if start <= today <= end:
        today_value = position(today) + 50 / total_days
        today_x = _percent(today_value)
        today_anchor = "start" if today_value < 8 else "end" if today_value > 92 else "middle"

    bars = {
        phase.pk: PhaseBar(
            phase=phase,
            x=_percent(position(phase.start_date)),
            width=_percent(
                position(phase.end_date + datetime.timedelta(days=1)) - position(phase.start_date)
            ),
            is_current=phase.start_date <= today <= phase.end_date,
        )
        for phase in phases
    }
    markers = [
        MilestoneMarker(
            milestone=milestone,
            # The middle of the due day.
            x=_percent(position(milestone.due_on) + 50 / total_days),
            is_late=milestone.is_late(today),
            days_late=(today - milestone.due_on).days if milestone.is_late(today) else 0,
        )
        for milestone in milestones
    ]
    groups = {phase.pk: PhaseGroup(bar=bars[phase.pk]) for phase in phases}
    loose = PhaseGroup(bar=None)
    for marker in markers:
        groups.get(marker.milestone.phase_id or 0, loose).milestones.append(marker)
    ordered = list(groups.values()) + ([loose] if loose.milestones else [])
    return Timeline(
        start=start,
        end=end,
        today=today,
        today_x=today_x,
        today_anchor=today_anchor,
        years=years,
        quarters=quarters,
        groups=ordered,
        phases=list(bars.values()),
        milestones=markers,
    )


def milestone_status_counts(
    *, programme: Programme, today: datetime.date | None = None
) -> dict[str, int]:
    """How many of the prefetched milestones are in each status, and how many are late."""
    today = today or timezone.localdate()
    counts = {status.value: 0 for status in MilestoneStatus}
    counts["late"] = 0
    for milestone in programme.milestones.all():
        counts[milestone.status] += 1
        counts["late"] += milestone.is_late(today)
    return counts
