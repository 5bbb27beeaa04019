"""Named rules of competence matchmaking (kompetensmatchning).

Profiles: registered users see published ones; the owner (the person, or the leaders and
administrators of the organisation) sees and changes their own. A need for competence follows
the project, challenge, initiative or need it belongs to: whoever may see that sees it, whoever
may change that changes it, and its members may also see the matches, build a team and send
interest requests. An interest request is seen by its sender and by the profile's side only.

``competences.selectors.profiles_visible_to`` is ``competences.view_profile`` as a query,
``competence_needs_visible_to`` is ``competences.view_need`` and ``requests_visible_to`` is
``competences.view_request``; change each together with its rule.
"""

from typing import Any

import rules

from samskapa.core.predicates import LEADER_ROLES, is_admin, organisation_roles, project_roles
from samskapa.portfolio.rules import is_initiative_member

# The rule of each kind of target that a need for competence borrows: (view, change).
TARGET_RULES = {
    "project": ("projects.view_project", "projects.change_project"),
    "challenge": ("ideas.view_challenge", "ideas.change_challenge"),
    "initiative": ("portfolio.view_initiative", "portfolio.change_initiative"),
    "need": ("needs.view_need", "needs.prioritise_need"),
}


def target_kind(need: Any) -> str:
    """Which of the four targets a need for competence belongs to."""
    for kind in TARGET_RULES:
        if getattr(need, f"{kind}_id", None):
            return kind
    raise ValueError("A need for competence without a target")


@rules.predicate
def owns_profile(user: Any, profile: Any) -> bool:
    if profile is None or not user.is_authenticated:
        return False
    if profile.user_id is not None:
        return bool(profile.user_id == user.pk)
    return bool(organisation_roles(user, profile.organisation_id) & LEADER_ROLES)


@rules.predicate
def is_published(user: Any, profile: Any) -> bool:
    return profile is not None and profile.is_published


@rules.predicate
def may_view_target(user: Any, need: Any) -> bool:
    if need is None:
        return False
    kind = target_kind(need)
    return bool(user.has_perm(TARGET_RULES[kind][0], getattr(need, kind)))


@rules.predicate
def may_change_target(user: Any, need: Any) -> bool:
    if need is None:
        return False
    kind = target_kind(need)
    return bool(user.has_perm(TARGET_RULES[kind][1], getattr(need, kind)))


@rules.predicate
def works_on_target(user: Any, need: Any) -> bool:
    """A member (any role) of the project behind the need, or of the initiative's scope."""
    if need is None:
        return False
    if need.initiative_id:
        return bool(is_initiative_member(user, need.initiative))
    project = need.project or (need.challenge or need.need).project
    return bool(project_roles(user, project))


@rules.predicate
def may_change_this_target(user: Any, target: Any) -> bool:
    """For ``add_need``: the object is the project, challenge, initiative or need itself."""
    if target is None:
        return False
    kind = type(target).__name__.lower()
    if kind not in TARGET_RULES:
        return False
    return bool(user.has_perm(TARGET_RULES[kind][1], target))


@rules.predicate
def is_sender(user: Any, request: Any) -> bool:
    return request is not None and user.is_authenticated and request.sender_id == user.pk


@rules.predicate
def answers_for_profile(user: Any, request: Any) -> bool:
    return request is not None and bool(owns_profile(user, request.profile))


@rules.predicate
def is_pending(user: Any, request: Any) -> bool:
    return request is not None and request.status == "pending"


@rules.predicate
def not_withdrawn(user: Any, request: Any) -> bool:
    # A declined request can be withdrawn too, so the sender's buttons do not give a decline away.
    return request is not None and request.status != "withdrawn"


@rules.predicate
def is_accepted(user: Any, request: Any) -> bool:
    return request is not None and request.status == "accepted"


rules.add_perm(
    "competences.view_profile", (rules.is_authenticated & is_published) | owns_profile | is_admin
)
rules.add_perm("competences.add_profile", rules.is_authenticated)
rules.add_perm("competences.change_profile", owns_profile | is_admin)
rules.add_perm("competences.view_need", may_view_target | is_admin)
rules.add_perm("competences.add_need", may_change_this_target | is_admin)
rules.add_perm("competences.change_need", may_change_target | is_admin)
rules.add_perm(
    "competences.match_need",
    rules.is_authenticated & (may_change_target | works_on_target | is_admin),
)
rules.add_perm("competences.view_request", is_sender | answers_for_profile)
rules.add_perm("competences.answer_request", answers_for_profile & is_pending)
rules.add_perm("competences.withdraw_request", is_sender & not_withdrawn)
rules.add_perm("competences.write_message", (is_sender | answers_for_profile) & is_accepted)
