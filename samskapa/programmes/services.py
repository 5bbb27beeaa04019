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

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import Visibility
from samskapa.core.slugs import unique_slug
from samskapa.core.writes import UNSET, set_fields
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation, OrganisationType
from samskapa.programmes.models import (
    Milestone,
    MilestoneStatus,
    Participant,
    ParticipantRole,
    Phase,
    Programme,
)
from samskapa.programmes.selectors import projects_linkable
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _period(programme: Programme) -> dict[str, str]:
    return {"start": _date(programme.start_date), "end": _date(programme.end_date)}


def _inside(programme: Programme, day: datetime.date | None) -> bool:
    return day is None or programme.start_date <= day <= programme.end_date


def _delete(instance: Any, *, actor: User) -> None:
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


def _check_projects(
    *, actor: User, programme: Programme | None, projects: Iterable[Project]
) -> list[Project]:
    """The projects to link, if ``actor`` may link each of them (``projects_linkable``)."""
    projects = list(projects)
    wanted = [project.pk for project in projects]
    visible = set(
        projects_visible_to(user=actor).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    if any(project.pk not in visible for project in projects):
        raise ValidationError({"projects": _("Only projects you can see can be linked.")})
    linkable = set(
        projects_linkable(user=actor, programme=programme)
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )
    if any(project.pk not in linkable for project in projects):
        raise ValidationError(
            {
                "projects": _(
                    "Only projects you lead, or projects of organisations that take part in the "
                    "programme, can be linked."
                )
            }
        )
    return projects


def _municipality_of(organisation: Organisation) -> int | None:
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
    actor: User,
    organisation: Organisation,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    summary: str = "",
    description: str = "",
    portfolio_due_on: datetime.date | None = None,
    visibility: str = Visibility.PUBLIC,
    municipalities: Iterable[Municipality] = (),
    projects: Iterable[Project] = (),
) -> Programme:
    """Start a programme led by ``organisation``, which becomes its first participant.

    The actor must lead that organisation. A leading municipality is also counted among the
    participating municipalities. The municipalities named are where the programme works, any
    of Sweden's: naming one gives no right over it, and its organisations may join later.
    """
    require(actor, "programmes.add_programme", organisation)
    programme = Programme(
        organisation=organisation,
        created_by=actor,
        name=name,
        summary=summary,
        description=description,
        start_date=start_date,
        end_date=end_date,
        portfolio_due_on=portfolio_due_on,
        visibility=visibility,
    )
    _check_programme(programme)
    linked = _check_projects(actor=actor, programme=None, projects=projects)
    # "2026–2028" should read 2026-2028 in the address, not 20262028.
    programme.slug = unique_slug(Programme, re.sub(r"[–—]", " ", programme.name or ""))
    save_with_history(programme, actor=actor)
    programme.municipalities.set(list(municipalities))
    if (own := _municipality_of(organisation)) is not None:
        programme.municipalities.add(own)
    programme.projects.set(linked)
    save_with_history(
        Participant(programme=programme, organisation=organisation, role=ParticipantRole.LEAD),
        actor=actor,
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: User,
    programme: Programme,
    organisation: Organisation = UNSET,
    name: str = UNSET,
    summary: str = UNSET,
    description: str = UNSET,
    start_date: datetime.date = UNSET,
    end_date: datetime.date = UNSET,
    portfolio_due_on: datetime.date | None = UNSET,
    visibility: str = UNSET,
    municipalities: Iterable[Municipality] = UNSET,
    projects: Iterable[Project] = UNSET,
) -> Programme:
    """Change a programme. Handing the lead to another organisation needs its leaders' rights
    too; the former lead stays as a participating municipality or partner."""
    # The programme as stored: a model form has already put what was chosen on ``programme``,
    # the lead too. The actor must lead the programme as it is, and the new lead if it changes.
    stored = Programme.objects.select_related("organisation").get(pk=programme.pk)
    require(actor, "programmes.change_programme", stored)
    previous_lead = stored.organisation
    if organisation is not UNSET and organisation.pk != previous_lead.pk:
        require(actor, "programmes.add_programme", organisation)
    set_fields(
        programme,
        organisation=organisation,
        name=name,
        summary=summary,
        description=description,
        start_date=start_date,
        end_date=end_date,
        portfolio_due_on=portfolio_due_on,
        visibility=visibility,
    )
    _check_programme(programme)
    linked = (
        None
        if projects is UNSET
        else _check_projects(actor=actor, programme=programme, projects=projects)
    )
    save_with_history(programme, actor=actor)
    if programme.organisation_id != previous_lead.pk:
        _hand_over_lead(programme=programme, previous=previous_lead, actor=actor)
    if municipalities is not UNSET:
        programme.municipalities.set(list(municipalities))
    if linked is not None:
        # Links to projects the actor cannot see are not theirs to undo: they stay.
        unseen = programme.projects.exclude(pk__in=projects_visible_to(user=actor).values("pk"))
        programme.projects.set([*linked, *unseen])
    return programme


def _hand_over_lead(*, programme: Programme, previous: Organisation, actor: User) -> None:
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
    actor: User,
    programme: Programme,
    organisation: Organisation,
    role: str = ParticipantRole.PARTNER,
    contribution: str = "",
) -> Participant:
    """Let ``organisation`` take part in ``programme``; a municipality joins the municipalities.

    Any organisation may be invited: taking part gives its members sight of the programme and
    its initiatives, and no one in the programme a right over the organisation.
    """
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
    own = _municipality_of(organisation)
    if role == ParticipantRole.MUNICIPALITY and own is not None:
        programme.municipalities.add(own)
    programme.__dict__.pop("_samskapa_organisation_ids", None)
    return participant


@transaction.atomic
def participant_update(
    *,
    actor: User,
    participant: Participant,
    role: str = UNSET,
    contribution: str = UNSET,
) -> Participant:
    """Change the role or contribution of a participant (the organisation stays)."""
    require(actor, "programmes.change_programme", participant.programme)
    set_fields(participant, role=role, contribution=contribution)
    _check_role(participant)
    save_with_history(participant, actor=actor)
    own = _municipality_of(participant.organisation)
    if participant.role == ParticipantRole.MUNICIPALITY and own is not None:
        participant.programme.municipalities.add(own)
    return participant


@transaction.atomic
def participant_remove(*, actor: User, participant: Participant) -> None:
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
def phase_add(
    *,
    actor: User,
    programme: Programme,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    description: str = "",
) -> Phase:
    require(actor, "programmes.change_programme", programme)
    phase = Phase(
        programme=programme,
        name=name,
        description=description,
        start_date=start_date,
        end_date=end_date,
    )
    _check_phase(phase)
    save_with_history(phase, actor=actor)
    return phase


@transaction.atomic
def phase_update(
    *,
    actor: User,
    phase: Phase,
    name: str = UNSET,
    description: str = UNSET,
    start_date: datetime.date = UNSET,
    end_date: datetime.date = UNSET,
) -> Phase:
    require(actor, "programmes.change_programme", phase.programme)
    set_fields(phase, name=name, description=description, start_date=start_date, end_date=end_date)
    _check_phase(phase)
    save_with_history(phase, actor=actor)
    return phase


@transaction.atomic
def phase_remove(*, actor: User, phase: Phase) -> None:
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
def milestone_add(
    *,
    actor: User,
    programme: Programme,
    title: str,
    due_on: datetime.date,
    description: str = "",
    status: str = MilestoneStatus.PLANNED,
    completed_on: datetime.date | None = None,
    phase: Phase | None = None,
    responsible: Organisation | None = None,
) -> Milestone:
    """Add a milestone; one added as done without a date is completed today.

    Its phase must be one of the programme's, its responsible organisation one taking part.
    """
    require(actor, "programmes.change_programme", programme)
    milestone = Milestone(
        programme=programme,
        title=title,
        description=description,
        due_on=due_on,
        status=status,
        completed_on=completed_on,
        phase=phase,
        responsible=responsible,
    )
    _check_milestone(milestone, today=timezone.localdate())
    save_with_history(milestone, actor=actor)
    return milestone


@transaction.atomic
def milestone_update(
    *,
    actor: User,
    milestone: Milestone,
    title: str = UNSET,
    description: str = UNSET,
    due_on: datetime.date = UNSET,
    status: str = UNSET,
    completed_on: datetime.date | None = UNSET,
    phase: Phase | None = UNSET,
    responsible: Organisation | None = UNSET,
) -> Milestone:
    """Change a milestone. Moving it away from done without a completion date given (as the
    API's partial updates do) clears the old completion date."""
    require(actor, "programmes.change_programme", milestone.programme)
    if status is not UNSET and status != MilestoneStatus.DONE and completed_on is UNSET:
        completed_on = None
    set_fields(
        milestone,
        title=title,
        description=description,
        due_on=due_on,
        status=status,
        completed_on=completed_on,
        phase=phase,
        responsible=responsible,
    )
    _check_milestone(milestone, today=timezone.localdate())
    save_with_history(milestone, actor=actor)
    return milestone


@transaction.atomic
def milestone_set_status(
    *,
    actor: User,
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
def milestone_remove(*, actor: User, milestone: Milestone) -> None:
    require(actor, "programmes.change_programme", milestone.programme)
    _delete(milestone, actor=actor)
