"""Writes of assessments: criteria, invitations, submissions and conflicts of interest.

Every write checks its rule, runs in a transaction and is recorded in the change history.
Writes that must happen once (an invitation, a submission, a criterion's name, a challenge's
own criteria) lock the row they depend on first, so that the same request sent twice at once
(a double click, a replay) is refused the second time instead of failing or counting twice.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.assessment.models import (
    AssessorInvitation,
    Assignment,
    AssignmentStatus,
    Criterion,
    CriterionSet,
    Score,
)
from samskapa.assessment.selectors import (
    assessable_ideas,
    challenge_is_scored,
    criterion_set_is_scored,
    criterion_set_of,
)
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import NotificationKind
from samskapa.core.services import notification_send
from samskapa.core.writes import UNSET, set_fields
from samskapa.ideas.models import Challenge, Idea
from samskapa.programmes.models import Programme

# Weights are stored with two decimals and at most five digits.
MAX_WEIGHT = Decimal("999.99")


def _refuse_if_scored(criterion_set: CriterionSet) -> None:
    if criterion_set_is_scored(criterion_set=criterion_set):
        raise ValidationError(
            _("Criteria cannot be changed after assessors have submitted scores.")
        )


def clean_weight(weight: Any) -> Decimal:
    """``weight`` as a Decimal above zero with at most two decimals, or a clear error."""
    invalid = ValidationError(
        {"weight": _("Give the weight as a number, for example 2 or 1.5.")}, code="invalid"
    )
    if isinstance(weight, bool):
        raise invalid
    try:
        value = weight if isinstance(weight, Decimal) else Decimal(str(weight).strip())
    except (InvalidOperation, ValueError) as error:
        raise invalid from error
    if not value.is_finite():
        raise invalid
    if value <= 0:
        raise ValidationError({"weight": _("A weight must be greater than zero.")}, code="min")
    if value > MAX_WEIGHT:
        raise ValidationError(
            {"weight": _("A weight can be at most %(max)s.") % {"max": MAX_WEIGHT}}, code="max"
        )
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(
            {"weight": _("A weight can have at most two decimals.")}, code="decimals"
        )
    return value


def _owner(challenge: Challenge | None, programme: Programme | None) -> None:
    if (challenge is None) == (programme is None):
        raise TypeError("Give either a challenge or a programme.")


def _lock(model: type[Challenge] | type[Programme] | type[Idea], pk: int) -> None:
    """Hold the row of the challenge, programme or idea a write depends on until it commits,
    so that a second write of the same kind waits and then sees what the first one did."""
    model.objects.select_for_update().filter(pk=pk).values_list("pk").first()


def _editable_set(
    *, actor: User, challenge: Challenge | None, programme: Programme | None
) -> CriterionSet:
    """The set of the challenge or programme that ``actor`` may change, created if missing.

    A challenge that is assessed on its programme's criteria has no set of its own; it gets one
    only through ``challenge_criteria_make_own``, so that adding a criterion never silently
    replaces the programme's criteria with a set of one.
    """
    _owner(challenge, programme)
    if programme is not None:
        require(actor, "programmes.change_programme", programme)
        _lock(Programme, programme.pk)
        criterion_set, _created = CriterionSet.objects.get_or_create(programme=programme)
        return criterion_set
    assert challenge is not None
    require(actor, "assessment.manage_assessment", challenge)
    _lock(Challenge, challenge.pk)
    own = CriterionSet.objects.filter(challenge=challenge).first()
    if own is not None:
        return own
    if (
        challenge.programme_id
        and CriterionSet.objects.filter(programme_id=challenge.programme_id).exists()
    ):
        raise ValidationError(
            _(
                "The challenge is assessed on the criteria of its programme. Give the challenge "
                "criteria of its own first, or change the programme's criteria."
            )
        )
    return CriterionSet.objects.create(challenge=challenge)


def _lock_set(criterion_set: CriterionSet) -> None:
    """Hold the criterion set while its criteria change: two additions of the same name at once
    then meet the name check one after the other."""
    CriterionSet.objects.select_for_update().filter(pk=criterion_set.pk).values_list("pk").first()


def _check_name(criterion_set: CriterionSet, name: str, *, exclude: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the criterion a name.")})
    taken = criterion_set.criteria.filter(name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ValidationError({"name": _("There is already a criterion with this name.")})
    return name


@transaction.atomic
def criterion_set_configure(
    *,
    actor: User,
    challenge: Challenge | None = None,
    programme: Programme | None = None,
    scale_min: int,
    scale_max: int,
) -> CriterionSet:
    """Set the scale of a challenge's or programme's criteria; fixed once anyone has scored."""
    criterion_set = _editable_set(actor=actor, challenge=challenge, programme=programme)
    changed = (criterion_set.scale_min, criterion_set.scale_max) != (scale_min, scale_max)
    if changed and criterion_set_is_scored(criterion_set=criterion_set):
        raise ValidationError(
            _("The scale cannot be changed after assessors have submitted scores.")
        )
    criterion_set.scale_min, criterion_set.scale_max = scale_min, scale_max
    save_with_history(criterion_set, actor=actor)
    return criterion_set


@transaction.atomic
def criterion_add(
    *,
    actor: User,
    challenge: Challenge | None = None,
    programme: Programme | None = None,
    name: str,
    weight: Any,
    description: str = "",
    position: int | None = None,
) -> Criterion:
    """Add a criterion with a weight above zero; not once anyone has scored."""
    criterion_set = _editable_set(actor=actor, challenge=challenge, programme=programme)
    _lock_set(criterion_set)
    _refuse_if_scored(criterion_set)
    weight = clean_weight(weight)
    name = _check_name(criterion_set, name)
    if position is None:
        position = criterion_set.criteria.count() + 1
    criterion = Criterion(
        criterion_set=criterion_set,
        name=name,
        description=description.strip(),
        weight=weight,
        position=position,
    )
    save_with_history(criterion, actor=actor)
    return criterion


@transaction.atomic
def criterion_update(
    *,
    actor: User,
    criterion: Criterion,
    name: str = UNSET,
    description: str = UNSET,
    weight: Any = UNSET,
    position: int = UNSET,
) -> Criterion:
    """Change a criterion's name, description, weight or position; not once anyone has scored."""
    criterion_set = criterion.criterion_set
    require(actor, "assessment.manage_criteria", criterion_set)
    _lock_set(criterion_set)
    _refuse_if_scored(criterion_set)
    set_fields(
        criterion,
        name=UNSET if name is UNSET else _check_name(criterion_set, name, exclude=criterion.pk),
        description=UNSET if description is UNSET else description.strip(),
        weight=UNSET if weight is UNSET else clean_weight(weight),
        position=position,
    )
    save_with_history(criterion, actor=actor)
    return criterion


@transaction.atomic
def criterion_remove(*, actor: User, criterion: Criterion) -> None:
    criterion_set = criterion.criterion_set
    require(actor, "assessment.manage_criteria", criterion_set)
    _refuse_if_scored(criterion_set)
    criterion._history_user = actor  # type: ignore[attr-defined]
    criterion.delete()


@transaction.atomic
def challenge_criteria_make_own(*, actor: User, challenge: Challenge) -> CriterionSet:
    """Give the challenge criteria of its own, starting as a copy of its programme's."""
    require(actor, "assessment.manage_assessment", challenge)
    _lock(Challenge, challenge.pk)
    if CriterionSet.objects.filter(challenge=challenge).exists():
        raise ValidationError(_("The challenge already has criteria of its own."))
    if challenge_is_scored(challenge=challenge):
        raise ValidationError(
            _(
                "Assessors have already submitted scores on the criteria that apply, so the "
                "challenge must keep them."
            )
        )
    source = (
        CriterionSet.objects.filter(programme_id=challenge.programme_id).first()
        if challenge.programme_id
        else None
    )
    own = CriterionSet(challenge=challenge)
    if source is not None:
        own.scale_min, own.scale_max = source.scale_min, source.scale_max
    save_with_history(own, actor=actor)
    if source is not None:
        for criterion in source.criteria.order_by("position", "pk"):
            save_with_history(
                Criterion(
                    criterion_set=own,
                    name=criterion.name,
                    description=criterion.description,
                    weight=criterion.weight,
                    position=criterion.position,
                ),
                actor=actor,
            )
    return own


@transaction.atomic
def challenge_criteria_use_programme(*, actor: User, challenge: Challenge) -> CriterionSet:
    """Drop the challenge's own criteria so that its programme's apply; returns those."""
    require(actor, "assessment.manage_assessment", challenge)
    _lock(Challenge, challenge.pk)
    own = CriterionSet.objects.filter(challenge=challenge).first()
    shared = (
        CriterionSet.objects.filter(programme_id=challenge.programme_id).first()
        if challenge.programme_id
        else None
    )
    if shared is None:
        raise ValidationError(_("The challenge's programme has no assessment criteria."))
    if own is None:
        return shared
    if challenge_is_scored(challenge=challenge):
        raise ValidationError(
            _(
                "Assessors have already submitted scores on the criteria that apply, so the "
                "challenge must keep them."
            )
        )
    own._history_user = actor  # type: ignore[attr-defined]
    own.delete()
    return shared


@transaction.atomic
def assessor_invite(
    *, actor: User, idea: Idea, email: str, challenge: Challenge | None = None
) -> Assignment:
    """Invite an existing user to assess ``idea``; they are told in-app and by e-mail.

    ``challenge``, where given, is the challenge the invitation is made under (the page's or
    the address's): the idea must answer it. A hidden idea is not assessed.
    """
    if idea.challenge is None:
        raise ValidationError(_("Only ideas that answer a challenge can be assessed."))
    require(actor, "assessment.manage_assessment", idea.challenge)
    if (challenge is not None and idea.challenge_id != challenge.pk) or not (
        assessable_ideas(challenge=idea.challenge).filter(pk=idea.pk).exists()
    ):
        raise ValidationError({"idea": _("Choose an idea that answers this challenge.")})
    applying = criterion_set_of(challenge=idea.challenge)
    if applying is None or not applying.criteria.all():
        raise ValidationError(
            _("Define at least one criterion with a weight before inviting assessors.")
        )
    assessor = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if assessor is None:
        raise ValidationError({"email": _("No user has this e-mail address.")})
    if assessor.pk == idea.author_id or idea.co_authors.filter(pk=assessor.pk).exists():
        raise ValidationError({"email": _("The authors of an idea cannot assess it.")})
    # The same invitation twice at once: the second waits here, then fails the unique check.
    _lock(Idea, idea.pk)
    assignment = Assignment(idea=idea, assessor=assessor, invited_by=actor)
    save_with_history(assignment, actor=actor)
    notification_send(
        kind=NotificationKind.ASSESSMENT,
        recipients=[assessor],
        title=lambda: _("You are invited to assess the idea “%(idea)s”") % {"idea": idea.title},
        url=assignment.get_absolute_url(),
    )
    return assignment


@transaction.atomic
def assessment_submit(
    *,
    actor: User,
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
    challenge = assignment.idea.challenge
    criterion_set = criterion_set_of(challenge=challenge) if challenge else None
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
    assignment.draft = {}
    save_with_history(assignment, actor=actor)
    return assignment


@transaction.atomic
def assessment_save_draft(
    *,
    actor: User,
    assignment: Assignment,
    values: Mapping[int, int | None],
    comments: Mapping[int, str] | None = None,
) -> Assignment:
    """Keep the assessor's unfinished scores and comments until they come back to submit.

    A draft may leave criteria out; it is seen by nobody else and counts in no result.
    """
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    require(actor, "assessment.submit_assignment", assignment)
    comments = comments or {}
    challenge = assignment.idea.challenge
    criterion_set = criterion_set_of(challenge=challenge) if challenge else None
    criteria = list(criterion_set.criteria.all()) if criterion_set else []
    if criterion_set is None or not criteria:
        raise ValidationError(_("The challenge has no criteria to assess against."))
    draft: dict[str, dict[str, Any]] = {}
    for criterion in criteria:
        value = values.get(criterion.pk)
        if value is not None and not criterion_set.scale_min <= value <= criterion_set.scale_max:
            raise ValidationError(
                {
                    f"criterion_{criterion.pk}": _(
                        "The score must be between %(low)d and %(high)d."
                    )
                    % {"low": criterion_set.scale_min, "high": criterion_set.scale_max}
                }
            )
        comment = comments.get(criterion.pk, "").strip()
        if value is not None or comment:
            draft[str(criterion.pk)] = {"value": value, "comment": comment}
    assignment.draft = draft
    assignment.save(update_fields=["draft"])
    return assignment


@transaction.atomic
def conflict_declare(*, actor: User, assignment: Assignment, reason: str) -> Assignment:
    """Declare a conflict of interest (jäv): the assessor is excluded from the aggregate."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    require(actor, "assessment.declare_conflict", assignment)
    if not reason.strip():
        raise ValidationError({"reason": _("Describe the conflict of interest.")})
    assignment.status = AssignmentStatus.EXCLUDED
    assignment.conflict_reason = reason.strip()
    save_with_history(assignment, actor=actor, reason=reason.strip())
    return assignment


# An invitation link works this long; then the leader invites again.
INVITATION_VALID_DAYS = 30


@dataclass
class Invited:
    """What ``assessors_invite`` did: assignments for people with an account, invitations by
    e-mail for the others, and what it left out (with why)."""

    assignments: list[Assignment] = field(default_factory=list)
    invitations: list[AssessorInvitation] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@transaction.atomic
def assessors_invite(
    *, actor: User, challenge: Challenge, ideas: Iterable[Idea], emails: Iterable[str]
) -> Invited:
    """Invite several people to assess several ideas of ``challenge`` at once.

    People with an account get an assignment per idea at once (as ``assessor_invite``); an
    address without an account gets one e-mail with a link that creates the account and the
    assignments. An author is never made an assessor of their own idea, and an assignment that
    exists is left as it is.
    """
    require(actor, "assessment.manage_assessment", challenge)
    ideas = list(ideas)
    addresses = sorted({email.strip().lower() for email in emails if email.strip()})
    if not ideas:
        raise ValidationError({"ideas": _("Choose at least one idea.")})
    if not addresses:
        raise ValidationError({"emails": _("Give at least one e-mail address.")})
    allowed = set(assessable_ideas(challenge=challenge).values_list("pk", flat=True))
    if any(idea.pk not in allowed for idea in ideas):
        raise ValidationError({"ideas": _("Choose ideas that answer this challenge.")})
    applying = criterion_set_of(challenge=challenge)
    if applying is None or not applying.criteria.all():
        raise ValidationError(
            _("Define at least one criterion with a weight before inviting assessors.")
        )
    result = Invited()
    people = {user.email.lower(): user for user in User.objects.filter(email__in=addresses)}
    for address in addresses:
        person = people.get(address)
        if person is None:
            result.invitations.append(_invitation_send(actor, challenge, ideas, address))
            continue
        if not person.is_active:
            result.skipped.append(_("%(email)s: the account is closed.") % {"email": address})
            continue
        for idea in ideas:
            if Assignment.objects.filter(idea=idea, assessor=person).exists():
                continue
            if person.pk == idea.author_id or idea.co_authors.filter(pk=person.pk).exists():
                result.skipped.append(
                    _("%(email)s wrote “%(idea)s” and cannot assess it.")
                    % {"email": address, "idea": idea.title}
                )
                continue
            result.assignments.append(
                assessor_invite(actor=actor, idea=idea, email=address, challenge=challenge)
            )
    return result


def _invitation_send(
    actor: User, challenge: Challenge, ideas: list[Idea], email: str
) -> AssessorInvitation:
    invitation = AssessorInvitation(challenge=challenge, email=email, invited_by=actor)
    invitation.full_clean()
    invitation.save()
    invitation.ideas.set(ideas)
    from samskapa.assessment.tasks import send_assessor_invitation

    language = translation.get_language() or "sv"
    transaction.on_commit(
        lambda: send_assessor_invitation.delay(invitation.pk, language), robust=True
    )
    return invitation


def invitation_is_valid(invitation: AssessorInvitation) -> bool:
    """Not yet accepted, and sent less than ``INVITATION_VALID_DAYS`` days ago."""
    age = timezone.now() - invitation.created_at
    return invitation.accepted_at is None and age.days < INVITATION_VALID_DAYS


@transaction.atomic
def invitation_accept(*, actor: User, invitation: AssessorInvitation) -> list[Assignment]:
    """Make ``actor`` the assessor of the invitation's ideas (authors excepted); once only."""
    invitation = AssessorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation_is_valid(invitation):
        raise ValidationError(_("This invitation has been used or has expired. Ask for a new one."))
    assignments = []
    for idea in invitation.ideas.all():
        is_author = actor.pk == idea.author_id or idea.co_authors.filter(pk=actor.pk).exists()
        if is_author or Assignment.objects.filter(idea=idea, assessor=actor).exists():
            continue
        assignment = Assignment(idea=idea, assessor=actor, invited_by=invitation.invited_by)
        save_with_history(assignment, actor=actor)
        assignments.append(assignment)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = actor
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return assignments


@transaction.atomic
def invitation_accept_with_new_account(
    *,
    invitation: AssessorInvitation,
    display_name: str,
    password: str,
    documents: Iterable[Any] = (),
) -> User:
    """Create the account of an invited person without one, then accept the invitation.

    The link reached them at the invited address, so that address is confirmed. Someone who
    meanwhile has an account with it logs in instead.
    """
    from allauth.account.models import EmailAddress

    from samskapa.accounts.services import user_signup_complete

    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _("There is already an account with this e-mail address. Log in to accept.")
        )
    user = User.objects.create_user(invitation.email, password)
    user_signup_complete(user=user, display_name=display_name, documents=documents)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invitation_accept(actor=user, invitation=invitation)
    return user
