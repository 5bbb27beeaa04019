"""Named rules of learning programmes (lärprogram).

Everyone sees a published programme's title, description, organiser and dates; its members
(facilitators and participants) see the inside: sessions' agendas and materials, assignments,
the plans. Facilitators run the programme: sessions, assignments, members, late submissions
and feedback. A participant sees their own submissions and their municipality team's, and
other participants' only where the assignment says peer review; the municipality's
participants edit its plan. ``learning.selectors`` holds each view rule as a query; change both
together. Objects: a LearningProgramme, an Assignment, a Submission or a Plan (none for
add_programme).
"""

from typing import Any

import rules

from samskapa.core.predicates import has_any_role, is_admin

# Who may start a programme: facilitators, project leaders and administrators of an organisation.
ORGANISER_ROLES = frozenset({"facilitator", "project_leader", "administrator"})
FACILITATOR = "facilitator"
PARTICIPANT = "participant"


def programme_roles(user: Any) -> dict[int, tuple[str, int | None]]:
    """Programme id -> (role, municipality id) for ``user``, read once and kept on the user."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_samskapa_learning_roles", None)
    if cached is None:
        cached = {
            programme: (role, municipality)
            for programme, role, municipality in user.learning_memberships.values_list(
                "programme_id", "role", "municipality_id"
            )
        }
        user._samskapa_learning_roles = cached
    return cached


def forget_programme_roles(user: Any) -> None:
    if hasattr(user, "_samskapa_learning_roles"):
        del user._samskapa_learning_roles


def role_in(user: Any, programme_id: int | None) -> str | None:
    found = programme_roles(user).get(programme_id or 0)
    return found[0] if found else None


def municipality_in(user: Any, programme_id: int | None) -> int | None:
    found = programme_roles(user).get(programme_id or 0)
    return found[1] if found else None


@rules.predicate
def is_published(user: Any, programme: Any) -> bool:
    return programme is not None and programme.is_published


@rules.predicate
def is_member(user: Any, programme: Any) -> bool:
    return programme is not None and role_in(user, programme.pk) is not None


@rules.predicate
def is_facilitator(user: Any, programme: Any) -> bool:
    return programme is not None and role_in(user, programme.pk) == FACILITATOR


@rules.predicate
def is_participant(user: Any, programme: Any) -> bool:
    return programme is not None and role_in(user, programme.pk) == PARTICIPANT


@rules.predicate
def may_organise(user: Any) -> bool:
    return has_any_role(user, ORGANISER_ROLES)


# --- On an assignment -------------------------------------------------------------------------


@rules.predicate
def takes_part_in_assignment(user: Any, assignment: Any) -> bool:
    return assignment is not None and role_in(user, assignment.programme_id) == PARTICIPANT


@rules.predicate
def runs_assignment(user: Any, assignment: Any) -> bool:
    return assignment is not None and role_in(user, assignment.programme_id) == FACILITATOR


@rules.predicate
def runs_session(user: Any, session: Any) -> bool:
    return session is not None and role_in(user, session.programme_id) == FACILITATOR


# --- On a submission --------------------------------------------------------------------------


def _programme_of(submission: Any) -> int:
    return int(submission.assignment.programme_id)


@rules.predicate
def runs_submission(user: Any, submission: Any) -> bool:
    return submission is not None and role_in(user, _programme_of(submission)) == FACILITATOR


@rules.predicate
def wrote_submission(user: Any, submission: Any) -> bool:
    return (
        submission is not None
        and getattr(user, "is_authenticated", False)
        and submission.author_id == user.pk
    )


@rules.predicate
def is_team_submission_of_own_municipality(user: Any, submission: Any) -> bool:
    if submission is None or not submission.for_team:
        return False
    programme = _programme_of(submission)
    return (
        role_in(user, programme) == PARTICIPANT
        and municipality_in(user, programme) == submission.municipality_id
    )


@rules.predicate
def is_peer_on_reviewed_assignment(user: Any, submission: Any) -> bool:
    return (
        submission is not None
        and submission.assignment.peer_review
        and role_in(user, _programme_of(submission)) == PARTICIPANT
    )


# --- On a plan --------------------------------------------------------------------------------


@rules.predicate
def is_member_of_plan_programme(user: Any, plan: Any) -> bool:
    return plan is not None and role_in(user, plan.programme_id) is not None


@rules.predicate
def is_participant_of_plan_municipality(user: Any, plan: Any) -> bool:
    return (
        plan is not None
        and role_in(user, plan.programme_id) == PARTICIPANT
        and municipality_in(user, plan.programme_id) == plan.municipality_id
    )


rules.add_perm("learning.view_programme", is_published | is_member | is_admin)
# The inside of a programme: agendas, materials, assignments, members, plans.
rules.add_perm("learning.see_inside", is_member | is_admin)
rules.add_perm("learning.add_programme", may_organise)
rules.add_perm("learning.manage_programme", is_facilitator | is_admin)
rules.add_perm("learning.change_session", runs_session | is_admin)
rules.add_perm("learning.follow_progress", is_facilitator | is_admin)
# Object: the programme; a participant with a municipality starts its plan.
rules.add_perm("learning.add_plan", is_participant | is_admin)
rules.add_perm("learning.submit_assignment", takes_part_in_assignment)
rules.add_perm(
    "learning.view_submission",
    runs_submission
    | wrote_submission
    | is_team_submission_of_own_municipality
    | is_peer_on_reviewed_assignment
    | is_admin,
)
rules.add_perm(
    "learning.give_feedback",
    runs_submission | (is_peer_on_reviewed_assignment & ~wrote_submission) | is_admin,
)
rules.add_perm(
    "learning.change_submission", wrote_submission | is_team_submission_of_own_municipality
)
rules.add_perm("learning.view_plan", is_member_of_plan_programme | is_admin)
rules.add_perm("learning.change_plan", is_participant_of_plan_municipality | is_admin)
