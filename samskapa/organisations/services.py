"""Writes of organisations, units and memberships."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import NotificationKind
from samskapa.core.predicates import forget_memberships
from samskapa.core.services import notification_send
from samskapa.core.slugs import unique_slug
from samskapa.core.writes import UNSET, set_fields
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Membership, Organisation, Role, Unit
from samskapa.organisations.validators import normalise_org_number


@transaction.atomic
def organisation_create(
    *,
    actor: User,
    name: str,
    type: str,
    helix_sector: str,
    org_number: str = "",
    municipality: Municipality | None = None,
    description: str = "",
    website: str = "",
) -> Organisation:
    """Register an organisation; the person who registers it becomes its administrator.

    Its municipality is where it is based, any of Sweden's: a public fact, not a right.
    """
    require(actor, "organisations.add_organisation")
    organisation = Organisation(
        name=name,
        type=type,
        helix_sector=helix_sector,
        org_number=normalise_org_number(org_number) if org_number else "",
        municipality=municipality,
        description=description,
        website=website,
    )
    organisation.slug = unique_slug(Organisation, organisation.name)
    save_with_history(organisation, actor=actor)
    membership = Membership(user=actor, organisation=organisation, role=Role.ADMINISTRATOR)
    save_with_history(membership, actor=actor)
    forget_memberships(actor)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: User,
    organisation: Organisation,
    name: str = UNSET,
    type: str = UNSET,
    helix_sector: str = UNSET,
    org_number: str = UNSET,
    municipality: Municipality | None = UNSET,
    description: str = UNSET,
    website: str = UNSET,
) -> Organisation:
    require(actor, "organisations.change_organisation", organisation)
    if org_number:
        org_number = normalise_org_number(org_number)
    set_fields(
        organisation,
        name=name,
        type=type,
        helix_sector=helix_sector,
        org_number=org_number,
        municipality=municipality,
        description=description,
        website=website,
    )
    save_with_history(organisation, actor=actor)
    return organisation


def _check_parent(unit: Unit) -> None:
    """A unit is part of a unit of the same organisation, and never of itself or its parts."""
    parent = unit.parent
    if parent is None:
        return
    if parent.organisation_id != unit.organisation_id:
        raise ValidationError({"parent": _("Choose a unit of the same organisation.")})
    seen: set[int] = set()
    while parent is not None and parent.pk not in seen:
        if unit.pk is not None and parent.pk == unit.pk:
            raise ValidationError(
                {"parent": _("A unit cannot be part of itself or of one of its own parts.")}
            )
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def unit_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    kind: str,
    responsibility: str = "",
    parent: Unit | None = None,
) -> Unit:
    """Add an administration, board or other unit to an organisation."""
    require(actor, "organisations.change_organisation", organisation)
    unit = Unit(
        organisation=organisation,
        name=name,
        kind=kind,
        responsibility=responsibility,
        parent=parent,
    )
    _check_parent(unit)
    save_with_history(unit, actor=actor)
    return unit


@transaction.atomic
def unit_update(
    *,
    actor: User,
    unit: Unit,
    name: str = UNSET,
    kind: str = UNSET,
    responsibility: str = UNSET,
    parent: Unit | None = UNSET,
) -> Unit:
    require(actor, "organisations.change_organisation", unit.organisation)
    set_fields(unit, name=name, kind=kind, responsibility=responsibility, parent=parent)
    _check_parent(unit)
    save_with_history(unit, actor=actor)
    return unit


@transaction.atomic
def unit_delete(*, actor: User, unit: Unit) -> None:
    """Remove a unit; refused while gate decisions on record cite it as the deciding board."""
    require(actor, "organisations.change_organisation", unit.organisation)
    unit._history_user = actor  # type: ignore[attr-defined]
    try:
        unit.delete()
    except ProtectedError as error:
        raise ValidationError(
            _(
                "The unit cannot be removed: gate decisions on record name it as the deciding "
                "board. Rename it instead if it has changed."
            )
        ) from error


@transaction.atomic
def membership_add(
    *,
    actor: User,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    project: Any = None,
) -> Membership:
    """Give ``user`` a role in an organisation or a project, and tell them.

    ``project`` is a ``projects.Project`` (this app cannot import projects, which imports it).
    Only an administrator of the project (or of its organisation) makes someone else its
    administrator: a project leader may not hand out more rights than their own.
    """
    if organisation is not None:
        require(actor, "organisations.manage_members", organisation)
    else:
        require(actor, "projects.manage_members", project)
        if role == Role.ADMINISTRATOR and not actor.has_perm(
            "projects.appoint_administrator", project
        ):
            raise ValidationError(
                {"role": _("Only an administrator of the project can appoint administrators.")}
            )
    if not user.is_active:
        raise ValidationError({"user": _("This person's account is closed.")})
    membership = Membership(user=user, organisation=organisation, project=project, role=role)
    save_with_history(membership, actor=actor)
    forget_memberships(user)
    scope = organisation or project
    notification_send(
        kind=NotificationKind.ROLES,
        recipients=[user],
        title=lambda: (
            _("You are now %(role)s in %(scope)s")
            % {"role": str(membership.get_role_display()).lower(), "scope": scope}
        ),
        body=lambda: _("%(actor)s gave you this role.") % {"actor": actor},
        url=scope.get_absolute_url(),
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    if membership.organisation_id:
        require(actor, "organisations.manage_members", membership.organisation)
        remaining_admins = Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Role.ADMINISTRATOR
        ).exclude(pk=membership.pk)
        if membership.role == Role.ADMINISTRATOR and not remaining_admins.exists():
            raise ValidationError(_("An organisation must keep at least one administrator."))
    else:
        require(actor, "projects.manage_members", membership.project)
        if membership.role == Role.ADMINISTRATOR and not actor.has_perm(
            "projects.appoint_administrator", membership.project
        ):
            raise ValidationError(
                _("Only an administrator of the project can remove one of its administrators.")
            )
    membership._history_user = actor  # type: ignore[attr-defined]
    membership.delete()
    forget_memberships(membership.user)
    forget_memberships(actor)  # the actor may have removed their own role
