"""Writes of challenges, ideas, comments, support and follows.

Every write checks its rule, runs in a transaction, and tells the people concerned through
``core.services.notification_send`` (in-app now, e-mail after commit).
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.predicates import memberships_of
from samskapa.core.services import Text, notification_send
from samskapa.ideas.models import Challenge, Comment, Follow, Idea, Support
from samskapa.ideas.selectors import idea_followers, needs_visible_to
from samskapa.organisations.models import Organisation
from samskapa.projects.models import Project

CHALLENGE_FIELDS = ("title", "description", "opens_on", "deadline", "programme")
IDEA_FIELDS = ("title", "summary", "description", "municipality")
# The author hears when this many people support their idea.
SUPPORT_MILESTONES = frozenset({10, 25, 50, 100, 250, 500, 1000})


def _set_fields(instance: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for key, value in fields.items():
        if key not in allowed:
            raise TypeError(f"{key} cannot be set here")
        setattr(instance, key, value)


def _check_needs(*, actor: Any, project: Project, needs: Iterable[Any]) -> list[Any]:
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


def _check_programme(*, actor: Any, challenge: Challenge) -> None:
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


@transaction.atomic
def challenge_create(
    *, actor: Any, project: Project, needs: Iterable[Any] = (), **fields: Any
) -> Challenge:
    """Open a call for ideas in ``project``, answering some of its needs."""
    require(actor, "ideas.add_challenge", project)
    challenge = Challenge(project=project, created_by=actor)
    _set_fields(challenge, fields, CHALLENGE_FIELDS)
    _check_programme(actor=actor, challenge=challenge)
    linked = _check_needs(actor=actor, project=project, needs=needs)
    save_with_history(challenge, actor=actor)
    challenge.needs.set(linked)
    return challenge


@transaction.atomic
def challenge_update(
    *, actor: Any, challenge: Challenge, needs: Iterable[Any] | None = None, **fields: Any
) -> Challenge:
    require(actor, "ideas.change_challenge", challenge)
    _set_fields(challenge, fields, CHALLENGE_FIELDS)
    _check_programme(actor=actor, challenge=challenge)
    linked = (
        None if needs is None else _check_needs(actor=actor, project=challenge.project, needs=needs)
    )
    save_with_history(challenge, actor=actor)
    if linked is not None:
        challenge.needs.set(linked)
    return challenge


# --- Ideas -----------------------------------------------------------------------------------


def _check_organisation(actor: Any, organisation: Organisation | None) -> None:
    if organisation is None or actor.is_superuser:
        return
    if not any(org == organisation.pk for org, _project, _role in memberships_of(actor)):
        raise ValidationError(
            {
                "organisation": _(
                    "You can only write on behalf of organisations you are a member of."
                )
            }
        )


def _follow(idea: Idea, users: Iterable[Any]) -> None:
    Follow.objects.bulk_create(
        [Follow(idea=idea, user=user) for user in users if user is not None],
        ignore_conflicts=True,
    )


def _notify_followers(*, idea: Idea, actor: Any, title: Text, body: Text = "") -> None:
    recipients = idea_followers(idea=idea).exclude(pk=actor.pk)
    notification_send(recipients=recipients, title=title, body=body, url=idea.get_absolute_url())


@transaction.atomic
def idea_submit(
    *,
    actor: Any,
    challenge: Challenge | None = None,
    project: Project | None = None,
    organisation: Organisation | None = None,
    co_authors: Iterable[Any] = (),
    dimensions: Iterable[Any] = (),
    sdg_targets: Iterable[Any] = (),
    **fields: Any,
) -> Idea:
    """Submit an idea, to an open challenge or standing alone; its authors follow it."""
    require(actor, "ideas.add_idea")
    if challenge is not None:
        require(actor, "ideas.view_challenge", challenge)
        if not challenge.is_open_on(timezone.localdate()):
            raise ValidationError(
                {
                    "challenge": _(
                        "The challenge is not open for ideas: its deadline has passed or it has not opened yet."
                    )
                }
            )
        project = challenge.project
    elif project is not None:
        require(actor, "projects.view_project", project)
    _check_organisation(actor, organisation)
    idea = Idea(challenge=challenge, project=project, organisation=organisation, author=actor)
    _set_fields(idea, fields, IDEA_FIELDS)
    if idea.municipality_id is None and project is not None:
        idea.municipality_id = project.municipality_id
    save_with_history(idea, actor=actor)
    others = [person for person in co_authors if person.pk != actor.pk]
    idea.co_authors.set(others)
    idea.dimensions.set(dimensions)
    idea.sdg_targets.set(sdg_targets)
    _follow(idea, [actor, *others])
    return idea


@transaction.atomic
def idea_update(
    *,
    actor: Any,
    idea: Idea,
    organisation: Organisation | str | None = "unchanged",
    co_authors: Iterable[Any] | None = None,
    dimensions: Iterable[Any] | None = None,
    sdg_targets: Iterable[Any] | None = None,
    **fields: Any,
) -> Idea:
    """Change an idea; its followers are told."""
    require(actor, "ideas.change_idea", idea)
    _set_fields(idea, fields, IDEA_FIELDS)
    if organisation != "unchanged" and not isinstance(organisation, str):
        if organisation is not None and organisation.pk != idea.organisation_id:
            _check_organisation(actor, organisation)
        idea.organisation = organisation
    save_with_history(idea, actor=actor)
    if co_authors is not None:
        people = [person for person in co_authors if person.pk != idea.author_id]
        idea.co_authors.set(people)
        _follow(idea, people)
    if dimensions is not None:
        idea.dimensions.set(dimensions)
    if sdg_targets is not None:
        idea.sdg_targets.set(sdg_targets)
    _notify_followers(
        idea=idea,
        actor=actor,
        title=lambda: _("The idea “%(idea)s” has been changed") % {"idea": idea.title},
    )
    return idea


@transaction.atomic
def idea_moderate(*, actor: Any, idea: Idea, hidden: bool, reason: str) -> Idea:
    """Hide or restore an idea, with the reason kept in its history."""
    require(actor, "ideas.moderate_idea", idea)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the moderation.")})
    idea.is_hidden = hidden
    save_with_history(idea, actor=actor, reason=reason)
    return idea


# --- Support and follows ---------------------------------------------------------------------


@transaction.atomic
def idea_support(*, actor: Any, idea: Idea) -> bool:
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
            recipients=[idea.author],
            title=lambda: (
                _("%(count)d people now support your idea “%(idea)s”")
                % {"count": count, "idea": idea.title}
            ),
            url=idea.get_absolute_url(),
        )
    return True


@transaction.atomic
def idea_support_withdraw(*, actor: Any, idea: Idea) -> bool:
    """Withdraw the actor's support. Returns whether there was support to withdraw."""
    require(actor, "ideas.view_idea", idea)
    deleted, _rows = Support.objects.filter(idea=idea, user=actor).delete()
    if deleted:
        Idea.objects.filter(pk=idea.pk).update(support_count=Greatest(F("support_count") - 1, 0))
        idea.refresh_from_db(fields=["support_count"])
    return bool(deleted)


@transaction.atomic
def idea_follow(*, actor: Any, idea: Idea) -> bool:
    require(actor, "ideas.follow_idea", idea)
    _follow(idea, [actor])
    return True


@transaction.atomic
def idea_unfollow(*, actor: Any, idea: Idea) -> bool:
    require(actor, "ideas.view_idea", idea)
    deleted, _rows = Follow.objects.filter(idea=idea, user=actor).delete()
    return bool(deleted)


# --- Comments --------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, actor: Any, idea: Idea, text: str, parent: Comment | None = None) -> Comment:
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
def comment_hide(*, actor: Any, comment: Comment) -> Comment:
    """Hide a comment (and its replies from the count); moderators of the idea only."""
    require(actor, "ideas.moderate_idea", comment.idea)
    if comment.is_hidden:
        return comment
    hidden = 1 + comment.replies.filter(is_hidden=False).count()
    comment.is_hidden = True
    comment.save(update_fields=["is_hidden"])
    Idea.objects.filter(pk=comment.idea_id).update(
        comment_count=Greatest(F("comment_count") - hidden, 0)
    )
    return comment
