"""Writes of the stage-gate portfolio: initiatives and the decisions taken at their gates.

The stage of an initiative changes only here, through a logged gate decision (or a logged
correction of one). What each decision does to a stage is the table in ``gate_outcome``, so the
service, the forms, the API and the demo data all follow the same rules.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.predicates import LEADER_ROLES
from samskapa.core.services import notification_send
from samskapa.ideas.models import Idea
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Membership, Organisation, OrganisationType, Unit, UnitKind
from samskapa.portfolio.models import PIPELINE, Decision, GateDecision, Initiative, Stage
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project

INITIATIVE_FIELDS = (
    "title",
    "summary",
    "description",
    "municipality",
    "responsible_unit",
    "next_gate_on",
    "risk",
    "expected_effect",
    "budget_sek",
    "visibility",
)
# Where a decision leaves the initiative off the line, no later gate is due.
CLOSED_STAGES = frozenset({Stage.COMPLETED, Stage.STOPPED})
BOARD_KINDS = frozenset({UnitKind.BOARD, UnitKind.ADMINISTRATION})


def _set_fields(instance: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for key, value in fields.items():
        if key not in allowed:
            raise TypeError(f"{key} cannot be set here")
        setattr(instance, key, value)


# --- The stage table -----------------------------------------------------------------------------


def gate_outcome(*, stage: str, parked_from_stage: str, decision: str) -> str:
    """The stage a ``decision`` at the gate of an initiative at ``stage`` leads to.

    Go moves one step along ``PIPELINE`` (from the "not now" shelf: back to where it was
    parked); stop ends it; hold parks it; rework keeps it where it is for another round.
    Raises ``ValidationError`` on ``decision`` for a decision that makes no sense there.
    """

    def refuse(message: str) -> ValidationError:
        return ValidationError({"decision": message})

    if decision not in Decision.values:
        raise refuse(_("Choose go, stop, hold or rework."))
    if stage == Stage.STOPPED:
        raise refuse(
            _(
                "The initiative has been stopped; no gate decision can move it. If the stop "
                "was a mistake, log a correction of it."
            )
        )
    if stage == Stage.COMPLETED:
        raise refuse(_("The initiative is completed; there is no gate after the last stage."))
    if decision == Decision.GO:
        if stage == Stage.PARKED:
            return parked_from_stage
        return PIPELINE[PIPELINE.index(Stage(stage)) + 1]
    if decision == Decision.STOP:
        return Stage.STOPPED
    if stage == Stage.PARKED:
        if decision == Decision.HOLD:
            raise refuse(_("The initiative is already on the “not now” shelf."))
        raise refuse(
            _("A parked initiative cannot be reworked; take it up again with a go decision first.")
        )
    if decision == Decision.HOLD:
        return Stage.PARKED
    return stage  # rework


def available_decisions(stage: str) -> list[str]:
    """The decisions that make sense at the gate of an initiative at ``stage``."""
    if stage in CLOSED_STAGES:
        return []
    if stage == Stage.PARKED:
        return [Decision.GO, Decision.STOP]
    return [Decision.GO, Decision.STOP, Decision.HOLD, Decision.REWORK]


def _furthest(*stages: str) -> str:
    on_line = [PIPELINE.index(Stage(stage)) for stage in stages if stage in PIPELINE]
    return PIPELINE[max(on_line, default=0)]


# --- Initiatives ---------------------------------------------------------------------------------


def _check_scope(
    *,
    actor: Any,
    lead_organisation: Organisation,
    project: Project | None,
    programme: Programme | None,
) -> None:
    """The actor leads the project, the programme or the lead organisation, and sees both."""
    if project is not None:
        require(actor, "projects.view_project", project)
    if programme is not None:
        require(actor, "programmes.view_programme", programme)
    scopes = [scope for scope in (project, programme, lead_organisation) if scope is not None]
    if not any(actor.has_perm("portfolio.add_initiative", scope) for scope in scopes):
        raise PermissionDenied(_("You do not have permission to do this."))


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


def _visible_needs(actor: Any, needs: Iterable[Any]) -> list[Any]:
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
    actor: Any,
    lead_organisation: Organisation,
    project: Project | None = None,
    programme: Programme | None = None,
    partners: Iterable[Organisation] = (),
    needs: Iterable[Any] = (),
    stakeholder_groups: Iterable[Any] = (),
    dimensions: Iterable[Any] = (),
    sdg_targets: Iterable[Any] = (),
    idea: Idea | None = None,
    **fields: Any,
) -> Initiative:
    """Start an initiative at the idea stage, in a project, a programme or an organisation.

    The actor must lead one of them (``portfolio.add_initiative``). Use
    ``initiative_create_from_idea`` to take an idea forward.
    """
    _check_scope(
        actor=actor, lead_organisation=lead_organisation, project=project, programme=programme
    )
    initiative = Initiative(
        lead_organisation=lead_organisation,
        project=project,
        programme=programme,
        idea=idea,
        created_by=actor,
        stage=Stage.IDEA,
        furthest_stage=Stage.IDEA,
    )
    _set_fields(initiative, fields, INITIATIVE_FIELDS)
    _fill_municipality(initiative)
    _check_unit(initiative)
    linked = _visible_needs(actor, needs)
    save_with_history(initiative, actor=actor)
    initiative.partners.set(list(partners))
    initiative.needs.set(linked)
    initiative.stakeholder_groups.set(list(stakeholder_groups))
    initiative.dimensions.set(list(dimensions))
    initiative.sdg_targets.set(list(sdg_targets))
    return initiative


def idea_defaults(*, actor: Any, idea: Idea) -> dict[str, Any]:
    """What an initiative taken forward from ``idea`` starts with (the form shows these too).

    Its title and texts, municipality, project, dimensions and SDG targets; the needs its
    challenge answers (those the actor can see, unless a moderator hid them); its organisation as a partner; and the
    organisation that runs its project as the lead.
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
def initiative_create_from_idea(*, actor: Any, idea: Idea, **overrides: Any) -> Initiative:
    """Take ``idea`` forward as an initiative at the idea stage.

    It starts from ``idea_defaults``; anything in ``overrides`` (what the leader changed in the
    form) replaces the default. An idea of a project is taken forward by the project's leaders;
    an idea becomes at most one initiative.
    """
    require(actor, "ideas.view_idea", idea)
    if idea.project is not None:
        # An idea of a project's challenge is taken forward by that project's leaders.
        require(actor, "portfolio.add_initiative", idea.project)
    if Initiative.objects.filter(idea=idea).exists():
        raise ValidationError(
            {"idea": _("This idea has already been taken forward as an initiative.")}
        )
    values = idea_defaults(actor=actor, idea=idea)
    values.update(overrides)
    if values.get("lead_organisation") is None:
        raise ValidationError(
            {"lead_organisation": _("Choose the organisation that leads the initiative.")}
        )
    return initiative_create(actor=actor, idea=idea, **values)


@transaction.atomic
def initiative_update(
    *,
    actor: Any,
    initiative: Initiative,
    lead_organisation: Organisation | None = None,
    project: Project | str | None = "unchanged",
    programme: Programme | str | None = "unchanged",
    partners: Iterable[Organisation] | None = None,
    needs: Iterable[Any] | None = None,
    stakeholder_groups: Iterable[Any] | None = None,
    dimensions: Iterable[Any] | None = None,
    sdg_targets: Iterable[Any] | None = None,
    **fields: Any,
) -> Initiative:
    """Change what an initiative is about; its stage changes only through ``gate_decide``."""
    require(actor, "portfolio.change_initiative", initiative)
    if lead_organisation is not None:
        initiative.lead_organisation = lead_organisation
    if not isinstance(project, str):
        if project is not None and project.pk != initiative.project_id:
            require(actor, "projects.view_project", project)
        initiative.project = project
    if not isinstance(programme, str):
        if programme is not None and programme.pk != initiative.programme_id:
            require(actor, "programmes.view_programme", programme)
        initiative.programme = programme
    _set_fields(initiative, fields, INITIATIVE_FIELDS)
    _fill_municipality(initiative)
    _check_unit(initiative)
    linked = None if needs is None else _visible_needs(actor, needs)
    save_with_history(initiative, actor=actor)
    if partners is not None:
        initiative.partners.set(list(partners))
    if linked is not None:
        # Needs the actor cannot see stay linked: someone else linked them.
        hidden = needs_visible_to(user=actor).filter(initiatives=initiative).values("pk")
        keep = initiative.needs.exclude(pk__in=hidden)
        initiative.needs.set([*keep, *linked])
    if stakeholder_groups is not None:
        initiative.stakeholder_groups.set(list(stakeholder_groups))
    if dimensions is not None:
        initiative.dimensions.set(list(dimensions))
    if sdg_targets is not None:
        initiative.sdg_targets.set(list(sdg_targets))
    return initiative


# --- Gate decisions ------------------------------------------------------------------------------


def _check_political_decision(
    *, board: Unit | None, board_decided_on: datetime.date | None, board_reference: str
) -> None:
    errors: dict[str, str] = {}
    if board is None:
        if board_decided_on is not None or board_reference:
            errors["board"] = _(
                "Name the board whose decision the date and reference number belong to."
            )
    elif board.kind not in BOARD_KINDS or board.organisation.type != OrganisationType.MUNICIPALITY:
        errors["board"] = _("Choose a board or an administration of a municipality.")
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
    """Lock the initiative's row and read its stage afresh, so two gate decisions cannot race."""
    Initiative.objects.select_for_update().filter(pk=initiative.pk).values_list("pk").first()
    initiative.refresh_from_db(
        fields=["stage", "furthest_stage", "parked_from_stage", "parked_reason", "next_gate_on"]
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


def initiative_leaders(initiative: Initiative) -> Any:
    """The people who lead the initiative: leaders of its lead organisation, of its project
    (or the organisation running it) and of its programme's leading organisation."""
    from samskapa.accounts.models import User

    organisations = {initiative.lead_organisation_id}
    scope = Q()
    if initiative.project_id:
        organisations.add(initiative.project.organisation_id)  # type: ignore[union-attr]
        scope |= Q(project_id=initiative.project_id)
    if initiative.programme_id:
        organisations.add(initiative.programme.organisation_id)  # type: ignore[union-attr]
    scope |= Q(organisation_id__in=organisations)
    memberships = Membership.objects.filter(scope, role__in=LEADER_ROLES)
    return User.objects.filter(pk__in=memberships.values("user_id"), is_active=True)


def _notify(*, initiative: Initiative, entry: GateDecision, actor: Any) -> None:
    """Tell the leaders, and the followers of the idea it came from who may see it."""
    recipients = list(initiative_leaders(initiative).exclude(pk=actor.pk))
    if initiative.idea_id:
        from samskapa.ideas.selectors import idea_followers

        followers = idea_followers(idea=initiative.idea).exclude(pk=actor.pk)  # type: ignore[arg-type]
        recipients += [
            person
            for person in followers
            if person.has_perm("portfolio.view_initiative", initiative)
        ]
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
        recipients=recipients, title=title, body=body, url=initiative.get_absolute_url()
    )


@transaction.atomic
def gate_decide(
    *,
    actor: Any,
    initiative: Initiative,
    decision: str,
    rationale: str,
    board: Unit | None = None,
    board_decided_on: datetime.date | None = None,
    board_reference: str = "",
    next_gate_on: datetime.date | None = None,
) -> GateDecision:
    """Log a decision at the initiative's gate and move it as the decision says.

    The rationale is required; a board, date and reference number cite the political
    decision behind it. ``next_gate_on`` sets when the next gate is due.
    """
    require(actor, "portfolio.decide_gate", initiative)
    rationale = _require_rationale(rationale)
    board_reference = (board_reference or "").strip()
    _check_political_decision(
        board=board, board_decided_on=board_decided_on, board_reference=board_reference
    )
    _lock(initiative)
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
    actor: Any,
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
    _check_political_decision(
        board=board, board_decided_on=board_decided_on, board_reference=board_reference
    )
    _lock(initiative)
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
