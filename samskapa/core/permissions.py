"""The one permission layer: named rules built from small predicates.

Views, the API and templates all ask the same names (``projects.change_project`` ...) through
``user.has_perm(name, obj)``. Rights come from ``organisations.Membership`` rows; the only
global role is the platform administrator (``is_superuser``).

A user's memberships are read once per request and kept on the user object, so checking many
rules for one page costs one query.
"""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from samskapa.core.models import Visibility

Membership = tuple[int | None, int | None, str]  # (organisation_id, project_id, role)

LEADER_ROLES = frozenset({"project_leader", "administrator"})


def memberships_of(user: Any) -> list[Membership]:
    """All (organisation, project, role) triples of ``user``, cached on the user object."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return []
    cached = getattr(user, "_samskapa_memberships", None)
    if cached is None:
        cached = list(user.memberships.values_list("organisation_id", "project_id", "role"))
        user._samskapa_memberships = cached
    return cached


def forget_memberships(user: Any) -> None:
    """Drop the cached memberships after they changed."""
    if hasattr(user, "_samskapa_memberships"):
        del user._samskapa_memberships


def organisation_roles(user: Any, organisation_id: int) -> set[str]:
    return {role for org, _project, role in memberships_of(user) if org == organisation_id}


def project_roles(user: Any, project: Any) -> set[str]:
    """Roles on the project itself plus the roles on the organisation that runs it."""
    own = {role for _org, proj, role in memberships_of(user) if proj == project.pk}
    return own | organisation_roles(user, project.organisation_id)


def has_organisation_role(*roles: str) -> rules.Predicate:
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_organisation_role({', '.join(sorted(wanted))})")
    def predicate(user: Any, organisation: Any) -> bool:
        return organisation is not None and bool(organisation_roles(user, organisation.pk) & wanted)

    return predicate


def has_project_role(*roles: str) -> rules.Predicate:
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_project_role({', '.join(sorted(wanted))})")
    def predicate(user: Any, project: Any) -> bool:
        return project is not None and bool(project_roles(user, project) & wanted)

    return predicate


@rules.predicate
def is_public(user: Any, obj: Any) -> bool:
    return obj is not None and getattr(obj, "visibility", None) == Visibility.PUBLIC


@rules.predicate
def is_any_project_member(user: Any, project: Any) -> bool:
    return project is not None and bool(project_roles(user, project))


@rules.predicate
def is_recipient(user: Any, notification: Any) -> bool:
    return notification is not None and notification.recipient_id == user.pk


is_admin = rules.is_superuser
is_organisation_admin = has_organisation_role("administrator")
is_project_leader = has_project_role(*LEADER_ROLES)

# Organisations: public to read; their administrators run them.
rules.add_perm("organisations.view_organisation", rules.always_allow)
rules.add_perm("organisations.add_organisation", rules.is_authenticated)
rules.add_perm("organisations.change_organisation", is_organisation_admin | is_admin)
rules.add_perm("organisations.manage_members", is_organisation_admin | is_admin)
rules.add_perm("organisations.delete_organisation", is_admin)

# Projects: the object of add_project is the organisation that is to run the project.
rules.add_perm("projects.add_project", has_organisation_role(*LEADER_ROLES) | is_admin)
rules.add_perm("projects.view_project", is_public | is_any_project_member | is_admin)
rules.add_perm("projects.change_project", is_project_leader | is_admin)
rules.add_perm("projects.manage_members", is_project_leader | is_admin)
rules.add_perm(
    "projects.delete_project",
    rules.predicate(lambda user, project: "administrator" in project_roles(user, project))
    | is_admin,
)

rules.add_perm("core.view_notification", is_recipient)
rules.add_perm("core.change_notification", is_recipient)
