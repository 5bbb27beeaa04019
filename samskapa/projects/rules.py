"""Named rules of urban development projects (stadsutvecklingsprojekt).

Each rule that decides what a list holds has its query twin in ``projects/selectors.py``;
change both together:

- ``projects.view_project`` is ``projects_visible_to``;
- ``projects.change_project`` (leading a project) is ``projects_led_by``.

Object: a Project; for ``add_project`` the organisation that is to run it. ``start_project``
has no object: it tells whether a person leads any organisation, and so may start a project
at all (the API's create endpoint and the "Start a project" button ask it).
"""

from typing import Any

import rules

from samskapa.core.predicates import (
    is_admin,
    is_any_project_member,
    is_project_leader,
    is_public,
    project_roles,
)
from samskapa.organisations.rules import leads_an_organisation, leads_this_organisation


@rules.predicate
def administers_project(user: Any, project: Any) -> bool:
    return project is not None and "administrator" in project_roles(user, project)


rules.add_perm("projects.add_project", leads_this_organisation)
rules.add_perm("projects.start_project", leads_an_organisation | is_admin)
rules.add_perm("projects.view_project", is_public | is_any_project_member | is_admin)
rules.add_perm("projects.change_project", is_project_leader | is_admin)
rules.add_perm("projects.manage_members", is_project_leader | is_admin)
# Only those who may delete the project make others its administrators (who then may too).
rules.add_perm("projects.appoint_administrator", administers_project | is_admin)
rules.add_perm("projects.delete_project", administers_project | is_admin)
