"""Named rules of urban development projects (stadsutvecklingsprojekt).

``projects.selectors.projects_visible_to`` is ``projects.view_project`` as a query; change both
together.
"""

from typing import Any

import rules

from samskapa.core.predicates import (
    LEADER_ROLES,
    has_organisation_role,
    is_admin,
    is_any_project_member,
    is_project_leader,
    is_public,
    project_roles,
)


@rules.predicate
def administers_project(user: Any, project: Any) -> bool:
    return project is not None and "administrator" in project_roles(user, project)


# The object of add_project is the organisation that is to run the project.
rules.add_perm("projects.add_project", has_organisation_role(*LEADER_ROLES) | is_admin)
rules.add_perm("projects.view_project", is_public | is_any_project_member | is_admin)
rules.add_perm("projects.change_project", is_project_leader | is_admin)
rules.add_perm("projects.manage_members", is_project_leader | is_admin)
rules.add_perm("projects.delete_project", administers_project | is_admin)
