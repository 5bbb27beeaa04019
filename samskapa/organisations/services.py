"""Writes of organisations, units and memberships."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.permissions import forget_memberships
from samskapa.core.services import notification_send
from samskapa.core.slugs import unique_slug
from samskapa.organisations.models import Membership, Organisation, Role, Unit
from samskapa.organisations.validators import normalise_org_number

ORGANISATION_FIELDS = (
    "name",
    "type",
    "helix_sector",
    "org_number",
    "municipality",
    "description",
    "website",
)


@transaction.atomic
def organisation_create(*, actor: Any, **fields: Any) -> Organisation:
    """Register an organisation; the person who registers it becomes its administrator."""
    require(actor, "organisations.add_organisation")
    data = {key: value for key, value in fields.items() if key in ORGANISATION_FIELDS}
    if data.get("org_number"):
        data["org_number"] = normalise_org_number(data["org_number"])
    organisation = Organisation(**data)
    organisation.slug = unique_slug(Organisation, organisation.name)
    save_with_history(organisation, actor=actor)
    membership = Membership(user=actor, organisation=organisation, role=Role.ADMINISTRATOR)
    save_with_history(membership, actor=actor)
    forget_memberships(actor)
    return organisation


@transaction.atomic
def organisation_update(*, actor: Any, organisation: Organisation, **fields: Any) -> Organisation:
    require(actor, "organisations.change_organisation", organisation)
    for key, value in fields.items():
        if key not in ORGANISATION_FIELDS:
            raise TypeError(f"{key} cannot be changed here")
        if key == "org_number" and value:
            value = normalise_org_number(value)
        setattr(organisation, key, value)
    save_with_history(organisation, actor=actor)
    return organisation


@transaction.atomic
def unit_create(*, actor: Any, organisation: Organisation, **fields: Any) -> Unit:
    """Add an administration, board or other unit to an organisation."""
    require(actor, "organisations.change_organisation", organisation)
    unit = Unit(organisation=organisation, **fields)
    save_with_history(unit, actor=actor)
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, **fields: Any) -> Unit:
    require(actor, "organisations.change_organisation", unit.organisation)
    for key, value in fields.items():
        setattr(unit, key, value)
    save_with_history(unit, actor=actor)
    return unit


@transaction.atomic
def unit_delete(*, actor: Any, unit: Unit) -> None:
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
    actor: Any,
    user: Any,
    role: str,
    organisation: Organisation | None = None,
    project: Any = None,
) -> Membership:
    """Give ``user`` a role in an organisation or a project, and tell them."""
    if organisation is not None:
        require(actor, "organisations.manage_members", organisation)
    else:
        require(actor, "projects.manage_members", project)
    membership = Membership(user=user, organisation=organisation, project=project, role=role)
    save_with_history(membership, actor=actor)
    forget_memberships(user)
    scope = organisation or project
    notification_send(
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
def membership_remove(*, actor: Any, membership: Membership) -> None:
    if membership.organisation_id:
        require(actor, "organisations.manage_members", membership.organisation)
        remaining_admins = Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Role.ADMINISTRATOR
        ).exclude(pk=membership.pk)
        if membership.role == Role.ADMINISTRATOR and not remaining_admins.exists():
            from django.core.exceptions import ValidationError

            raise ValidationError(_("An organisation must keep at least one administrator."))
    else:
        require(actor, "projects.manage_members", membership.project)
    membership._history_user = actor  # type: ignore[attr-defined]
    membership.delete()
    forget_memberships(membership.user)
    forget_memberships(actor)  # the actor may have removed their own role
