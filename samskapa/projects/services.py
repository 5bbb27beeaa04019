"""Writes of projects, their funding and their participating units."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import SustainabilityDimension, Visibility
from samskapa.core.predicates import forget_memberships
from samskapa.core.slugs import unique_slug
from samskapa.core.writes import UNSET, set_fields
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Membership, Organisation, Role, Unit
from samskapa.projects.models import (
    Funding,
    FundingStatus,
    PhaseRole,
    Project,
    ProjectPhase,
    ProjectUnit,
    UnitPhaseRole,
)
from samskapa.projects.selectors import municipalities_for_project, units_for_project
from samskapa.sdg.models import Target


def _check_municipality(*, actor: User, project: Project) -> None:
    """Refuse a municipality that the project's organisation may not place a project in."""
    if project.municipality_id is None:
        return  # full_clean says that it is missing
    organisation = project.organisation
    allowed = municipalities_for_project(user=actor, organisation=organisation)
    if not allowed.filter(pk=project.municipality_id).exists():
        raise ValidationError(
            {
                "municipality": _("A project of %(organisation)s lies in the municipality itself.")
                % {"organisation": organisation.name}
            }
        )


@transaction.atomic
def project_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    municipality: Municipality | None = None,
    area: str = "",
    phase: str = ProjectPhase.INITIATION,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    summary: str = "",
    description: str = "",
    goals: str = "",
    visibility: str = Visibility.PUBLIC,
    dimensions: Iterable[SustainabilityDimension] = (),
    sdg_targets: Iterable[Target] = (),
) -> Project:
    """Start a project run by ``organisation``; the actor becomes its project leader.

    Left without a municipality, the project lies in the organisation's.
    """
    require(actor, "projects.add_project", organisation)
    project = Project(
        organisation=organisation,
        created_by=actor,
        name=name,
        municipality=municipality,
        area=area,
        phase=phase,
        start_date=start_date,
        end_date=end_date,
        summary=summary,
        description=description,
        goals=goals,
        visibility=visibility,
    )
    if project.municipality_id is None and organisation.municipality_id:
        project.municipality_id = organisation.municipality_id
    _check_municipality(actor=actor, project=project)
    project.slug = unique_slug(Project, project.name)
    save_with_history(project, actor=actor)
    project.dimensions.set(dimensions)
    project.sdg_targets.set(sdg_targets)
    save_with_history(
        Membership(user=actor, project=project, role=Role.PROJECT_LEADER), actor=actor
    )
    forget_memberships(actor)
    return project


@transaction.atomic
def project_update(
    *,
    actor: User,
    project: Project,
    name: str = UNSET,
    municipality: Municipality = UNSET,
    area: str = UNSET,
    phase: str = UNSET,
    start_date: datetime.date | None = UNSET,
    end_date: datetime.date | None = UNSET,
    summary: str = UNSET,
    description: str = UNSET,
    goals: str = UNSET,
    visibility: str = UNSET,
    dimensions: Iterable[SustainabilityDimension] = UNSET,
    sdg_targets: Iterable[Target] = UNSET,
) -> Project:
    require(actor, "projects.change_project", project)
    # Compared with the stored row: a model form has already set the new value on ``project``.
    stored = Project.objects.filter(pk=project.pk).values_list("municipality_id", flat=True)
    moved = municipality is not UNSET and getattr(municipality, "pk", None) != stored.first()
    set_fields(
        project,
        name=name,
        municipality=municipality,
        area=area,
        phase=phase,
        start_date=start_date,
        end_date=end_date,
        summary=summary,
        description=description,
        goals=goals,
        visibility=visibility,
    )
    if moved:
        # Only a move is checked: a project keeps the municipality it already has.
        _check_municipality(actor=actor, project=project)
    save_with_history(project, actor=actor)
    if dimensions is not UNSET:
        project.dimensions.set(dimensions)
    if sdg_targets is not UNSET:
        project.sdg_targets.set(sdg_targets)
    return project


@transaction.atomic
def funding_add(
    *,
    actor: User,
    project: Project,
    funder: str,
    call: str = "",
    amount_sek: Decimal | None = None,
    reference_number: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    status: str = FundingStatus.APPLIED,
) -> Funding:
    require(actor, "projects.change_project", project)
    funding = Funding(
        project=project,
        funder=funder,
        call=call,
        amount_sek=amount_sek,
        reference_number=reference_number,
        start_date=start_date,
        end_date=end_date,
        status=status,
    )
    save_with_history(funding, actor=actor)
    return funding


@transaction.atomic
def funding_delete(*, actor: User, funding: Funding) -> None:
    require(actor, "projects.change_project", funding.project)
    funding._history_user = actor  # type: ignore[attr-defined]
    funding.delete()


def _check_unit(*, actor: User, project: Project, unit: Unit) -> None:
    """Refuse a unit of another organisation, unless ``actor`` may act for that one too."""
    if not units_for_project(user=actor, project=project).filter(pk=unit.pk).exists():
        raise ValidationError(
            {
                "unit": _(
                    "Only units of the project's own organisation, or of an organisation you "
                    "belong to, can take part."
                )
            }
        )


@transaction.atomic
def project_unit_add(
    *, actor: User, project: Project, unit: Unit, contribution: str = ""
) -> ProjectUnit:
    """Record that a unit takes part, and what it contributes."""
    require(actor, "projects.change_project", project)
    _check_unit(actor=actor, project=project, unit=unit)
    link = ProjectUnit(project=project, unit=unit, contribution=contribution)
    save_with_history(link, actor=actor)
    return link


@transaction.atomic
def project_unit_remove(*, actor: User, link: ProjectUnit) -> None:
    require(actor, "projects.change_project", link.project)
    link._history_user = actor  # type: ignore[attr-defined]
    link.delete()


def _phase(phase: str) -> str:
    if phase not in ProjectPhase.values:
        raise ValidationError({"phase": _("Choose one of the planning phases.")})
    return phase


@transaction.atomic
def unit_phase_role_set(
    *,
    actor: User,
    project: Project,
    unit: Unit,
    phase: str,
    role: str,
    contribution: str = "",
) -> UnitPhaseRole:
    """Say how ``unit`` takes part in ``phase`` of the project, and what it contributes there.

    A unit of the organisation that does not yet take part in the project starts taking part.
    """
    require(actor, "projects.change_project", project)
    _check_unit(actor=actor, project=project, unit=unit)
    _phase(phase)
    if role not in PhaseRole.values:
        raise ValidationError(
            {"role": _("Choose whether the unit leads, contributes or is consulted.")}
        )
    link = ProjectUnit.objects.filter(project=project, unit=unit).first()
    if link is None:
        link = ProjectUnit(project=project, unit=unit)
        save_with_history(link, actor=actor)
    cell = UnitPhaseRole.objects.filter(project_unit=link, phase=phase).first() or UnitPhaseRole(
        project_unit=link, phase=phase
    )
    cell.role = role
    cell.contribution = contribution.strip()
    save_with_history(cell, actor=actor)
    return cell


@transaction.atomic
def unit_phase_role_clear(*, actor: User, project: Project, unit: Unit, phase: str) -> None:
    """Record that ``unit`` has no part in ``phase``; the unit stays in the project."""
    require(actor, "projects.change_project", project)
    _phase(phase)
    for cell in UnitPhaseRole.objects.filter(
        project_unit__project=project, project_unit__unit=unit, phase=phase
    ):
        cell._history_user = actor  # type: ignore[attr-defined]
        cell.delete()
