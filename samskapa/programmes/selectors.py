"""Reads of programmes: visibility, lists with counts, detail, late milestones and the timeline.

``programmes_visible_to`` is the rule ``programmes.view_programme`` as a query, and
``projects_linkable`` the projects a leader may link (``programmes/rules.py``); change each
together with its rule.
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
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.core.access import Viewer, access
from samskapa.core.models import Visibility
from samskapa.core.predicates import is_superuser, organisation_ids
from samskapa.core.search import text_matches
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation
from samskapa.organisations.selectors import organisations_where_user_leads
from samskapa.programmes.models import (
    OPEN_MILESTONE_STATUSES,
    Milestone,
    MilestoneStatus,
    Participant,
    ParticipantRole,
    Phase,
    Programme,
)
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_led_by, projects_visible_to

# Participants in the order a reader expects: the lead, the municipalities, partners, funders.
PARTICIPANT_ORDER = Case(
    When(role=ParticipantRole.LEAD, then=Value(0)),
    When(role=ParticipantRole.MUNICIPALITY, then=Value(1)),
    When(role=ParticipantRole.PARTNER, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def access_programme(*, user: Viewer, slug: str, rule: str | None = None) -> Programme:
    """The programme ``slug`` with what its pages show: 404 unless ``user`` may see it (so a
    members-only one does not leak), 403 unless they may also do ``rule`` on it."""
    return access(
        programme_detail_queryset(user=user),
        user=user,
        view_permission="programmes.view_programme",
        permission=rule,
        slug=slug,
    )


def access_participant(
    *, user: Viewer, programme_slug: str, pk: int, rule: str | None = None
) -> Participant:
    """Participant ``pk`` of the programme; the rule is the programme's (404/403)."""
    programme = access_programme(user=user, slug=programme_slug, rule=rule)
    participant = get_object_or_404(
        Participant.objects.select_related("organisation"), programme=programme, pk=pk
    )
    participant.programme = programme
    return participant


def access_phase(*, user: Viewer, programme_slug: str, pk: int, rule: str | None = None) -> Phase:
    """Phase ``pk`` of the programme; the rule is the programme's (404/403)."""
    programme = access_programme(user=user, slug=programme_slug, rule=rule)
    phase = get_object_or_404(Phase, programme=programme, pk=pk)
    phase.programme = programme
    return phase


def access_milestone(
    *, user: Viewer, programme_slug: str, pk: int, rule: str | None = None
) -> Milestone:
    """Milestone ``pk`` of the programme; the rule is the programme's (404/403)."""
    programme = access_programme(user=user, slug=programme_slug, rule=rule)
    milestone = get_object_or_404(Milestone, programme=programme, pk=pk)
    milestone.programme = programme
    return milestone


def programmes_visible_to(*, user: Viewer) -> QuerySet[Programme]:
    """Public programmes, plus members-only ones the user's organisations lead or take part in.

    The rule ``programmes.view_programme`` as a query.
    """
    programmes = Programme.objects.all()
    if is_superuser(user):
        return programmes
    mine = organisation_ids(user)
    if not mine:
        return programmes.filter(visibility=Visibility.PUBLIC)
    takes_part = Participant.objects.filter(programme=OuterRef("pk"), organisation_id__in=mine)
    return programmes.filter(
        Q(visibility=Visibility.PUBLIC) | Q(organisation_id__in=mine) | Exists(takes_part)
    )


def projects_linkable(*, user: Viewer, programme: Programme | None = None) -> QuerySet[Project]:
    """Urban development projects ``user`` may link to ``programme`` (a new one if None).

    The projects they lead, and those they may see of the organisations that lead or take
    part in the programme; a project already linked stays linkable. A leader of one
    organisation cannot tie another's project to a programme it has no part in.
    """
    allowed = Q(pk__in=projects_led_by(user=user).values("pk"))
    if programme is not None:
        taking_part = Participant.objects.filter(programme=programme).values("organisation_id")
        allowed |= (
            Q(organisation_id=programme.organisation_id)
            | Q(organisation_id__in=taking_part)
            | Q(pk__in=programme.projects.values("pk"))
        )
    return projects_visible_to(user=user).filter(allowed)


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


def programme_list(*, user: Viewer, today: datetime.date | None = None) -> QuerySet[Programme]:
    """Programmes for the list page and the API, newest first, with their counts.

    The cards need the leading organisation and the municipalities: one query for the page and
    one for the municipalities of all its programmes, however many programmes there are. The
    list's filters are ``programmes.filters.ProgrammeFilter``.
    """
    programmes = with_counts(
        programmes_visible_to(user=user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        ),
        today=today,
    )
    return programmes.order_by("-start_date", "name", "pk")


# Programmes are few (tens per platform), so their texts are matched without a search index.
PROGRAMME_SEARCH_FIELDS = ("name", "summary", "description")


def programme_search(*, user: Viewer, query: str) -> QuerySet[Programme]:
    """Programmes whose texts match ``query`` (the site search), newest first."""
    return programme_list(user=user).filter(text_matches(query, PROGRAMME_SEARCH_FIELDS))


def programme_detail_queryset(*, user: Viewer) -> QuerySet[Programme]:
    """Visible programmes with everything the detail, timeline and API pages show.

    Linked urban development projects are limited to those ``user`` may see, in
    ``visible_projects``, so a members-only project never shows through a public programme.
    """
    return (
        with_counts(programmes_visible_to(user=user))
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
                # How many evaluations (indicators app) each milestone has, for its link there.
                queryset=Milestone.objects.select_related("phase", "responsible")
                .annotate(evaluation_count=Count("evaluations"))
                .order_by("due_on", "pk"),
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
    user: Viewer,
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
    if not is_superuser(user):
        milestones = milestones.filter(programme__in=programmes_visible_to(user=user).values("pk"))
    return milestones.select_related("programme", "phase", "responsible").order_by("due_on", "pk")


def programme_milestones(*, programme: Programme) -> QuerySet[Milestone]:
    """The milestones of a programme (already checked as visible), by due date."""
    return (
        Milestone.objects.filter(programme=programme)
        .select_related("phase", "responsible")
        .order_by("due_on", "pk")
    )


def organisations_for_leading(
    *, user: Viewer, current: Organisation | None = None
) -> QuerySet[Organisation]:
    """Organisations ``user`` may choose as a programme's leader (plus the current one)."""
    leads = organisations_where_user_leads(user=user)
    if current is not None:
        leads = Organisation.objects.filter(Q(pk__in=leads.values("pk")) | Q(pk=current.pk))
    return leads.order_by("name")


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
