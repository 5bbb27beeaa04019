"""Named rules of the stage-gate portfolio: initiatives (initiativ) and gate decisions.

An initiative is run by the leaders of its urban development project, of its programme's leading
organisation, or of its own lead organisation; they alone edit it and decide at its gates.
Objects: an Initiative; for add_initiative the project, programme or organisation it is to
belong to; for take_idea_forward the Idea; start_initiative has none (whether the user may
start an initiative anywhere, which add_initiative then decides for the place chosen).
``portfolio.selectors.initiatives_visible_to`` is ``portfolio.view_initiative`` as a query;
change both together.
"""

from typing import Any

import rules

from samskapa.core.predicates import (
    LEADER_ROLES,
    has_any_role,
    is_admin,
    is_public,
    leads_organisation,
    leads_project,
    organisation_roles,
    project_roles,
)
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import Programme
from samskapa.programmes.rules import is_programme_member
from samskapa.projects.models import Project


def may_view_idea(user: Any, idea: Any) -> bool:
    return idea is not None and user.has_perm("ideas.view_idea", idea)


def leads_scope(user: Any, scope: Any) -> bool:
    """Whether ``user`` leads a Project, a Programme or an Organisation."""
    if isinstance(scope, Project):
        return leads_project(user, scope)
    if isinstance(scope, Programme):
        return leads_organisation(user, scope.organisation_id)
    if isinstance(scope, Organisation):
        return leads_organisation(user, scope.pk)
    return False


@rules.predicate
def leads_initiative(user: Any, initiative: Any) -> bool:
    if initiative is None:
        return False
    if leads_organisation(user, initiative.lead_organisation_id):
        return True
    if initiative.project_id and leads_scope(user, initiative.project):
        return True
    return bool(initiative.programme_id and leads_scope(user, initiative.programme))


@rules.predicate
def is_initiative_member(user: Any, initiative: Any) -> bool:
    if initiative is None:
        return False
    if organisation_roles(user, initiative.lead_organisation_id):
        return True
    if initiative.project_id and project_roles(user, initiative.project):
        return True
    return bool(initiative.programme_id and is_programme_member(user, initiative.programme))


@rules.predicate
def leads_something(user: Any) -> bool:
    """Leads a project or an organisation somewhere (or is the platform administrator)."""
    return has_any_role(user, LEADER_ROLES)


@rules.predicate
def leads_idea_scope(user: Any, idea: Any) -> bool:
    """May take the idea forward: an idea of a project by the project's leaders, an idea
    without a project by anyone who leads something (the place is checked when it is chosen)."""
    if idea is None:
        return False
    if idea.project_id:
        return leads_project(user, idea.project)
    return has_any_role(user, LEADER_ROLES)


@rules.predicate
def initiative_context_visible(user: Any, initiative: Any) -> bool:
    """Its project and programme, where it has them, are visible to ``user``."""
    if initiative is None:
        return False
    if initiative.project_id and not user.has_perm("projects.view_project", initiative.project):
        return False
    return not (
        initiative.programme_id
        and not user.has_perm("programmes.view_programme", initiative.programme)
    )


rules.add_perm("portfolio.start_initiative", leads_something | is_admin)
rules.add_perm("portfolio.add_initiative", rules.predicate(leads_scope) | is_admin)
rules.add_perm(
    "portfolio.take_idea_forward", (rules.predicate(may_view_idea) & leads_idea_scope) | is_admin
)
rules.add_perm(
    "portfolio.view_initiative",
    (is_public & initiative_context_visible) | is_initiative_member | leads_initiative | is_admin,
)
rules.add_perm("portfolio.change_initiative", leads_initiative | is_admin)
rules.add_perm("portfolio.decide_gate", leads_initiative | is_admin)
