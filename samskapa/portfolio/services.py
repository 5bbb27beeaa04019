"""Writes of the stage-gate portfolio: initiatives and the decisions taken at their gates.

The stage of an initiative changes only here, through a logged gate decision (or a logged
correction of one). What each decision does at each stage is the table in ``stages.py``, so the
service, the forms, the API and the demo data all follow the same rules.

Where an initiative sits (its project, programme, lead organisation and municipality) is
checked against what the actor may use each time it is set: an initiative lands in a project
or a programme only by the hand of those who lead it.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import (
    NotificationKind,
    StakeholderGroup,
    SustainabilityDimension,
    Visibility,
)
from samskapa.core.predicates import may_act_for_organisation
from samskapa.core.services import notification_send
from samskapa.core.writes import UNSET, given, set_fields
from samskapa.geo.models import Municipality
from samskapa.ideas.models import Idea
from samskapa.ideas.selectors import idea_followers
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Organisation, OrganisationType, Unit, UnitKind
from samskapa.portfolio import stages
from samskapa.portfolio.models import PIPELINE, Decision, GateDecision, Initiative, Level, Stage
from samskapa.portfolio.selectors import (
    boards_for,
    initiative_leaders,
    municipalities_of_place,
    people_who_may_see,
)
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

# Where a decision leaves the initiative off the line, no later gate is due.
CLOSED_STAGES = frozenset({Stage.COMPLETED, Stage.STOPPED})
BOARD_KINDS = frozenset({UnitKind.BOARD, UnitKind.ADMINISTRATION})
# Where an initiative sits: setting any of these is checked against what the actor may use.
PLACE_FIELDS = frozenset({"project", "programme", "lead_organisation", "municipality"})


# --- The stage table -----------------------------------------------------------------------------


def gate_outcome(*, stage: str, parked_from_stage: str, decision: str) -> str:
    """The stage a ``decision`` at the gate of an initiative at ``stage`` leads to.

    Reads ``stages.GATES``: go moves one step along ``PIPELINE`` (from the "not now" shelf:
    back to where it was parked); stop ends it; hold parks it; rework keeps it where it is for
    another round. Raises ``ValidationError`` on ``decision`` for a decision that makes no
    sense there.
    """
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose go, stop, hold or rework.")})
    outcome = stages.outcome(stage, decision)
    if isinstance(outcome, stages.Refusal):
        raise ValidationError({"decision": str(outcome.message)})
    return stages.destination(outcome, parked_from_stage=parked_from_stage)


def available_decisions(stage: str) -> list[str]:
    """The decisions that make sense at the gate of an initiative at ``stage``."""
    return [
        decision.value
        for decision, outcome in stages.GATES[Stage(stage)].items()
        if isinstance(outcome, stages.Move)
    ]


def _furthest(*stages_reached: str) -> str:
    on_line = [PIPELINE.index(Stage(stage)) for stage in stages_reached if stage in PIPELINE]
    return PIPELINE[max(on_line, default=0)]


# --- Initiatives ---------------------------------------------------------------------------------


def _require_some_scope(
    *,
    actor: User,
    lead_organisation: Organisation,
    project: Project | None,
    programme: Programme | None,
) -> None:
    """The actor may start an initiative in one of the places named (403 if in none)."""
    scopes = [scope for scope in (project, programme, lead_organisation) if scope is not None]
    if not any(actor.has_perm("portfolio.add_initiative", scope) for scope in scopes):
        raise PermissionDenied(_("You do not have permission to do this."))


def _may_name_lead(actor: User, initiative: Initiative) -> bool:
    """Whether the actor may name the initiative's lead organisation: one they lead; or, in a
    project they lead, the organisation that runs it or one they may act for; or any, in a
    programme they lead (a programme gathers what the organisations taking part lead)."""
    lead, project, programme = (
        initiative.lead_organisation,
        initiative.project,
        initiative.programme,
    )
    if actor.has_perm("portfolio.add_initiative", lead):
        return True
    if (
        project is not None
        and actor.has_perm("portfolio.add_initiative", project)
        and (project.organisation_id == lead.pk or may_act_for_organisation(actor, lead.pk))
    ):
        return True
    return programme is not None and actor.has_perm("portfolio.add_initiative", programme)


def _check_place(*, actor: User, initiative: Initiative, moved: set[str]) -> None:
    """Whether the actor may put the initiative where it now is; ``moved`` names what was set.

    A project or programme the actor may not see answers 403. Each project and programme it is
    put in must be one the actor leads, its lead organisation one they may name, and its
    municipality one of these places' own: otherwise a ValidationError names the field.
    """
    project, programme = initiative.project, initiative.programme
    if "project" in moved and project is not None:
        require(actor, "projects.view_project", project)
    if "programme" in moved and programme is not None:
        require(actor, "programmes.view_programme", programme)
    errors: dict[str, str] = {}
    if (
        "project" in moved
        and project is not None
        and not actor.has_perm("portfolio.add_initiative", project)
    ):
        errors["project"] = _("Choose a project you lead; its leaders decide what it pursues.")
    if (
        "programme" in moved
        and programme is not None
        and not actor.has_perm("portfolio.add_initiative", programme)
    ):
        errors["programme"] = _(
            "Choose a programme that you lead; its leaders decide what it pursues."
        )
    if "lead_organisation" in moved and not _may_name_lead(actor, initiative):
        errors["lead_organisation"] = _(
            "Choose an organisation you lead, or the one that runs the project."
        )
    if (
        moved & PLACE_FIELDS
        and not municipalities_of_place(
            project=project, programme=programme, lead_organisation=initiative.lead_organisation
        )
        .filter(pk=initiative.municipality_id)
        .exists()
    ):
        errors["municipality"] = _(
            "Choose the municipality of the project, of the lead organisation or of an "
            "organisation of the programme."
        )
    if errors:
        raise ValidationError(errors)


def _check_unit(initiative: Initiative) -> None:
    unit = initiative.responsible_unit
    if unit is None:
        return
    allowed = {initiative.lead_organisation_id}
    if initiative.project is not None:
        allowed.add(initiative.project.organisation_id)
    if initiative.programme is not None:
        allowed.add(initiative.programme.organisation_id)
    if unit.organisation_id not in allowed:
        raise ValidationError(
            {
                "responsible_unit": _(
                    "Choose a unit of the lead organisation, or of the organisation that runs "
                    "the project or the programme."
                )
            }
        )


def _visible_needs(actor: User, needs: Iterable[Need]) -> list[Need]:
    needs = list(needs)
    allowed = set(
        needs_visible_to(user=actor)
        .filter(pk__in=[need.pk for need in needs])
        .values_list("pk", flat=True)
    )
    if any(need.pk not in allowed for need in needs):
        raise ValidationError({"needs": _("Only needs you can see can be linked.")})
    return needs


def _fill_municipality(initiative: Initiative) -> None:
    if initiative.municipality_id is None:
        source = initiative.project or initiative.lead_organisation
        if source is not None and source.municipality_id is not None:
            initiative.municipality_id = source.municipality_id
    if initiative.municipality_id is None:
        raise ValidationError({"municipality": _("Choose the municipality the initiative is for.")})


@transaction.atomic
def initiative_create(
    *,
    actor: User,
    lead_organisation: Organisation,
    title: str,
    summary: str,
    description: str = "",
    project: Project | None = None,
    programme: Programme | None = None,
    municipality: Municipality | None = None,
    responsible_unit: Unit | None = None,
    partners: Iterable[Organisation] = (),
    needs: Iterable[Need] = (),
    stakeholder_groups: Iterable[StakeholderGroup] = (),
    dimensions: Iterable[SustainabilityDimension] = (),
    sdg_targets: Iterable[Target] = (),
    next_gate_on: datetime.date | None = None,
    risk: str = Level.MEDIUM,
    expected_effect: str = Level.MEDIUM,
    budget_sek: Decimal | None = None,
    visibility: str = Visibility.PUBLIC,
    idea: Idea | None = None,
) -> Initiative:
    """Start an initiative at the idea stage, in a project, a programme or an organisation.

    The actor must lead one of them (``portfolio.add_initiative``), and may only use the others
    as ``_check_place`` says. Use ``initiative_create_from_idea`` to take an idea forward.
    """
    _require_some_scope(
        actor=actor, lead_organisation=lead_organisation, project=project, programme=programme
    )
    initiative = Initiative(
        lead_organisation=lead_organisation,
        project=project,
        programme=programme,
        municipality=municipality,
        responsible_unit=responsible_unit,
        idea=idea,
        title=title,
        summary=summary,
        description=description,
        next_gate_on=next_gate_on,
        risk=risk,
        expected_effect=expected_effect,
        budget_sek=budget_sek,
        visibility=visibility,
        created_by=actor,
        stage=Stage.IDEA,
        furthest_stage=Stage.IDEA,
    )
    _fill_municipality(initiative)
    _check_place(actor=actor, initiative=initiative, moved=set(PLACE_FIELDS))
    _check_unit(initiative)
    linked = _visible_needs(actor, needs)
    save_with_history(initiative, actor=actor)
    initiative.partners.set(list(partners))
    initiative.needs.set(linked)
    initiative.stakeholder_groups.set(list(stakeholder_groups))
    initiative.dimensions.set(list(dimensions))
    initiative.sdg_targets.set(list(sdg_targets))
    return initiative


def idea_defaults(*, actor: User, idea: Idea) -> dict[str, Any]:
    """What an initiative taken forward from ``idea`` starts with (the form shows these too).

    Its title and texts, municipality, project, dimensions and SDG targets; the needs its
    challenge answers (those the actor can see, unless a moderator hid them); its organisation
    as a partner; and the organisation that runs its project as the lead.
    """
    needs = (
        list(
            needs_visible_to(user=actor)
            .filter(challenges=idea.challenge_id, is_hidden=False)
            .order_by("pk")
        )
        if idea.challenge_id
        else []
    )
    return {
        "title": idea.title,
        "summary": idea.summary,
        "description": idea.description,
        "municipality": idea.municipality,
        "project": idea.project,
        "lead_organisation": idea.project.organisation if idea.project is not None else None,
        "partners": [idea.organisation] if idea.organisation is not None else [],
        "needs": needs,
        "dimensions": list(idea.dimensions.all()),
        "sdg_targets": list(idea.sdg_targets.all()),
    }


@transaction.atomic
def initiative_create_from_idea(
    *,
    actor: User,
    idea: Idea,
    title: str = UNSET,
    summary: str = UNSET,
    description: str = UNSET,
    lead_organisation: Organisation | None = UNSET,
    project: Project | None = UNSET,
    programme: Programme | None = UNSET,
    municipality: Municipality | None = UNSET,
    responsible_unit: Unit | None = UNSET,
    partners: Iterable[Organisation] = UNSET,
    needs: Iterable[Need] = UNSET,
    stakeholder_groups: Iterable[StakeholderGroup] = UNSET,
    dimensions: Iterable[SustainabilityDimension] = UNSET,
    sdg_targets: Iterable[Target] = UNSET,
    next_gate_on: datetime.date | None = UNSET,
    risk: str = UNSET,
    expected_effect: str = UNSET,
    budget_sek: Decimal | None = UNSET,
    visibility: str = UNSET,
) -> Initiative:
    """Take ``idea`` forward as an initiative at the idea stage.

    It starts from ``idea_defaults``; whatever else is given (what the leader changed in the
    form) replaces the default. An idea of a project is taken forward by the project's leaders
    (``portfolio.take_idea_forward``); an idea becomes at most one initiative, also when two
    requests to take it forward arrive at once.
    """
    require(actor, "portfolio.take_idea_forward", idea)
    if idea.awaiting_approval:
        raise ValidationError({"idea": _("Approve the idea first: it is not shown to others yet.")})
    # Two requests at once (a double click) wait here for each other, so the second one sees
    # the initiative the first made.
    Idea.objects.select_for_update().filter(pk=idea.pk).values_list("pk").first()
    if Initiative.objects.filter(idea=idea).exists():
        raise ValidationError(
            {"idea": _("This idea has already been taken forward as an initiative.")}
        )
    values = idea_defaults(actor=actor, idea=idea)
    values.update(
        given(
            title=title,
            summary=summary,
            description=description,
            lead_organisation=lead_organisation,
            project=project,
            programme=programme,
            municipality=municipality,
            responsible_unit=responsible_unit,
            partners=partners,
            needs=needs,
            stakeholder_groups=stakeholder_groups,
            dimensions=dimensions,
            sdg_targets=sdg_targets,
            next_gate_on=next_gate_on,
            risk=risk,
            expected_effect=expected_effect,
            budget_sek=budget_sek,
            visibility=visibility,
        )
    )
    if values.get("lead_organisation") is None:
        raise ValidationError(
            {"lead_organisation": _("Choose the organisation that leads the initiative.")}
        )
    return initiative_create(actor=actor, idea=idea, **values)


def _pk(value: Any) -> Any:
    return getattr(value, "pk", None)


@transaction.atomic
def initiative_update(
    *,
    actor: User,
    initiative: Initiative,
    title: str = UNSET,
    summary: str = UNSET,
    description: str = UNSET,
    lead_organisation: Organisation = UNSET,
    project: Project | None = UNSET,
    programme: Programme | None = UNSET,
    municipality: Municipality | None = UNSET,
    responsible_unit: Unit | None = UNSET,
    partners: Iterable[Organisation] = UNSET,
    needs: Iterable[Need] = UNSET,
    stakeholder_groups: Iterable[StakeholderGroup] = UNSET,
    dimensions: Iterable[SustainabilityDimension] = UNSET,
    sdg_targets: Iterable[Target] = UNSET,
    next_gate_on: datetime.date | None = UNSET,
    risk: str = UNSET,
    expected_effect: str = UNSET,
    budget_sek: Decimal | None = UNSET,
    visibility: str = UNSET,
) -> Initiative:
    """Change what an initiative is about; its stage changes only through ``gate_decide``.

    Moving it to another project, programme, lead organisation or municipality is checked as
    when it was created (``_check_place``).
    """
    # As stored, not as given: a model form has already put the new values on ``initiative``.
    stored = Initiative.objects.select_related("project", "programme").get(pk=initiative.pk)
    require(actor, "portfolio.change_initiative", stored)
    places = given(
        project=project,
        programme=programme,
        lead_organisation=lead_organisation,
        municipality=municipality,
    )
    moved = {name for name, value in places.items() if _pk(value) != getattr(stored, f"{name}_id")}
    set_fields(
        initiative,
        title=title,
        summary=summary,
        description=description,
        responsible_unit=responsible_unit,
        next_gate_on=next_gate_on,
        risk=risk,
        expected_effect=expected_effect,
        budget_sek=budget_sek,
        visibility=visibility,
        **places,
    )
    _fill_municipality(initiative)
    _check_place(actor=actor, initiative=initiative, moved=moved)
    _check_unit(initiative)
    linked = None if needs is UNSET else _visible_needs(actor, needs)
    save_with_history(initiative, actor=actor)
    if partners is not UNSET:
        initiative.partners.set(list(partners))
    if linked is not None:
        # Needs the actor cannot see stay linked: someone else linked them.
        hidden = needs_visible_to(user=actor).filter(initiatives=initiative).values("pk")
        keep = initiative.needs.exclude(pk__in=hidden)
        initiative.needs.set([*keep, *linked])
    if stakeholder_groups is not UNSET:
        initiative.stakeholder_groups.set(list(stakeholder_groups))
    if dimensions is not UNSET:
        initiative.dimensions.set(list(dimensions))
    if sdg_targets is not UNSET:
        initiative.sdg_targets.set(list(sdg_targets))
    return initiative


# --- Gate decisions ------------------------------------------------------------------------------


def _check_political_decision(
    *,
    initiative: Initiative,
    board: Unit | None,
    board_decided_on: datetime.date | None,
    board_reference: str,
) -> None:
    errors: dict[str, str] = {}
    if board is None:
        if board_decided_on is not None or board_reference:
            errors["board"] = _(
                "Name the board whose decision the date and reference number belong to."
            )
    elif board.kind not in BOARD_KINDS or board.organisation.type != OrganisationType.MUNICIPALITY:
        errors["board"] = _("Choose a board or an administration of a municipality.")
    elif not boards_for(initiative=initiative).filter(pk=board.pk).exists():
        errors["board"] = _(
            "Choose a board or an administration of the initiative's municipality or of its "
            "lead organisation."
        )
    if board_decided_on is not None and board_decided_on > timezone.localdate():
        errors["board_decided_on"] = _("The board's decision cannot be dated in the future.")
    if errors:
        raise ValidationError(errors)


def _require_rationale(rationale: str) -> str:
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationError({"rationale": _("Give the rationale for the decision.")})
    return rationale


def _lock(initiative: Initiative) -> None:
    """Lock the initiative's row and read its stage afresh, so two gate decisions cannot race.

    A second decision on the same initiative waits here until the first is committed, then
    reads the stage the first one left.
    """
    Initiative.objects.select_for_update().filter(pk=initiative.pk).values_list("pk").first()
    initiative.refresh_from_db(
        fields=["stage", "furthest_stage", "parked_from_stage", "parked_reason", "next_gate_on"]
    )


def _stage_label(stage: str) -> str:
    return str(Stage(stage).label).lower()


def _require_current_stage(initiative: Initiative, stage: str) -> None:
    """The decision is about the stage the initiative is at now (after ``_lock``).

    A decision carries the stage it was taken on, so that one sent twice (a double click, a
    replayed request, twenty people pressing go at once) moves the initiative once: the
    repeats find it at another stage and are refused.
    """
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Say which stage the decision is about.")})
    if stage != initiative.stage:
        raise ValidationError(
            {
                "stage": _(
                    "This decision was about the %(stage)s stage, but the initiative has since "
                    "moved to %(current)s. Look at the gate log, then decide again."
                )
                % {"stage": _stage_label(stage), "current": _stage_label(initiative.stage)}
            }
        )


def _move(initiative: Initiative, *, to_stage: str, parked_from: str, reason: str) -> None:
    """Put the initiative at ``to_stage``; ``parked_from`` is where it waits if parked."""
    if to_stage == Stage.PARKED:
        initiative.parked_from_stage = parked_from
        initiative.parked_reason = reason
    else:
        initiative.parked_from_stage = ""
        initiative.parked_reason = ""
    initiative.stage = to_stage
    if to_stage in CLOSED_STAGES:
        initiative.next_gate_on = None


def _notify(*, initiative: Initiative, entry: GateDecision, actor: User) -> None:
    """Tell the leaders, and the followers of the idea it came from who may see it.

    The recipients are one query: the leaders, and the followers narrowed by
    ``people_who_may_see`` (the view rule as a query) instead of a rule check per follower.
    """
    recipients = initiative_leaders(initiative=initiative)
    if initiative.idea is not None:
        followers = people_who_may_see(
            initiative=initiative, people=idea_followers(idea=initiative.idea)
        )
        recipients = User.objects.filter(
            Q(pk__in=recipients.values("pk")) | Q(pk__in=followers.values("pk"))
        )
    to_stage = entry.to_stage
    is_correction = entry.corrects_id is not None

    def title() -> str:
        if is_correction:
            return _("A gate decision on “%(initiative)s” has been corrected") % {
                "initiative": initiative.title
            }
        return _("Gate decision on “%(initiative)s”: %(decision)s") % {
            "initiative": initiative.title,
            "decision": Decision(entry.decision).label,
        }

    def body() -> str:
        return _("Stage now: %(stage)s. Rationale: %(rationale)s") % {
            "stage": Stage(to_stage).label,
            "rationale": entry.rationale[:400],
        }

    notification_send(
        kind=NotificationKind.DECISIONS,
        recipients=recipients.exclude(pk=actor.pk),
        title=title,
        body=body,
        url=initiative.get_absolute_url(),
    )


@transaction.atomic
def gate_decide(
    *,
    actor: User,
    initiative: Initiative,
    stage: str,
    decision: str,
    rationale: str,
    board: Unit | None = None,
    board_decided_on: datetime.date | None = None,
    board_reference: str = "",
    next_gate_on: datetime.date | None = None,
) -> GateDecision:
    """Log a decision at the initiative's gate and move it as the decision says.

    ``stage`` is the stage the decision is about (the one the decider saw): a decision about
    a stage the initiative has left is refused, so a repeated or simultaneous decision moves
    it only once. The rationale is required; a board of the initiative's municipality or lead
    organisation, a date and a reference number cite the political decision behind it.
    ``next_gate_on`` sets when the next gate is due.
    """
    require(actor, "portfolio.decide_gate", initiative)
    rationale = _require_rationale(rationale)
    board_reference = (board_reference or "").strip()
    _lock(initiative)
    _require_current_stage(initiative, stage)
    _check_political_decision(
        initiative=initiative,
        board=board,
        board_decided_on=board_decided_on,
        board_reference=board_reference,
    )
    from_stage = initiative.stage
    to_stage = gate_outcome(
        stage=from_stage, parked_from_stage=initiative.parked_from_stage, decision=decision
    )
    entry = GateDecision(
        initiative=initiative,
        decision=decision,
        from_stage=from_stage,
        to_stage=to_stage,
        rationale=rationale,
        decided_by=actor,
        board=board,
        board_decided_on=board_decided_on,
        board_reference=board_reference,
    )
    entry.full_clean()
    entry.save()
    _move(initiative, to_stage=to_stage, parked_from=from_stage, reason=rationale)
    initiative.furthest_stage = _furthest(initiative.furthest_stage, to_stage)
    if next_gate_on is not None and to_stage not in CLOSED_STAGES:
        initiative.next_gate_on = next_gate_on
    save_with_history(
        initiative,
        actor=actor,
        reason=_("Gate decision: %(decision)s") % {"decision": Decision(decision).label},
    )
    _notify(initiative=initiative, entry=entry, actor=actor)
    return entry


def _correction_code(*, wrong: GateDecision, to_stage: str) -> str:
    """What the corrected decision amounts to, for the log: the move it makes from where the
    wrong decision started."""
    if to_stage == Stage.STOPPED:
        return Decision.STOP
    if to_stage == Stage.PARKED:
        return Decision.HOLD
    if to_stage == wrong.from_stage:
        return Decision.REWORK
    return Decision.GO


@transaction.atomic
def gate_correct(
    *,
    actor: User,
    decision: GateDecision,
    to_stage: str,
    rationale: str,
    board: Unit | None = None,
    board_decided_on: datetime.date | None = None,
    board_reference: str = "",
) -> GateDecision:
    """Correct a logged gate decision with a new entry that points at it.

    The wrong entry stays as it was; the correction says which stage the initiative should
    be at (``to_stage``, which may be its present stage if only the record was wrong) and why.
    """
    initiative = decision.initiative
    require(actor, "portfolio.decide_gate", initiative)
    rationale = _require_rationale(rationale)
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": _("Choose the stage the initiative should be at.")})
    board_reference = (board_reference or "").strip()
    _lock(initiative)
    _check_political_decision(
        initiative=initiative,
        board=board,
        board_decided_on=board_decided_on,
        board_reference=board_reference,
    )
    if GateDecision.objects.filter(corrects=decision).exists():
        raise ValidationError(
            {
                "corrects": _(
                    "This decision has already been corrected; correct the correction instead."
                )
            }
        )
    from_stage = initiative.stage
    entry = GateDecision(
        initiative=initiative,
        decision=_correction_code(wrong=decision, to_stage=to_stage),
        from_stage=from_stage,
        to_stage=to_stage,
        rationale=rationale,
        decided_by=actor,
        corrects=decision,
        board=board,
        board_decided_on=board_decided_on,
        board_reference=board_reference,
    )
    entry.full_clean()
    entry.save()
    # Parked again: it waits at the stage the wrong decision started from, if that is on the line.
    parked_from = next(
        (
            stage
            for stage in (decision.from_stage, from_stage, initiative.parked_from_stage)
            if stage in PIPELINE
        ),
        Stage.IDEA,
    )
    _move(initiative, to_stage=to_stage, parked_from=parked_from, reason=rationale)
    initiative.furthest_stage = _furthest_from_log(initiative)
    save_with_history(initiative, actor=actor, reason=_("Correction of a gate decision"))
    _notify(initiative=initiative, entry=entry, actor=actor)
    return entry


def _furthest_from_log(initiative: Initiative) -> str:
    """The furthest stage the log says the initiative reached, ignoring corrected moves."""
    stages: list[str] = [initiative.stage]
    corrected = set(
        GateDecision.objects.filter(initiative=initiative, corrects__isnull=False).values_list(
            "corrects_id", flat=True
        )
    )
    # A correction starts from the wrong stage, and a corrected entry's move never happened.
    for pk, from_stage, to_stage, corrects in GateDecision.objects.filter(
        initiative=initiative
    ).values_list("pk", "from_stage", "to_stage", "corrects_id"):
        if corrects is None:
            stages.append(from_stage)
        if pk not in corrected:
            stages.append(to_stage)
    return _furthest(*stages)
