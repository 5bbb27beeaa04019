"""Reads of the stage-gate portfolio: initiatives, their gate log and traceability.

Every list starts from ``initiatives_visible_to``, the query form of the rule
``portfolio.view_initiative``; change both together. Views, the API and other apps fetch one
initiative through ``access_initiative``, one gate decision through ``access_gate_decision``.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import Viewer, access
from samskapa.core.models import StakeholderGroup, Visibility
from samskapa.core.predicates import LEADER_ROLES, is_superuser, organisation_ids, project_ids
from samskapa.core.search import place_matches, text_matches
from samskapa.geo.models import Municipality
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.selectors import challenges_visible_to, ideas_visible_to
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import (
    Membership,
    Organisation,
    OrganisationType,
    Unit,
    UnitKind,
)
from samskapa.portfolio.models import GateDecision, Initiative, Stage
from samskapa.programmes.models import Participant, Programme
from samskapa.programmes.rules import programme_organisation_ids
from samskapa.programmes.selectors import programmes_visible_to
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to

INITIATIVE_SEARCH_FIELDS = ("title", "summary", "description")
# Gates due within this many days show in the leader's inbox.
GATE_DUE_WITHIN_DAYS = 14
# The need page lists at most this many ideas of the challenges that answer the need.
TRACE_IDEA_LIMIT = 30


def _programme_member(user: Viewer) -> Q:
    """The programme is led by, or has as participant, an organisation the user belongs to."""
    organisations = organisation_ids(user)
    return Q(organisation_id__in=organisations) | Q(participants__organisation_id__in=organisations)


def initiatives_visible_to(*, user: Viewer) -> QuerySet[Initiative]:
    """Initiatives ``user`` may see (``portfolio.view_initiative`` as a query).

    Public initiatives whose project and programme the user may see, and every initiative of
    the organisations, projects and programmes the user takes part in.
    """
    initiatives = Initiative.objects.all()
    if getattr(user, "is_superuser", False):
        return initiatives
    context_visible = (
        Q(project__isnull=True) | Q(project__in=projects_visible_to(user=user).values("pk"))
    ) & (Q(programme__isnull=True) | Q(programme__in=programmes_visible_to(user=user).values("pk")))
    visible = Q(visibility=Visibility.PUBLIC) & context_visible
    organisations = organisation_ids(user)
    projects = project_ids(user)
    if organisations or projects:
        visible |= (
            Q(lead_organisation_id__in=organisations)
            | Q(project_id__in=projects)
            | Q(project__organisation_id__in=organisations)
            | Q(programme__in=Programme.objects.filter(_programme_member(user)).values("pk"))
        )
    return initiatives.filter(visible)


def _search(initiatives: QuerySet[Initiative], query: str) -> QuerySet[Initiative]:
    # A portfolio holds hundreds of initiatives, not hundreds of thousands, so matching the
    # Swedish stems of the words in the text columns is fast enough without a search index.
    return initiatives.filter(
        text_matches(query, INITIATIVE_SEARCH_FIELDS)
        | place_matches(initiatives, query, "municipality")
    )


def narrow_initiatives(
    initiatives: QuerySet[Initiative],
    *,
    query: str = "",
    programme_slug: str = "",
    municipality_code: str = "",
    stage: str = "",
    dimension: str = "",
) -> QuerySet[Initiative]:
    """``initiatives`` narrowed by the list's filters (``filters.InitiativeFilter`` uses it)."""
    if programme_slug:
        initiatives = initiatives.filter(programme__slug=programme_slug)
    if municipality_code:
        initiatives = initiatives.filter(municipality__code=municipality_code)
    if stage:
        initiatives = initiatives.filter(stage=stage)
    if dimension:
        initiatives = initiatives.filter(dimensions__code=dimension)
    if query:
        initiatives = _search(initiatives, query)
    return initiatives


def initiative_list(
    *,
    user: Viewer,
    query: str = "",
    programme_slug: str = "",
    municipality_code: str = "",
    stage: str = "",
    dimension: str = "",
) -> QuerySet[Initiative]:
    """Initiatives for the list page and the API, filtered, with what a row shows loaded."""
    initiatives = initiatives_visible_to(user=user).select_related(
        "municipality", "lead_organisation", "programme", "project"
    )
    return narrow_initiatives(
        initiatives,
        query=query,
        programme_slug=programme_slug,
        municipality_code=municipality_code,
        stage=stage,
        dimension=dimension,
    ).order_by("-updated_at", "-id")


def initiative_detail_queryset() -> QuerySet[Initiative]:
    """All initiatives with what the detail page shows; ``portfolio.view_initiative`` decides."""
    return Initiative.objects.select_related(
        "municipality",
        "lead_organisation",
        "responsible_unit__organisation",
        "programme",
        "project__organisation",
        "idea",
        "created_by",
    ).prefetch_related(
        "partners",
        "dimensions",
        "sdg_targets__goal",
        "stakeholder_groups",
    )


def access_initiative(*, user: Viewer, pk: int, rule: str | None = None) -> Initiative:
    """The initiative ``pk`` with what its page shows, if ``user`` may see it (else 404) and,
    given a ``rule`` such as ``portfolio.decide_gate``, may do that (else 403)."""
    return access(
        initiative_detail_queryset(),
        user=user,
        view_permission="portfolio.view_initiative",
        permission=rule,
        pk=pk,
    )


def access_gate_decision(
    *, user: Viewer, pk: int, initiative_pk: int, rule: str | None = None
) -> GateDecision:
    """Gate decision ``pk`` in the log of initiative ``initiative_pk``.

    404 unless ``user`` may see the initiative and the decision is in its log; ``rule`` is
    checked on the initiative (``portfolio.decide_gate`` to correct it), 403 if refused.
    """
    initiative = access_initiative(user=user, pk=initiative_pk, rule=rule)
    decision = (
        GateDecision.objects.select_related("decided_by", "board__organisation")
        .filter(initiative=initiative, pk=pk)
        .first()
    )
    if decision is None:
        raise Http404(_("The page could not be found."))
    decision.initiative = initiative
    return decision


@dataclass
class LogEntry:
    """A gate decision with the corrections made of it, for the gate log."""

    decision: GateDecision
    number: int
    corrections: list["LogEntry"] = field(default_factory=list)
    corrects_number: int | None = None


def gate_log(*, initiative: Initiative) -> list[LogEntry]:
    """The initiative's gate decisions, oldest first, numbered, each with its corrections."""
    decisions = list(
        GateDecision.objects.filter(initiative=initiative)
        .select_related("decided_by", "board__organisation")
        .order_by("decided_at", "pk")
    )
    entries = {
        decision.pk: LogEntry(decision=decision, number=number)
        for number, decision in enumerate(decisions, start=1)
    }
    for entry in entries.values():
        corrected = entries.get(entry.decision.corrects_id or 0)
        if corrected is not None:
            corrected.corrections.append(entry)
            entry.corrects_number = corrected.number
    return list(entries.values())


@dataclass(frozen=True)
class InitiativeTrace:
    """Which needs an initiative answers (those the user may see) and whom it serves."""

    needs: list[Need]
    stakeholder_groups: list[StakeholderGroup]


def initiative_trace(*, initiative: Initiative, user: Viewer) -> InitiativeTrace:
    """The needs of ``initiative`` that ``user`` may see, and the stakeholder groups it serves:
    those of these needs and those named on the initiative itself. One query, plus one for
    the initiative's own groups where they were not prefetched."""
    needs = list(
        needs_visible_to(user=user)
        .filter(initiatives=initiative)
        .select_related("project", "stakeholder_group")
        .order_by("title", "pk")
    )
    groups = {group.pk: group for group in initiative.stakeholder_groups.all()}
    for need in needs:
        if need.stakeholder_group is not None:
            groups.setdefault(need.stakeholder_group.pk, need.stakeholder_group)
    ordered = sorted(groups.values(), key=lambda group: (group.position, str(group.name)))
    return InitiativeTrace(needs=needs, stakeholder_groups=ordered)


@dataclass
class ChallengeTrace:
    challenge: Challenge
    ideas: list[Idea] = field(default_factory=list)


@dataclass(frozen=True)
class NeedTrace:
    """What became of a need: the challenges that answer it, their ideas, and the initiatives
    that answer it directly or through one of those ideas, each at its stage."""

    challenges: list[ChallengeTrace]
    initiatives: list[Initiative]
    more_ideas: bool

    @property
    def is_empty(self) -> bool:
        return not self.challenges and not self.initiatives


def need_trace(*, need: Need, user: Viewer) -> NeedTrace:
    """``NeedTrace`` of ``need`` with only what ``user`` may see, in three queries."""
    challenges = list(
        challenges_visible_to(user=user)
        .filter(needs=need)
        .select_related("project")
        .order_by("-deadline", "pk")
    )
    by_challenge = {challenge.pk: ChallengeTrace(challenge) for challenge in challenges}
    ideas: list[Idea] = []
    if by_challenge:
        ideas = list(
            ideas_visible_to(user=user)
            .filter(challenge_id__in=list(by_challenge))
            .order_by("-support_count", "-id")[: TRACE_IDEA_LIMIT + 1]
        )
    for idea in ideas[:TRACE_IDEA_LIMIT]:
        by_challenge[idea.challenge_id].ideas.append(idea)  # type: ignore[index]
    # The ids from both paths first, each found through its own index, then the initiatives by
    # primary key. An OR over the two joins made PostgreSQL join every visible initiative to its
    # idea and the challenge's needs before filtering: 15-60 ms at 5,000 initiatives, 0.3 ms so.
    answering = Initiative.needs.through.objects.filter(need_id=need.pk).values("initiative_id")
    through_ideas = Initiative.objects.filter(idea__challenge__needs=need).order_by().values("pk")
    initiatives = list(
        initiatives_visible_to(user=user)
        .filter(pk__in=answering.order_by().union(through_ideas))
        .select_related("municipality", "lead_organisation")
        .order_by("title", "pk")
    )
    return NeedTrace(
        challenges=list(by_challenge.values()),
        initiatives=initiatives,
        more_ideas=len(ideas) > TRACE_IDEA_LIMIT,
    )


def initiatives_led_by(*, user: Viewer) -> QuerySet[Initiative]:
    """Initiatives ``user`` leads (``portfolio.change_initiative`` without the admin)."""
    organisations = organisation_ids(user, LEADER_ROLES)
    projects = project_ids(user, LEADER_ROLES)
    if not organisations and not projects:
        return Initiative.objects.none()
    return Initiative.objects.filter(
        Q(lead_organisation_id__in=organisations)
        | Q(project_id__in=projects)
        | Q(project__organisation_id__in=organisations)
        | Q(programme__organisation_id__in=organisations)
    )


def initiatives_due_for_gate(*, user: Viewer, today: datetime.date) -> QuerySet[Initiative]:
    """For the "My work" inbox: initiatives the user leads whose next gate is due within
    ``GATE_DUE_WITHIN_DAYS`` (or overdue), not completed or stopped; soonest first."""
    due_by = today + datetime.timedelta(days=GATE_DUE_WITHIN_DAYS)
    return (
        initiatives_led_by(user=user)
        .filter(next_gate_on__isnull=False, next_gate_on__lte=due_by)
        .exclude(stage__in=[Stage.COMPLETED, Stage.STOPPED])
        .select_related("municipality")
        .order_by("next_gate_on", "title", "pk")
    )


def _scope_organisation_ids(initiative: Initiative) -> set[int]:
    """The lead organisation and the organisations running its project and its programme."""
    organisations = {initiative.lead_organisation_id}
    if initiative.project is not None:
        organisations.add(initiative.project.organisation_id)
    if initiative.programme is not None:
        organisations.add(initiative.programme.organisation_id)
    return organisations


def initiative_leaders(*, initiative: Initiative) -> QuerySet[User]:
    """The people who lead the initiative (``portfolio.change_initiative`` without the admin):
    leaders of its lead organisation, of its project (or the organisation running it) and of
    its programme's leading organisation."""
    scope = Q(organisation_id__in=_scope_organisation_ids(initiative))
    if initiative.project_id:
        scope |= Q(project_id=initiative.project_id)
    leading = Membership.objects.filter(scope, role__in=LEADER_ROLES).values("user_id")
    return User.objects.filter(pk__in=leading, is_active=True)


def people_who_may_see(*, initiative: Initiative, people: QuerySet[User]) -> QuerySet[User]:
    """Those of ``people`` who may see ``initiative``: ``portfolio.view_initiative`` as a query
    over people instead of initiatives, to tell them about it in one query.

    The members of its lead organisation, of its project (or the organisation running it) and
    of its programme's organisations; the platform administrators; and, for a public initiative,
    everyone who may see its project and programme.
    """
    project, programme = initiative.project, initiative.programme
    project_members = Q(pk__in=[])
    if project is not None:
        project_members = Q(project_id=project.pk) | Q(organisation_id=project.organisation_id)
    programme_members = Q(pk__in=[])
    if programme is not None:
        taking_part = Participant.objects.filter(programme_id=programme.pk)
        programme_members = Q(organisation_id=programme.organisation_id) | Q(
            organisation_id__in=taking_part.values("organisation_id")
        )

    def members(scope: Q) -> Q:
        return Q(pk__in=Membership.objects.filter(scope).values("user_id"))

    sees = Q(is_superuser=True) | members(
        Q(organisation_id=initiative.lead_organisation_id) | project_members | programme_members
    )
    if initiative.visibility == Visibility.PUBLIC:
        # Public: whoever may see its project and its programme (public ones: everyone).
        context: list[Q] = []
        if project is not None and project.visibility != Visibility.PUBLIC:
            context.append(members(project_members))
        if programme is not None and programme.visibility != Visibility.PUBLIC:
            context.append(members(programme_members))
        if not context:
            return people
        public = context[0]
        for condition in context[1:]:
            public &= condition
        sees |= public
    return people.filter(sees)


def boards_for(*, initiative: Initiative) -> QuerySet[Unit]:
    """Boards and administrations whose decision a gate decision may cite: those of the
    municipality the initiative is in, of its lead organisation and of its programme's lead."""
    organisations = {initiative.lead_organisation_id}
    if initiative.programme is not None:
        organisations.add(initiative.programme.organisation_id)
    return (
        Unit.objects.filter(
            kind__in=[UnitKind.BOARD, UnitKind.ADMINISTRATION],
            organisation__type=OrganisationType.MUNICIPALITY,
        )
        .filter(
            Q(organisation__municipality_id=initiative.municipality_id)
            | Q(organisation_id__in=organisations)
        )
        .select_related("organisation")
        .order_by("organisation__name", "kind", "name")
    )


def units_for(*, organisation_ids: set[int]) -> QuerySet[Unit]:
    """Units that can be responsible for an initiative of these organisations."""
    return (
        Unit.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def initiative_form_choices(
    *, user: Viewer, initiative: Initiative | None = None, idea: Idea | None = None
) -> dict[str, QuerySet[Any]]:
    """What the initiative form offers ``user`` (for a new one, one taken forward from ``idea``,
    or a change of ``initiative``): the keyword arguments of ``forms.InitiativeForm``.

    Projects and programmes the user may see (the service refuses those they do not lead, with
    the reason); units of the user's organisations and of the initiative's; the visible needs of
    the projects they lead, of the initiative's or idea's project, and those already linked.
    """
    unit_organisations = organisation_ids(user)
    need_scope = Q(project_id__in=project_ids(user, LEADER_ROLES)) | Q(
        project__organisation_id__in=organisation_ids(user, LEADER_ROLES)
    )
    for source in (initiative, idea):
        if source is not None and source.project is not None:
            unit_organisations.add(source.project.organisation_id)
            need_scope |= Q(project_id=source.project_id)
    if initiative is not None:
        unit_organisations |= _scope_organisation_ids(initiative)
        need_scope |= Q(initiatives=initiative)
    if is_superuser(user) and initiative is None and idea is None:
        need_scope = Q(pk__in=[])  # an administrator picks needs after choosing the project
    return {
        "projects": projects_visible_to(user=user).order_by("name"),
        "programmes": programmes_visible_to(user=user).order_by("name"),
        "units": units_for(organisation_ids=unit_organisations),
        "needs": needs_visible_to(user=user)
        .filter(need_scope)
        .select_related("project")
        .distinct()
        .order_by("project__name", "title", "pk"),
    }


def idea_initiative(*, idea: Idea, user: Viewer) -> dict[str, Any]:
    """The initiative ``idea`` became, and whether ``user`` may see it; one query."""
    initiative = (
        Initiative.objects.filter(idea_id=idea.pk).select_related("project", "programme").first()
    )
    return {
        "initiative": initiative,
        "exists": initiative is not None,
        "visible": initiative is not None
        and user.has_perm("portfolio.view_initiative", initiative),
    }


def municipalities_of_place(
    *, project: Project | None, programme: Programme | None, lead_organisation: Organisation
) -> QuerySet[Municipality]:
    """The municipalities an initiative with this project, programme and lead organisation may
    be for (whose portfolio shows it): the project's, the lead organisation's and those of the
    programme's organisations; a region that leads it covers the municipalities of its region."""
    organisations = {lead_organisation.pk}
    if programme is not None:
        organisations |= programme_organisation_ids(programme)
    places = Q(pk__in=Organisation.objects.filter(pk__in=organisations).values("municipality_id"))
    if project is not None:
        places |= Q(pk=project.municipality_id)
    if lead_organisation.type == OrganisationType.REGION and lead_organisation.municipality_id:
        seat = Municipality.objects.filter(pk=lead_organisation.municipality_id)
        places |= Q(region_id__in=seat.values("region_id"))
    return Municipality.objects.filter(places)
