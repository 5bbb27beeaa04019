"""Named rules of the needs inventory (behovsinventering).

Objects are a Need, or the Project a campaign, cluster or ranking belongs to. Private needs are
seen by their author, the project's leaders and its moderators; what a moderator has hidden only
by leaders and moderators. ``needs.selectors.needs_visible_to`` is ``needs.view_need`` as a
query, and ``campaigns_visible_to`` is ``needs.view_campaign``; change each pair together.
"""

from typing import Any

import rules

from samskapa.core.models import Visibility
from samskapa.core.predicates import is_admin, leads_project, moderates_project, project_roles


def _project_of(obj: Any) -> Any:
    """The project of a need, campaign or cluster, or the project itself."""
    return obj.project if hasattr(obj, "project_id") else obj


@rules.predicate
def is_need_author(user: Any, need: Any) -> bool:
    return need is not None and user.is_authenticated and need.author_id == user.pk


@rules.predicate
def is_need_hidden(user: Any, need: Any) -> bool:
    return need is not None and need.is_hidden


@rules.predicate
def is_need_awaiting_approval(user: Any, need: Any) -> bool:
    return need is not None and need.awaiting_approval


@rules.predicate
def leads_needs_project(user: Any, obj: Any) -> bool:
    return obj is not None and leads_project(user, _project_of(obj))


@rules.predicate
def moderates_needs_project(user: Any, obj: Any) -> bool:
    return obj is not None and moderates_project(user, _project_of(obj))


@rules.predicate
def is_member_of_needs_project(user: Any, obj: Any) -> bool:
    return obj is not None and bool(project_roles(user, _project_of(obj)))


@rules.predicate
def may_see_needs_project(user: Any, obj: Any) -> bool:
    return obj is not None and user.has_perm("projects.view_project", _project_of(obj))


@rules.predicate
def is_public_need(user: Any, need: Any) -> bool:
    return need is not None and need.visibility == Visibility.PUBLIC


@rules.predicate
def is_members_need(user: Any, need: Any) -> bool:
    return need is not None and need.visibility == Visibility.MEMBERS


@rules.predicate
def may_view_need(user: Any, need: Any) -> bool:
    return need is not None and user.has_perm("needs.view_need", need)


rules.add_perm(
    "needs.view_need",
    is_admin
    | moderates_needs_project
    | (
        ~is_need_hidden
        & (
            is_need_author
            | (
                ~is_need_awaiting_approval
                & (
                    (is_public_need & may_see_needs_project)
                    | (is_members_need & is_member_of_needs_project)
                )
            )
        )
    ),
)
# Object: the project the need is submitted to.
rules.add_perm("needs.add_need", rules.is_authenticated & (may_see_needs_project | is_admin))
rules.add_perm(
    "needs.change_need", is_admin | leads_needs_project | (is_need_author & ~is_need_hidden)
)
rules.add_perm("needs.support_need", rules.is_authenticated & may_view_need)
rules.add_perm("needs.moderate_need", is_admin | moderates_needs_project)
rules.add_perm("needs.report_need", rules.is_authenticated & may_view_need & ~is_need_author)
rules.add_perm("needs.view_campaign", is_admin | may_see_needs_project)
rules.add_perm("needs.manage_campaign", is_admin | leads_needs_project)
rules.add_perm("needs.manage_clusters", is_admin | leads_needs_project)
rules.add_perm("needs.prioritise_need", is_admin | leads_needs_project)
rules.add_perm("needs.assign_unit", is_admin | leads_needs_project)
