"""Named rules of assessment (bedömning).

The challenge's project leaders define the criteria, invite assessors and see every score; an
assessor sees only the ideas they were invited to, and other assessors' scores only once their
own assessment is submitted. Objects: a Challenge, an Idea, an Assignment, a CriterionSet or a
Criterion.
"""

from typing import Any

import rules

from samskapa.assessment.models import Assignment
from samskapa.core.predicates import is_admin, leads_project
from samskapa.ideas.rules import leads_challenge_project


@rules.predicate
def leads_assignment_project(user: Any, assignment: Any) -> bool:
    if assignment is None:
        return False
    challenge = assignment.idea.challenge
    return challenge is not None and leads_project(user, challenge.project)


@rules.predicate
def is_assignment_assessor(user: Any, assignment: Any) -> bool:
    return assignment is not None and user.is_authenticated and assignment.assessor_id == user.pk


@rules.predicate
def assignment_is_open(user: Any, assignment: Any) -> bool:
    return assignment is not None and assignment.status == "invited"


@rules.predicate
def has_submitted_for_idea(user: Any, assignment: Any) -> bool:
    # One query on a detail page; lists use assessment.selectors instead.
    return (
        assignment is not None
        and user.is_authenticated
        and Assignment.objects.filter(
            idea_id=assignment.idea_id, assessor=user, status="submitted"
        ).exists()
    )


@rules.predicate
def is_invited_to_idea(user: Any, idea: Any) -> bool:
    return (
        idea is not None
        and user.is_authenticated
        and Assignment.objects.filter(idea_id=idea.pk, assessor=user).exists()
    )


_leads_assessment = leads_challenge_project | is_admin
rules.add_perm("assessment.manage_assessment", _leads_assessment)
rules.add_perm("assessment.view_results", _leads_assessment)
rules.add_perm("assessment.assess_idea", is_invited_to_idea)
rules.add_perm(
    "assessment.view_assignment",
    is_assignment_assessor | leads_assignment_project | is_admin,
)
rules.add_perm("assessment.submit_assignment", is_assignment_assessor & assignment_is_open)
# Only before submitting: a conflict found afterwards would silently take back scores that
# others have already seen and compared theirs with; the leader handles that case instead.
rules.add_perm("assessment.declare_conflict", is_assignment_assessor & assignment_is_open)
# The scores of the other assessors of the same idea.
rules.add_perm(
    "assessment.view_other_scores",
    leads_assignment_project | is_admin | (is_assignment_assessor & has_submitted_for_idea),
)


def _criterion_set_of(obj: Any) -> Any:
    """The CriterionSet of a Criterion, or the set itself."""
    return obj.criterion_set if hasattr(obj, "criterion_set_id") else obj


@rules.predicate
def manages_criterion_set(user: Any, obj: Any) -> bool:
    """A challenge's set is run by the challenge's leaders, a programme's by the programme's."""
    criterion_set = _criterion_set_of(obj) if obj is not None else None
    if criterion_set is None:
        return False
    if criterion_set.challenge_id:
        return user.has_perm("assessment.manage_assessment", criterion_set.challenge)
    return user.has_perm("programmes.change_programme", criterion_set.programme)


@rules.predicate
def may_see_criterion_set(user: Any, obj: Any) -> bool:
    # Criteria are open: whoever sees the challenge or programme may see what ideas are judged on.
    criterion_set = _criterion_set_of(obj) if obj is not None else None
    if criterion_set is None:
        return False
    if criterion_set.challenge_id:
        return user.has_perm("ideas.view_challenge", criterion_set.challenge)
    return user.has_perm("programmes.view_programme", criterion_set.programme)


# Objects: a CriterionSet or a Criterion.
rules.add_perm("assessment.view_criteria", may_see_criterion_set)
rules.add_perm("assessment.manage_criteria", manages_criterion_set)
