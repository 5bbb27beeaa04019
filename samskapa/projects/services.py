"""Writes of projects, their funding and their participating units."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.predicates import forget_memberships
from samskapa.core.slugs import unique_slug
from samskapa.organisations.models import Membership, Organisation, Role, Unit
from samskapa.projects.models import (
    Funding,
    PhaseRole,
    Project,
    ProjectPhase,
    ProjectUnit,
    UnitPhaseRole,
)

PROJECT_FIELDS = (
    "name",
    "municipality",
    "area",
    "phase",
    "start_date",
    "end_date",
    "summary",
    "description",
    "goals",
    "visibility",
)
FUNDING_FIELDS = (
    "funder",
    "call",
    "amount_sek",
    "reference_number",
    "start_date",
    "end_date",
    "status",
)


def _set_fields(instance: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for key, value in fields.items():
        if key not in allowed:
            raise TypeError(f"{key} cannot be set here")
        setattr(instance, key, value)


@transaction.atomic
def project_create(
    *,
    actor: Any,
    organisation: Organisation,
    dimensions: Any = (),
    sdg_targets: Any = (),
    **fields: Any,
) -> Project:
    """Start a project run by ``organisation``; the actor becomes its project leader."""
    require(actor, "projects.add_project", organisation)
    project = Project(organisation=organisation, created_by=actor)
    _set_fields(project, fields, PROJECT_FIELDS)
    if project.municipality_id is None and organisation.municipality_id:
        project.municipality_id = organisation.municipality_id
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
    actor: Any,
    project: Project,
    dimensions: Any = None,
    sdg_targets: Any = None,
    **fields: Any,
) -> Project:
    require(actor, "projects.change_project", project)
    _set_fields(project, fields, PROJECT_FIELDS)
    save_with_history(project, actor=actor)
    if dimensions is not None:
        project.dimensions.set(dimensions)
    if sdg_targets is not None:
        project.sdg_targets.set(sdg_targets)
    return project


@transaction.atomic
def funding_add(*, actor: Any, project: Project, **fields: Any) -> Funding:
    require(actor, "projects.change_project", project)
    funding = Funding(project=project)
    _set_fields(funding, fields, FUNDING_FIELDS)
    save_with_history(funding, actor=actor)
    return funding


@transaction.atomic
def funding_delete(*, actor: Any, funding: Funding) -> None:
    require(actor, "projects.change_project", funding.project)
    funding._history_user = actor  # type: ignore[attr-defined]
    funding.delete()


@transaction.atomic
def project_unit_add(
    *, actor: Any, project: Project, unit: Unit, contribution: str = ""
) -> ProjectUnit:
    """Record that one of the municipality's units takes part, and what it contributes."""
    require(actor, "projects.change_project", project)
    _unit_of_project(project, unit)
    link = ProjectUnit(project=project, unit=unit, contribution=contribution)
    save_with_history(link, actor=actor)
    return link


@transaction.atomic
def project_unit_remove(*, actor: Any, link: ProjectUnit) -> None:
    require(actor, "projects.change_project", link.project)
    link._history_user = actor  # type: ignore[attr-defined]
    link.delete()


def _unit_of_project(project: Project, unit: Unit) -> None:
    """Refuse a unit that belongs neither to the project's organisation nor its municipality."""
    if unit.organisation_id != project.organisation_id and (
        unit.organisation.municipality_id != project.municipality_id
    ):
        raise ValidationError(
            {
                "unit": _(
                    "Only units of the project's own organisation or municipality can take part."
                )
            }
        )


def _phase(phase: str) -> str:
    if phase not in ProjectPhase.values:
        raise ValidationError({"phase": _("Choose one of the planning phases.")})
    return phase


@transaction.atomic
def unit_phase_role_set(
    *,
    actor: Any,
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
    _unit_of_project(project, unit)
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
def unit_phase_role_clear(*, actor: Any, project: Project, unit: Unit, phase: str) -> None:
    """Record that ``unit`` has no part in ``phase``; the unit stays in the project."""
    require(actor, "projects.change_project", project)
    _phase(phase)
    for cell in UnitPhaseRole.objects.filter(
        project_unit__project=project, project_unit__unit=unit, phase=phase
    ):
        cell._history_user = actor  # type: ignore[attr-defined]
        cell.delete()
