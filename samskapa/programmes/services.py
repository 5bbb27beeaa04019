"""Writes of programmes, their participants, phases and milestones.

Every write checks its rule (``programmes/rules.py``), runs in a transaction,
validates dates against the programme's period, and records the acting user in the history.
"""

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.slugs import unique_slug
from samskapa.organisations.models import Organisation, OrganisationType
from samskapa.programmes.models import (
    Milestone,
    MilestoneStatus,
    Participant,
    ParticipantRole,
    Phase,
    Programme,
)
from samskapa.projects.selectors import projects_visible_to

PROGRAMME_FIELDS = (
    "name",
    "summary",
    "description",
    "start_date",
    "end_date",
    "portfolio_due_on",
    "visibility",
)
PHASE_FIELDS = ("name", "description", "start_date", "end_date")
MILESTONE_FIELDS = (
    "title",
    "description",
    "due_on",
    "status",
    "completed_on",
    "phase",
    "responsible",
)


def _set_fields(instance: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for key, value in fields.items():
        if key not in allowed:
            raise TypeError(f"{key} cannot be set here")
        setattr(instance, key, value)


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _period(programme: Programme) -> dict[str, str]:
    return {"start": _date(programme.start_date), "end": _date(programme.end_date)}


def _inside(programme: Programme, day: datetime.date | None) -> bool:
    return day is None or programme.start_date <= day <= programme.end_date


def _delete(instance: Any, *, actor: Any) -> None:
    instance._history_user = actor
    instance.delete()


# --- Programmes --------------------------------------------------------------------------------


def _check_programme(programme: Programme) -> None:
    """Dates in order, the portfolio date inside the period, phases and milestones too."""
    start, end = programme.start_date, programme.end_date
    if not (start and end):
        return  # full_clean reports the missing dates
    if end < start:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    if not _inside(programme, programme.portfolio_due_on):
        raise ValidationError(
            {
                "portfolio_due_on": _(
                    "The portfolio date must be inside the programme period (%(start)s – %(end)s)."
                )
                % _period(programme)
            }
        )
    if programme.pk is None:
        return
    errors = []
    for phase in programme.phases.order_by("start_date", "pk"):
        if not (_inside(programme, phase.start_date) and _inside(programme, phase.end_date)):
            errors.append(
                _(
                    "The phase “%(name)s” (%(start)s – %(end)s) would fall outside the programme "
                    "period. Change or remove the phase first."
                )
                % {
                    "name": phase.name,
                    "start": _date(phase.start_date),
                    "end": _date(phase.end_date),
                }
            )
    for milestone in programme.milestones.order_by("due_on", "pk"):
        if not _inside(programme, milestone.due_on):
            errors.append(
                _(
                    "The milestone “%(title)s” (due %(due)s) would fall outside the programme "
                    "period. Change or remove the milestone first."
                )
                % {"title": milestone.title, "due": _date(milestone.due_on)}
            )
    if errors:
        raise ValidationError({"start_date": errors})


def _check_projects(*, actor: Any, projects: Iterable[Any]) -> list[Any]:
    projects = list(projects)
    visible = set(
        projects_visible_to(user=actor)
        .filter(pk__in=[project.pk for project in projects])
        .values_list("pk", flat=True)
    )
    if any(project.pk not in visible for project in projects):
        raise ValidationError({"projects": _("Only projects you can see can be linked.")})
    return projects


def _municipality_of(organisation: Organisation) -> Any:
    """The municipality an organisation stands for, if it is a municipality."""
    if organisation.type == OrganisationType.MUNICIPALITY and organisation.municipality_id:
        return organisation.municipality_id
    return None


def _role_after_lead(organisation: Organisation) -> str:
    if organisation.type == OrganisationType.MUNICIPALITY:
        return ParticipantRole.MUNICIPALITY
    return ParticipantRole.PARTNER


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    organisation: Organisation,
    municipalities: Iterable[Any] = (),
    projects: Iterable[Any] = (),
    **fields: Any,
) -> Programme:
    """Start a programme led by ``organisation``, which becomes its first participant.

    The actor must lead that organisation. A leading municipality is also counted among the
    participating municipalities.
    """
    require(actor, "programmes.add_programme", organisation)
    programme = Programme(organisation=organisation, created_by=actor)
    _set_fields(programme, fields, PROGRAMME_FIELDS)
    _check_programme(programme)
    linked = _check_projects(actor=actor, projects=projects)
    # "2026–2028" should read 2026-2028 in the address, not 20262028.
    programme.slug = unique_slug(Programme, re.sub(r"[–—]", " ", programme.name or ""))
    save_with_history(programme, actor=actor)
    programme.municipalities.set(list(municipalities))
    if _municipality_of(organisation):
        programme.municipalities.add(_municipality_of(organisation))
    programme.projects.set(linked)
    save_with_history(
        Participant(programme=programme, organisation=organisation, role=ParticipantRole.LEAD),
        actor=actor,
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: Any,
    programme: Programme,
    organisation: Organisation | None = None,
    municipalities: Iterable[Any] | None = None,
    projects: Iterable[Any] | None = None,
    **fields: Any,
) -> Programme:
    """Change a programme. Handing the lead to another organisation needs its leaders' rights
    too; the former lead stays as a participating municipality or partner."""
    require(actor, "programmes.change_programme", programme)
    previous_lead = programme.organisation
    if organisation is not None and organisation.pk != previous_lead.pk:
        require(actor, "programmes.add_programme", organisation)
        programme.organisation = organisation
    _set_fields(programme, fields, PROGRAMME_FIELDS)
    _check_programme(programme)
    linked = None if projects is None else _check_projects(actor=actor, projects=projects)
    save_with_history(programme, actor=actor)
    if programme.organisation_id != previous_lead.pk:
        _hand_over_lead(programme=programme, previous=previous_lead, actor=actor)
    if municipalities is not None:
        programme.municipalities.set(list(municipalities))
    if linked is not None:
        programme.projects.set(linked)
    return programme


def _hand_over_lead(*, programme: Programme, previous: Organisation, actor: Any) -> None:
    for participant in programme.participants.filter(
        organisation__in=[previous, programme.organisation]
    ).select_related("organisation"):
        if participant.organisation_id == previous.pk:
            participant.role = _role_after_lead(previous)
        else:
            participant.role = ParticipantRole.LEAD
        save_with_history(participant, actor=actor)
    if not programme.participants.filter(organisation=programme.organisation).exists():
        save_with_history(
            Participant(
                programme=programme,
                organisation=programme.organisation,
                role=ParticipantRole.LEAD,
            ),
            actor=actor,
        )
    # The rule's cache of the programme's organisations is stale now.
    programme.__dict__.pop("_samskapa_organisation_ids", None)


# --- Participants ------------------------------------------------------------------------------


def _check_role(participant: Participant) -> None:
    is_leader = participant.organisation_id == participant.programme.organisation_id
    if is_leader and participant.role != ParticipantRole.LEAD:
        raise ValidationError(
            {
                "role": _(
                    "The leading organisation keeps the role programme lead. To hand over the "
                    "lead, choose another leading organisation for the programme."
                )
            }
        )
    if not is_leader and participant.role == ParticipantRole.LEAD:
        raise ValidationError(
            {
                "role": _(
                    "Only the leading organisation has the role programme lead. To hand over the "
                    "lead, choose another leading organisation for the programme."
                )
            }
        )


@transaction.atomic
def participant_add(
    *,
    actor: Any,
    programme: Programme,
    organisation: Organisation,
    role: str = ParticipantRole.PARTNER,
    contribution: str = "",
) -> Participant:
    """Let ``organisation`` take part in ``programme``; a municipality joins the municipalities."""
    require(actor, "programmes.change_programme", programme)
    if programme.participants.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("This organisation already takes part in the programme.")}
        )
    participant = Participant(
        programme=programme, organisation=organisation, role=role, contribution=contribution
    )
    _check_role(participant)
    save_with_history(participant, actor=actor)
    if role == ParticipantRole.MUNICIPALITY and _municipality_of(organisation):
        programme.municipalities.add(_municipality_of(organisation))
    programme.__dict__.pop("_samskapa_organisation_ids", None)
    return participant


@transaction.atomic
def participant_update(
    *,
    actor: Any,
    participant: Participant,
    role: str | None = None,
    contribution: str | None = None,
) -> Participant:
    """Change the role or contribution of a participant (the organisation stays)."""
    require(actor, "programmes.change_programme", participant.programme)
    if role is not None:
        participant.role = role
    if contribution is not None:
        participant.contribution = contribution
    _check_role(participant)
    save_with_history(participant, actor=actor)
    if participant.role == ParticipantRole.MUNICIPALITY and _municipality_of(
        participant.organisation
    ):
        participant.programme.municipalities.add(_municipality_of(participant.organisation))
    return participant


@transaction.atomic
def participant_remove(*, actor: Any, participant: Participant) -> None:
    """Remove a participant; the leading organisation cannot be removed.

    Milestones it was responsible for keep their place but lose the responsible organisation.
    """
    programme = participant.programme
    require(actor, "programmes.change_programme", programme)
    if participant.organisation_id == programme.organisation_id:
        raise ValidationError(_("The leading organisation cannot be removed from the programme."))
    for milestone in programme.milestones.filter(responsible_id=participant.organisation_id):
        milestone.responsible = None
        save_with_history(milestone, actor=actor)
    _delete(participant, actor=actor)
    programme.__dict__.pop("_samskapa_organisation_ids", None)


# --- Phases ------------------------------------------------------------------------------------


def _check_phase(phase: Phase) -> None:
    start, end = phase.start_date, phase.end_date
    if not (start and end):
        return
    if end < start:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    programme = phase.programme
    message = _("The phase must lie inside the programme period (%(start)s – %(end)s).") % _period(
        programme
    )
    if not _inside(programme, start):
        raise ValidationError({"start_date": message})
    if not _inside(programme, end):
        raise ValidationError({"end_date": message})


@transaction.atomic
def phase_add(*, actor: Any, programme: Programme, **fields: Any) -> Phase:
    require(actor, "programmes.change_programme", programme)
    phase = Phase(programme=programme)
    _set_fields(phase, fields, PHASE_FIELDS)
    _check_phase(phase)
    save_with_history(phase, actor=actor)
    return phase


@transaction.atomic
def phase_update(*, actor: Any, phase: Phase, **fields: Any) -> Phase:
    require(actor, "programmes.change_programme", phase.programme)
    _set_fields(phase, fields, PHASE_FIELDS)
    _check_phase(phase)
    save_with_history(phase, actor=actor)
    return phase


@transaction.atomic
def phase_remove(*, actor: Any, phase: Phase) -> None:
    """Remove a phase; its milestones stay in the programme without a phase."""
    require(actor, "programmes.change_programme", phase.programme)
    for milestone in phase.milestones.all():
        milestone.phase = None
        save_with_history(milestone, actor=actor)
    _delete(phase, actor=actor)


# --- Milestones --------------------------------------------------------------------------------


def _check_milestone(milestone: Milestone, *, today: datetime.date) -> None:
    programme = milestone.programme
    errors: dict[str, str] = {}
    if milestone.phase is not None and milestone.phase.programme_id != programme.pk:
        errors["phase"] = _("Choose a phase of this programme.")
    if milestone.responsible is not None:
        taking_part = milestone.responsible.pk == programme.organisation_id or (
            programme.participants.filter(organisation=milestone.responsible).exists()
        )
        if not taking_part:
            errors["responsible"] = _(
                "The responsible organisation must take part in the programme."
            )
    if milestone.due_on and not _inside(programme, milestone.due_on):
        errors["due_on"] = _(
            "The due date must be inside the programme period (%(start)s – %(end)s)."
        ) % _period(programme)
    if milestone.status == MilestoneStatus.DONE and milestone.completed_on is None:
        milestone.completed_on = today
    if milestone.completed_on is not None:
        if milestone.status != MilestoneStatus.DONE:
            errors["completed_on"] = _(
                "Only a milestone that is done has a completion date. Empty the field or set the "
                "status to done."
            )
        elif milestone.completed_on > today:
            errors["completed_on"] = _("The completion date cannot be in the future.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def milestone_add(*, actor: Any, programme: Programme, **fields: Any) -> Milestone:
    """Add a milestone; one added as done without a date is completed today."""
    require(actor, "programmes.change_programme", programme)
    milestone = Milestone(programme=programme)
    _set_fields(milestone, fields, MILESTONE_FIELDS)
    _check_milestone(milestone, today=timezone.localdate())
    save_with_history(milestone, actor=actor)
    return milestone


@transaction.atomic
def milestone_update(*, actor: Any, milestone: Milestone, **fields: Any) -> Milestone:
    """Change a milestone. Moving it away from done without a completion date given (as the
    API's partial updates do) clears the old completion date."""
    require(actor, "programmes.change_programme", milestone.programme)
    if fields.get("status", MilestoneStatus.DONE) != MilestoneStatus.DONE:
        fields.setdefault("completed_on", None)
    _set_fields(milestone, fields, MILESTONE_FIELDS)
    _check_milestone(milestone, today=timezone.localdate())
    save_with_history(milestone, actor=actor)
    return milestone


@transaction.atomic
def milestone_set_status(
    *,
    actor: Any,
    milestone: Milestone,
    status: str,
    completed_on: datetime.date | None = None,
) -> Milestone:
    """Move a milestone to ``status``. Done records the completion date (today unless given);
    any other status clears it."""
    require(actor, "programmes.change_programme", milestone.programme)
    if status not in MilestoneStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses in the list.")})
    milestone.status = status
    milestone.completed_on = completed_on if status == MilestoneStatus.DONE else None
    _check_milestone(milestone, today=timezone.localdate())
    save_with_history(milestone, actor=actor)
    return milestone


@transaction.atomic
def milestone_remove(*, actor: Any, milestone: Milestone) -> None:
    require(actor, "programmes.change_programme", milestone.programme)
    _delete(milestone, actor=actor)
