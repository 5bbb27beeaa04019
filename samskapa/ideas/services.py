"""Writes of challenges, ideas, comments, support and follows.

Every write checks its rule, runs in a transaction, and tells the people concerned through
``core.services.notification_send`` (in-app now, e-mail after commit). Every choice that points
at another object (the needs a challenge answers, its programme, the challenge or project of an
idea, the organisation it is written for, its municipality) is checked here against what the
person may use, so that the pages and the API refuse the same things with the same message.
"""

import datetime
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import NotificationKind, SustainabilityDimension
from samskapa.core.predicates import may_act_for_organisation
from samskapa.core.services import Text, notification_send
from samskapa.core.writes import UNSET, set_fields
from samskapa.geo.models import Municipality
from samskapa.ideas.models import Challenge, Comment, Follow, Idea, Report, Support
from samskapa.ideas.selectors import idea_followers
from samskapa.needs.models import Need
from samskapa.needs.selectors import (
    municipalities_for_project,
    needs_visible_to,
    project_moderators,
)
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

# The author hears when this many people support their idea.
SUPPORT_MILESTONES = frozenset({10, 25, 50, 100, 250, 500, 1000})


def _check_needs(*, actor: User, project: Project, needs: Iterable[Need]) -> list[Need]:
    needs = list(needs)
    allowed = set(
        needs_visible_to(user=actor)
        .filter(project=project, pk__in=[need.pk for need in needs])
        .values_list("pk", flat=True)
    )
    if any(need.pk not in allowed for need in needs):
        raise ValidationError({"needs": _("Only visible needs of the same project can be linked.")})
    return needs


# --- Challenges ------------------------------------------------------------------------------


def _check_programme(*, actor: User, challenge: Challenge) -> None:
    """A new programme must include the challenge's project and be visible to ``actor``.

    Once assessors have scored on the programme's criteria, a challenge without criteria of its
    own keeps its programme, or those scores would no longer count.
    """
    # Read from the database: a model form has already changed the instance it was given.
    previous_id = (
        Challenge.objects.filter(pk=challenge.pk).values_list("programme_id", flat=True).first()
        if challenge.pk
        else None
    )
    if previous_id == challenge.programme_id:
        return
    programme = challenge.programme
    if programme is not None and not (
        actor.has_perm("programmes.view_programme", programme)
        and programme.projects.filter(pk=challenge.project_id).exists()
    ):
        raise ValidationError(
            {"programme": _("Choose a programme that includes the challenge's project.")}
        )
    if (
        previous_id
        and not Challenge.objects.filter(pk=challenge.pk, criterion_set__isnull=False).exists()
        and Idea.objects.filter(challenge=challenge, assignments__status="submitted").exists()
    ):
        raise ValidationError(
            {
                "programme": _(
                    "Assessors have already scored this challenge's ideas on the programme's "
                    "criteria, so the challenge stays in the programme."
                )
            }
        )


def _check_deadline(deadline: datetime.date) -> None:
    """A challenge is published at once: a deadline already past would publish a call that
    nobody can answer, so it is refused with a message the leader can act on."""
    if isinstance(deadline, datetime.date) and deadline < timezone.localdate():
        raise ValidationError(
            {
                "deadline": _(
                    "The deadline has already passed. Choose today or a later date, so that "
                    "people have time to send in ideas."
                )
            }
        )


@transaction.atomic
def challenge_create(
    *,
    actor: User,
    project: Project,
    title: str,
    description: str,
    deadline: datetime.date,
    opens_on: datetime.date | None = None,
    programme: Programme | None = None,
    needs: Iterable[Need] = (),
    premoderated: bool = False,
) -> Challenge:
    """Open a call for ideas (utmaning) in ``project``, answering some of its needs."""
    require(actor, "ideas.add_challenge", project)
    _check_deadline(deadline)
    challenge = Challenge(
        project=project,
        created_by=actor,
        title=title,
        description=description,
        opens_on=opens_on,
        deadline=deadline,
        programme=programme,
        premoderated=premoderated,
    )
    _check_programme(actor=actor, challenge=challenge)
    linked = _check_needs(actor=actor, project=project, needs=needs)
    save_with_history(challenge, actor=actor)
    challenge.needs.set(linked)
    return challenge


@transaction.atomic
def challenge_update(
    *,
    actor: User,
    challenge: Challenge,
    title: str = UNSET,
    description: str = UNSET,
    opens_on: datetime.date | None = UNSET,
    deadline: datetime.date = UNSET,
    programme: Programme | None = UNSET,
    needs: Iterable[Need] = UNSET,
    premoderated: bool = UNSET,
) -> Challenge:
    """Change a challenge; its project's leaders only. Its project stays.

    Turning pre-moderation off does not publish the ideas still waiting: a moderator decides.
    """
    require(actor, "ideas.change_challenge", challenge)
    if deadline is not UNSET and deadline != challenge.deadline:
        # A closed challenge keeps its past deadline when other fields change.
        _check_deadline(deadline)
    set_fields(
        challenge,
        title=title,
        description=description,
        opens_on=opens_on,
        deadline=deadline,
        programme=programme,
        premoderated=premoderated,
    )
    _check_programme(actor=actor, challenge=challenge)
    linked = (
        None
        if needs is UNSET
        else _check_needs(actor=actor, project=challenge.project, needs=needs)
    )
    save_with_history(challenge, actor=actor)
    if linked is not None:
        challenge.needs.set(linked)
    return challenge


# --- Ideas -----------------------------------------------------------------------------------


def _choice_errors(
    *, actor: User, idea: Idea, organisation: bool = True, municipality: bool = True
) -> dict[str, str]:
    """Why ``actor`` may not give ``idea`` its organisation or municipality, if they may not.

    The organisation must be one ``actor`` may act for. An idea of a project is meant for a
    municipality where the project's needs may be (``municipalities_for_project``); a
    standalone idea may be meant for any.
    """
    errors: dict[str, str] = {}
    if (
        organisation
        and idea.organisation_id is not None
        and not may_act_for_organisation(actor, idea.organisation_id)
    ):
        errors["organisation"] = _(
            "You can only write on behalf of organisations you are a member of."
        )
    if municipality and idea.project is not None:
        allowed = municipalities_for_project(project=idea.project)
        if not allowed.filter(pk=idea.municipality_id).exists():
            errors["municipality"] = _(
                "An idea of this project can only be meant for %(municipalities)s."
            ) % {"municipalities": ", ".join(str(place) for place in allowed)}
    return errors


def _follow(idea: Idea, users: Iterable[User | None]) -> None:
    Follow.objects.bulk_create(
        [Follow(idea=idea, user=user) for user in users if user is not None],
        ignore_conflicts=True,
    )


def _notify_followers(*, idea: Idea, actor: User, title: Text, body: Text = "") -> None:
    recipients = idea_followers(idea=idea).exclude(pk=actor.pk)
    notification_send(
        kind=NotificationKind.FOLLOWING,
        recipients=recipients,
        title=title,
        body=body,
        url=idea.get_absolute_url(),
    )


@transaction.atomic
def idea_submit(
    *,
    actor: User,
    title: str,
    summary: str,
    description: str,
    challenge: Challenge | None = None,
    project: Project | None = None,
    municipality: Municipality | None = None,
    organisation: Organisation | None = None,
    co_authors: Iterable[User] = (),
    dimensions: Iterable[SustainabilityDimension] = (),
    sdg_targets: Iterable[Target] = (),
) -> Idea:
    """Submit an idea (idé), to an open challenge or standing alone; its authors follow it.

    An idea for a challenge belongs to the challenge's project; without a municipality, an idea
    of a project is meant for the project's.
    """
    require(actor, "ideas.add_idea")
    if challenge is not None:
        if not actor.has_perm("ideas.view_challenge", challenge):
            raise ValidationError({"challenge": _("Choose a challenge that you can take part in.")})
        if project is not None and project.pk != challenge.project_id:
            raise ValidationError(
                {"project": _("An idea for a challenge belongs to the challenge's project.")}
            )
        if not challenge.is_open_on(timezone.localdate()):
            raise ValidationError(
                {
                    "challenge": _(
                        "The challenge is not open for ideas: its deadline has passed or it has not opened yet."
                    )
                }
            )
        project = challenge.project
    elif project is not None and not actor.has_perm("projects.view_project", project):
        raise ValidationError({"project": _("Choose a project that you can see.")})
    if municipality is None and project is not None:
        municipality = project.municipality
    if municipality is None:
        raise ValidationError({"municipality": _("Choose the municipality the idea is for.")})
    idea = Idea(
        challenge=challenge,
        project=project,
        municipality=municipality,
        organisation=organisation,
        author=actor,
        title=title,
        summary=summary,
        description=description,
    )
    if errors := _choice_errors(actor=actor, idea=idea):
        raise ValidationError(errors)
    # In a pre-moderated challenge others see the idea once a moderator approves it; the
    # project's own moderators need no one's approval.
    idea.awaiting_approval = bool(
        challenge is not None
        and challenge.premoderated
        and not actor.has_perm("ideas.moderate_idea", idea)
    )
    save_with_history(idea, actor=actor)
    others = [person for person in co_authors if person.pk != actor.pk]
    idea.co_authors.set(others)
    # Dimensions and SDG targets are shared vocabularies that every idea may use.
    idea.dimensions.set(dimensions)
    idea.sdg_targets.set(sdg_targets)
    _follow(idea, [actor, *others])
    return idea


@transaction.atomic
def idea_update(
    *,
    actor: User,
    idea: Idea,
    title: str = UNSET,
    summary: str = UNSET,
    description: str = UNSET,
    municipality: Municipality = UNSET,
    organisation: Organisation | None = UNSET,
    co_authors: Iterable[User] = UNSET,
    dimensions: Iterable[SustainabilityDimension] = UNSET,
    sdg_targets: Iterable[Target] = UNSET,
) -> Idea:
    """Change an idea; its followers are told. Its challenge and project stay.

    A new organisation or municipality is checked; the ones it has may stay, even after its
    author left the organisation.
    """
    require(actor, "ideas.change_idea", idea)
    # Read from the database: a model form has already changed the instance it was given.
    stored = Idea.objects.filter(pk=idea.pk).values("organisation_id", "municipality_id")[0]
    set_fields(
        idea,
        title=title,
        summary=summary,
        description=description,
        municipality=municipality,
        organisation=organisation,
    )
    errors = _choice_errors(
        actor=actor,
        idea=idea,
        organisation=idea.organisation_id != stored["organisation_id"],
        municipality=idea.municipality_id != stored["municipality_id"],
    )
    if errors:
        raise ValidationError(errors)
    save_with_history(idea, actor=actor)
    if co_authors is not UNSET:
        people = [person for person in co_authors if person.pk != idea.author_id]
        idea.co_authors.set(people)
        _follow(idea, people)
    if dimensions is not UNSET:
        idea.dimensions.set(dimensions)
    if sdg_targets is not UNSET:
        idea.sdg_targets.set(sdg_targets)
    _notify_followers(
        idea=idea,
        actor=actor,
        title=lambda: _("The idea “%(idea)s” has been changed") % {"idea": idea.title},
    )
    return idea


def _close_reports(*, idea: Idea, comment: Comment | None = None) -> None:
    """A moderator has acted: the open reports of the idea (or of one comment) are handled."""
    reports = Report.objects.filter(idea=idea, resolved_at__isnull=True)
    if comment is not None:
        reports = reports.filter(comment=comment)
    else:
        reports = reports.filter(comment__isnull=True)
    reports.update(resolved_at=timezone.now())


def _tell_author(*, idea: Idea, actor: User, title: Callable[[], str], reason: str) -> None:
    if idea.author is not None and idea.author_id != actor.pk:
        notification_send(
            kind=NotificationKind.MY_CONTENT,
            recipients=[idea.author],
            title=lambda: title() % {"title": idea.title},
            body=reason,
            url=idea.get_absolute_url(),
        )


@transaction.atomic
def idea_moderate(*, actor: User, idea: Idea, hidden: bool, reason: str) -> Idea:
    """Hide or restore an idea, with the reason kept in its history; its author is told.

    Restoring an idea that was waiting for approval publishes it: the moderator has read it.
    Every moderation closes the open reports of the idea.
    """
    require(actor, "ideas.moderate_idea", idea)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the moderation.")})
    if idea.is_hidden == hidden:
        raise ValidationError(
            {"action": _("The idea is already hidden.") if hidden else _("The idea is not hidden.")}
        )
    idea.is_hidden = hidden
    idea.awaiting_approval = idea.awaiting_approval and hidden
    save_with_history(idea, actor=actor, reason=reason)
    _close_reports(idea=idea)
    _tell_author(
        idea=idea,
        actor=actor,
        title=(
            (lambda: _("Your idea “%(title)s” has been hidden by a moderator"))
            if hidden
            else (lambda: _("Your idea “%(title)s” is visible again"))
        ),
        reason=reason,
    )
    return idea


@transaction.atomic
def idea_approve(*, actor: User, idea: Idea, reason: str = "") -> Idea:
    """Publish an idea that waits for a moderator's approval (pre-moderated challenges); the
    approval is kept in its history and its author is told."""
    require(actor, "ideas.moderate_idea", idea)
    if not idea.awaiting_approval or idea.is_hidden:
        raise ValidationError({"action": _("The idea does not await approval.")})
    idea.awaiting_approval = False
    save_with_history(idea, actor=actor, reason=(reason or "").strip() or _("Approved"))
    _close_reports(idea=idea)
    _tell_author(
        idea=idea,
        actor=actor,
        title=lambda: _("Your idea “%(title)s” has been approved and published"),
        reason=(reason or "").strip(),
    )
    return idea


def _report(*, actor: User, idea: Idea, comment: Comment | None, reason: str) -> Report:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say briefly what is wrong.")})
    # Two reports at once from the same person: the second waits here, then finds the first.
    Idea.objects.select_for_update().filter(pk=idea.pk).first()
    if Report.objects.filter(
        idea=idea, comment=comment, reporter=actor, resolved_at__isnull=True
    ).exists():
        raise ValidationError(
            _("You have already reported this comment. A moderator will look at it.")
            if comment is not None
            else _("You have already reported this idea. A moderator will look at it.")
        )
    report = Report(idea=idea, comment=comment, reporter=actor, reason=reason)
    report.full_clean()
    report.save()
    moderators = project_moderators(project=idea.project) if idea.project else User.objects.none()
    notification_send(
        kind=NotificationKind.PROJECT_ACTIVITY,
        recipients=moderators.exclude(pk=actor.pk),
        title=(
            (lambda: _("A comment on an idea was reported: %(title)s") % {"title": idea.title})
            if comment is not None
            else (lambda: _("An idea was reported: %(title)s") % {"title": idea.title})
        ),
        body=reason,
        url=reverse("ideas:moderation"),
    )
    return report


@transaction.atomic
def idea_report(*, actor: User, idea: Idea, reason: str) -> Report:
    """Tell the project's moderators that an idea breaks the rules; once per person until
    a moderator has acted on it."""
    require(actor, "ideas.report_idea", idea)
    return _report(actor=actor, idea=idea, comment=None, reason=reason)


@transaction.atomic
def comment_report(*, actor: User, comment: Comment, reason: str) -> Report:
    """Tell the moderators that someone else's comment breaks the rules; once per person
    until a moderator has acted on it."""
    require(actor, "ideas.report_comment", comment)
    return _report(actor=actor, idea=comment.idea, comment=comment, reason=reason)


# --- Support and follows ---------------------------------------------------------------------


@transaction.atomic
def idea_support(*, actor: User, idea: Idea) -> bool:
    """Support ``idea`` once. Returns whether support was added (False if already given)."""
    require(actor, "ideas.support_idea", idea)
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=actor)
    except IntegrityError:
        return False
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    idea.refresh_from_db(fields=["support_count"])
    if idea.support_count in SUPPORT_MILESTONES and idea.author is not None:
        count = idea.support_count
        notification_send(
            kind=NotificationKind.MY_CONTENT,
            recipients=[idea.author],
            title=lambda: (
                _("%(count)d people now support your idea “%(idea)s”")
                % {"count": count, "idea": idea.title}
            ),
            url=idea.get_absolute_url(),
        )
    return True


@transaction.atomic
def idea_support_withdraw(*, actor: User, idea: Idea) -> bool:
    """Withdraw the actor's support. Returns whether there was support to withdraw."""
    require(actor, "ideas.view_idea", idea)
    deleted, _rows = Support.objects.filter(idea=idea, user=actor).delete()
    if deleted:
        Idea.objects.filter(pk=idea.pk).update(support_count=Greatest(F("support_count") - 1, 0))
        idea.refresh_from_db(fields=["support_count"])
    return bool(deleted)


@transaction.atomic
def idea_follow(*, actor: User, idea: Idea) -> bool:
    require(actor, "ideas.follow_idea", idea)
    _follow(idea, [actor])
    return True


@transaction.atomic
def idea_unfollow(*, actor: User, idea: Idea) -> bool:
    require(actor, "ideas.view_idea", idea)
    deleted, _rows = Follow.objects.filter(idea=idea, user=actor).delete()
    return bool(deleted)


# --- Comments --------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, actor: User, idea: Idea, text: str, parent: Comment | None = None) -> Comment:
    """Comment on ``idea``. A reply to a reply is attached to its top-level comment."""
    require(actor, "ideas.comment_idea", idea)
    if parent is not None:
        if parent.idea_id != idea.pk or parent.is_hidden:
            raise ValidationError({"parent": _("You can only reply to a comment on this idea.")})
        if parent.parent_id is not None:
            parent = parent.parent
    comment = Comment(idea=idea, parent=parent, author=actor, text=text.strip())
    comment.full_clean()
    comment.save()
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
    _notify_followers(
        idea=idea,
        actor=actor,
        title=lambda: _("New comment on the idea “%(idea)s”") % {"idea": idea.title},
        body=comment.text[:500],
    )
    return comment


@transaction.atomic
def comment_hide(*, actor: User, comment: Comment, reason: str = "") -> Comment:
    """Hide a comment (and its replies from the count); moderators of the idea only.

    The reason is kept in the comment's history; the open reports of the comment are closed.
    """
    require(actor, "ideas.moderate_comment", comment)
    if comment.is_hidden:
        return comment
    hidden = 1 + comment.replies.filter(is_hidden=False).count()
    comment.is_hidden = True
    save_with_history(comment, actor=actor, reason=(reason or "").strip())
    Idea.objects.filter(pk=comment.idea_id).update(
        comment_count=Greatest(F("comment_count") - hidden, 0)
    )
    _close_reports(idea=comment.idea, comment=comment)
    return comment
