"""The ground floor of the permission layer: membership helpers and shared predicates.

Rights come from ``organisations.Membership`` rows, read here through the ``user.memberships``
relation only, so that ``core`` needs no domain app. Each domain app builds its named rules
(``<app>/rules.py``, ``needs.moderate_need``, ``portfolio.decide_gate`` ...) from these pieces,
and its selectors turn the same pieces into queries (``organisation_ids``, ``project_ids``).

A user's memberships are read once per request and kept on the user object, so checking many
rules for one page costs one query.
"""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from samskapa.core.models import Visibility

Membership = tuple[int | None, int | None, str]  # (organisation_id, project_id, role)

# Those who run a project or an organisation's work: project leaders and administrators.
LEADER_ROLES = frozenset({"project_leader", "administrator"})
# Those who may moderate what residents write: the leaders and the moderators.
MODERATOR_ROLES = LEADER_ROLES | {"moderator"}


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


def is_superuser(user: Any) -> bool:
    """The platform administrator, the only global role."""
    return bool(getattr(user, "is_superuser", False))


def organisation_ids(user: Any, roles: frozenset[str] | None = None) -> set[int]:
    """The organisations where ``user`` has one of ``roles`` (any role when ``roles`` is None)."""
    return {
        org
        for org, _project, role in memberships_of(user)
        if org and (roles is None or role in roles)
    }


def project_ids(user: Any, roles: frozenset[str] | None = None) -> set[int]:
    """The projects where ``user`` has one of ``roles`` by a project membership of their own.

    Organisation-level roles carry over to the organisation's projects; selectors add those
    with ``organisation_ids`` (see ``projects.selectors.projects_led_by``).
    """
    return {
        project
        for _org, project, role in memberships_of(user)
        if project and (roles is None or role in roles)
    }


def has_any_role(user: Any, roles: frozenset[str]) -> bool:
    """Whether ``user`` holds one of ``roles`` anywhere, or is the platform administrator."""
    return is_superuser(user) or any(role in roles for _org, _p, role in memberships_of(user))


def organisation_roles(user: Any, organisation_id: int | None) -> set[str]:
    """The roles of ``user`` in one organisation."""
    if organisation_id is None:
        return set()
    return {role for org, _project, role in memberships_of(user) if org == organisation_id}


def project_roles(user: Any, project: Any) -> set[str]:
    """Roles on the project itself plus the roles on the organisation that runs it."""
    if project is None:
        return set()
    own = {role for _org, proj, role in memberships_of(user) if proj == project.pk}
    return own | organisation_roles(user, project.organisation_id)


def leads_organisation(user: Any, organisation_id: int | None) -> bool:
    """Whether ``user`` is a project leader or administrator of the organisation."""
    return bool(organisation_roles(user, organisation_id) & LEADER_ROLES)


def leads_project(user: Any, project: Any) -> bool:
    """Whether ``user`` leads the project: a leader of it or of the organisation that runs it."""
    return bool(project_roles(user, project) & LEADER_ROLES)


def moderates_project(user: Any, project: Any) -> bool:
    """Whether ``user`` leads or moderates the project."""
    return bool(project_roles(user, project) & MODERATOR_ROLES)


def may_act_for_organisation(user: Any, organisation_id: int | None) -> bool:
    """Whether ``user`` may write on behalf of an organisation: any role in it will do."""
    return is_superuser(user) or bool(organisation_roles(user, organisation_id))


def has_organisation_role(*roles: str) -> rules.Predicate:
    """A predicate on an Organisation: ``user`` holds one of ``roles`` in it."""
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_organisation_role({', '.join(sorted(wanted))})")
    def predicate(user: Any, organisation: Any) -> bool:
        return organisation is not None and bool(organisation_roles(user, organisation.pk) & wanted)

    return predicate


def has_project_role(*roles: str) -> rules.Predicate:
    """A predicate on a Project: ``user`` holds one of ``roles`` in it or its organisation."""
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


is_admin = rules.is_superuser
is_organisation_admin = has_organisation_role("administrator")
is_project_leader = has_project_role(*LEADER_ROLES)
