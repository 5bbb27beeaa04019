"""Writes of assessments: criteria, invitations, submissions and conflicts of interest.

Every write checks its rule, runs in a transaction and is recorded in the change history.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.assessment.models import (
    Assignment,
    AssignmentStatus,
    Criterion,
    CriterionSet,
    Score,
)
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.services import notification_send
from samskapa.ideas.models import Challenge, Idea


def _has_scores(criterion_set: CriterionSet) -> bool:
    return Score.objects.filter(criterion__criterion_set=criterion_set).exists()


@transaction.atomic
def criterion_set_configure(
    *, actor: Any, challenge: Challenge, scale_min: int, scale_max: int
) -> CriterionSet:
    """Create or change the scale of the challenge's criteria; fixed once anyone has scored."""
    require(actor, "assessment.manage_assessment", challenge)
    criterion_set, _created = CriterionSet.objects.get_or_create(challenge=challenge)
    changed = (criterion_set.scale_min, criterion_set.scale_max) != (scale_min, scale_max)
    if changed and _has_scores(criterion_set):
        raise ValidationError(
            _("The scale cannot be changed after assessors have submitted scores.")
        )
    criterion_set.scale_min, criterion_set.scale_max = scale_min, scale_max
    save_with_history(criterion_set, actor=actor)
    return criterion_set


@transaction.atomic
def criterion_add(
    *,
    actor: Any,
    challenge: Challenge,
    name: str,
    weight: Decimal,
    description: str = "",
    position: int | None = None,
) -> Criterion:
    """Add a criterion with a weight above zero; not once anyone has scored."""
    require(actor, "assessment.manage_assessment", challenge)
    criterion_set, _created = CriterionSet.objects.get_or_create(challenge=challenge)
    if _has_scores(criterion_set):
        raise ValidationError(
            _("Criteria cannot be changed after assessors have submitted scores.")
        )
    if position is None:
        position = criterion_set.criteria.count() + 1
    criterion = Criterion(
        criterion_set=criterion_set,
        name=name.strip(),
        description=description.strip(),
        weight=weight,
        position=position,
    )
    save_with_history(criterion, actor=actor)
    return criterion


@transaction.atomic
def criterion_remove(*, actor: Any, criterion: Criterion) -> None:
    criterion_set = criterion.criterion_set
    require(actor, "assessment.manage_assessment", criterion_set.challenge)
    if _has_scores(criterion_set):
        raise ValidationError(
            _("Criteria cannot be changed after assessors have submitted scores.")
        )
    criterion._history_user = actor  # type: ignore[attr-defined]
    criterion.delete()


@transaction.atomic
def assessor_invite(*, actor: Any, idea: Idea, email: str) -> Assignment:
    """Invite an existing user to assess ``idea``; they are told in-app and by e-mail."""
    challenge = idea.challenge
    if challenge is None:
        raise ValidationError(_("Only ideas that answer a challenge can be assessed."))
    require(actor, "assessment.manage_assessment", challenge)
    if not Criterion.objects.filter(criterion_set__challenge=challenge).exists():
        raise ValidationError(
            _("Define at least one criterion with a weight before inviting assessors.")
        )
    assessor = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if assessor is None:
        raise ValidationError({"email": _("No user has this e-mail address.")})
    if assessor.pk == idea.author_id or idea.co_authors.filter(pk=assessor.pk).exists():
        raise ValidationError({"email": _("The authors of an idea cannot assess it.")})
    assignment = Assignment(idea=idea, assessor=assessor, invited_by=actor)
    save_with_history(assignment, actor=actor)
    notification_send(
        recipients=[assessor],
        title=lambda: _("You are invited to assess the idea “%(idea)s”") % {"idea": idea.title},
        url=assignment.get_absolute_url(),
    )
    return assignment


@transaction.atomic
def assessment_submit(
    *,
    actor: Any,
    assignment: Assignment,
    values: Mapping[int, int],
    comments: Mapping[int, str] | None = None,
) -> Assignment:
    """Score every criterion of the idea's challenge; the submission is final.

    ``values`` and ``comments`` are keyed by criterion id.
    """
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    require(actor, "assessment.submit_assignment", assignment)
    comments = comments or {}
    challenge_id = assignment.idea.challenge_id
    criterion_set = (
        CriterionSet.objects.filter(challenge_id=challenge_id).first() if challenge_id else None
    )
    criteria = list(criterion_set.criteria.all()) if criterion_set else []
    if criterion_set is None or not criteria:
        raise ValidationError(_("The challenge has no criteria to assess against."))
    errors: dict[str, list[str]] = {}
    for criterion in criteria:
        value = values.get(criterion.pk)
        key = f"criterion_{criterion.pk}"
        if value is None:
            errors[key] = [_("Give a score for this criterion.")]
        elif not criterion_set.scale_min <= value <= criterion_set.scale_max:
            errors[key] = [
                _("The score must be between %(low)d and %(high)d.")
                % {"low": criterion_set.scale_min, "high": criterion_set.scale_max}
            ]
    unknown = set(values) - {criterion.pk for criterion in criteria}
    if unknown:
        errors["__all__"] = [_("Scores were given for criteria of another challenge.")]
    if errors:
        raise ValidationError(errors)
    Score.objects.bulk_create(
        [
            Score(
                assignment=assignment,
                criterion=criterion,
                value=values[criterion.pk],
                comment=comments.get(criterion.pk, "").strip(),
            )
            for criterion in criteria
        ]
    )
    assignment.status = AssignmentStatus.SUBMITTED
    assignment.submitted_at = timezone.now()
    save_with_history(assignment, actor=actor)
    return assignment


@transaction.atomic
def conflict_declare(*, actor: Any, assignment: Assignment, reason: str) -> Assignment:
    """Declare a conflict of interest (jäv): the assessor is excluded from the aggregate."""
    require(actor, "assessment.declare_conflict", assignment)
    if not reason.strip():
        raise ValidationError({"reason": _("Describe the conflict of interest.")})
    assignment.status = AssignmentStatus.EXCLUDED
    assignment.conflict_reason = reason.strip()
    save_with_history(assignment, actor=actor, reason=reason.strip())
    return assignment
