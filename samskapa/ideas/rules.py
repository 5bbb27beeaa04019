"""Named rules of challenges (utmaningar) and ideas (idéer).

Challenges belong to a project and are run by its leaders; ideas are written by anyone logged in
and are public unless a moderator hid them, their project is members-only, or they answer a
pre-moderated challenge and wait for a moderator's approval (then only their author and the
moderators see them).
``ideas.selectors.ideas_visible_to`` is ``ideas.view_idea`` as a query; change both together.
"""

from typing import Any

import rules

from samskapa.core.predicates import (
    is_admin,
    is_project_leader,
    leads_project,
    moderates_project,
)


def _idea_project(idea: Any) -> Any:
    return idea.project if idea is not None and idea.project_id else None


@rules.predicate
def can_view_challenge_project(user: Any, challenge: Any) -> bool:
    return challenge is not None and user.has_perm("projects.view_project", challenge.project)


@rules.predicate
def leads_challenge_project(user: Any, challenge: Any) -> bool:
    return challenge is not None and leads_project(user, challenge.project)


@rules.predicate
def is_idea_author(user: Any, idea: Any) -> bool:
    return idea is not None and user.is_authenticated and idea.author_id == user.pk


@rules.predicate
def is_idea_co_author(user: Any, idea: Any) -> bool:
    # all() uses the prefetched co-authors where the selector loaded them.
    return (
        idea is not None
        and user.is_authenticated
        and any(person.pk == user.pk for person in idea.co_authors.all())
    )


@rules.predicate
def leads_idea_project(user: Any, idea: Any) -> bool:
    project = _idea_project(idea)
    return project is not None and leads_project(user, project)


@rules.predicate
def moderates_idea_project(user: Any, idea: Any) -> bool:
    project = _idea_project(idea)
    return project is not None and moderates_project(user, project)


@rules.predicate
def idea_is_hidden(user: Any, idea: Any) -> bool:
    return idea is not None and idea.is_hidden


@rules.predicate
def idea_awaits_approval(user: Any, idea: Any) -> bool:
    return idea is not None and idea.awaiting_approval


@rules.predicate
def idea_project_visible(user: Any, idea: Any) -> bool:
    project = _idea_project(idea)
    return project is None or user.has_perm("projects.view_project", project)


may_moderate_idea = moderates_idea_project | is_admin
rules.add_perm("ideas.view_challenge", can_view_challenge_project | is_admin)
# The object of add_challenge is the project the challenge is to belong to.
rules.add_perm("ideas.add_challenge", is_project_leader | is_admin)
rules.add_perm("ideas.change_challenge", leads_challenge_project | is_admin)
rules.add_perm(
    "ideas.view_idea",
    (idea_project_visible & ~idea_is_hidden & ~idea_awaits_approval)
    | is_idea_author
    | may_moderate_idea,
)
rules.add_perm("ideas.add_idea", rules.is_authenticated)
rules.add_perm(
    "ideas.change_idea", is_idea_author | is_idea_co_author | leads_idea_project | is_admin
)
_may_take_part = (
    rules.is_authenticated & idea_project_visible & ~idea_is_hidden & ~idea_awaits_approval
)
rules.add_perm("ideas.comment_idea", _may_take_part)
rules.add_perm("ideas.support_idea", _may_take_part)
rules.add_perm("ideas.follow_idea", _may_take_part)
rules.add_perm("ideas.moderate_idea", may_moderate_idea)
rules.add_perm("ideas.report_idea", _may_take_part & ~is_idea_author)


@rules.predicate
def may_report_comment(user: Any, comment: Any) -> bool:
    """Anyone who takes part in the idea may report someone else's comment that is shown."""
    return (
        comment is not None
        and not comment.is_hidden
        and comment.author_id != user.pk
        and _may_take_part.test(user, comment.idea)
    )


@rules.predicate
def may_moderate_comment(user: Any, comment: Any) -> bool:
    return comment is not None and may_moderate_idea.test(user, comment.idea)


rules.add_perm("ideas.report_comment", rules.is_authenticated & may_report_comment)
rules.add_perm("ideas.moderate_comment", may_moderate_comment)
