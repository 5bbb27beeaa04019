"""Reads of challenges, ideas and comments: every list is scoped to what the user may see.

Views, the API and other apps fetch one challenge or idea through ``access_challenge`` and
``access_idea``: the object, or 404 when the reader may not see it and 403 when they may see
it but not do what they asked.
"""

import datetime

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import Viewer, access, require
from samskapa.core.pagination import count_narrowed
from samskapa.core.predicates import (
    MODERATOR_ROLES,
    is_superuser,
    organisation_ids,
    project_ids,
)
from samskapa.core.search import search, text_matches
from samskapa.ideas.models import Challenge, Comment, Follow, Idea, Report, Support
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to, project_needs_by_title
from samskapa.programmes.models import Programme
from samskapa.programmes.selectors import programmes_visible_to
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to

IDEA_SEARCH_FIELDS = ("title", "summary", "description")

SORTS = {
    "newest": ("-created_at", "-id"),
    "supported": ("-support_count", "-id"),
    "commented": ("-comment_count", "-id"),
}


def challenges_visible_to(*, user: Viewer) -> QuerySet[Challenge]:
    """Challenges of the projects ``user`` may see: the query form of ``ideas.view_challenge``."""
    challenges = Challenge.objects.all()
    if is_superuser(user):
        return challenges
    return challenges.filter(project__in=projects_visible_to(user=user).values("pk"))


def challenge_list(*, user: Viewer, project: Project | None = None) -> QuerySet[Challenge]:
    challenges = challenges_visible_to(user=user).select_related("project__municipality")
    if project is not None:
        challenges = challenges.filter(project=project)
    return challenges.order_by("-deadline", "title", "pk")


# Challenges are few (a handful per project), so the site search matches their texts without
# a search index, in the same way as a portfolio's initiatives.
CHALLENGE_SEARCH_FIELDS = ("title", "description")


def challenge_search(*, user: Viewer, query: str) -> QuerySet[Challenge]:
    """Challenges whose texts match ``query`` (the site search), latest deadline first."""
    return (
        challenges_visible_to(user=user)
        .filter(text_matches(query, CHALLENGE_SEARCH_FIELDS))
        .select_related("project__municipality")
        .order_by("-deadline", "pk")
    )


def challenge_detail_queryset(*, user: Viewer) -> QuerySet[Challenge]:
    return challenges_visible_to(user=user).select_related(
        "project__municipality", "project__organisation", "created_by"
    )


def access_challenge(*, user: Viewer, pk: int, rule: str | None = None) -> Challenge:
    """The challenge ``pk`` if ``user`` may see it (and do ``rule``, e.g.
    ``ideas.change_challenge``); 404 or 403 otherwise."""
    return access(
        challenge_detail_queryset(user=user),
        user=user,
        view_permission="ideas.view_challenge",
        permission=rule,
        pk=pk,
    )


def challenge_needs(*, user: Viewer, challenge: Challenge) -> QuerySet[Need]:
    """The needs the challenge answers that ``user`` may see."""
    return needs_visible_to(user=user).filter(challenges=challenge).order_by("title", "pk")


def needs_for_challenge_form(*, user: Viewer, project: Project) -> QuerySet[Need]:
    """The needs a challenge of ``project`` may answer: those of the project ``user`` sees."""
    return project_needs_by_title(user=user, project=project)


def programmes_for_challenge_form(*, user: Viewer, project: Project) -> QuerySet[Programme]:
    """Programmes a challenge of ``project`` may belong to: visible ones that include it."""
    return programmes_visible_to(user=user).filter(projects=project).order_by("name", "pk")


def _moderated(user: Viewer, prefix: str = "") -> Q:
    """A condition on an idea (or on ``prefix``, e.g. ``idea__``): its project is one that
    ``user`` moderates or leads, directly or through the organisation that runs it."""
    return Q(**{f"{prefix}project_id__in": project_ids(user, MODERATOR_ROLES)}) | Q(
        **{f"{prefix}project__organisation_id__in": organisation_ids(user, MODERATOR_ROLES)}
    )


def ideas_visible_to(*, user: Viewer) -> QuerySet[Idea]:
    """Ideas nobody hid, standing alone, in a project the user may see, or their own.

    Hidden ideas stay out of every list, search and API list for everybody; their authors and
    moderators reach them through the detail page only (see ``ideas.view_idea``). An idea that
    awaits a moderator's approval (a pre-moderated challenge) is listed only for its author and
    the moderators of its project.
    """
    ideas = Idea.objects.filter(is_hidden=False)
    if is_superuser(user):
        return ideas
    if not user.is_authenticated:
        return ideas.filter(
            Q(project__isnull=True) | Q(project__in=projects_visible_to(user=user).values("pk")),
            awaiting_approval=False,
        )
    # Authors keep their own ideas in their lists, as ``ideas.view_idea`` lets them open them.
    own = Q(author_id=user.pk)
    return ideas.filter(
        (
            Q(awaiting_approval=False)
            & (Q(project__isnull=True) | Q(project__in=projects_visible_to(user=user).values("pk")))
        )
        | (Q(awaiting_approval=True) & _moderated(user))
        | own
    )


def ideas_sorted(ideas: QuerySet[Idea], *, query: str = "", sort: str = "newest") -> QuerySet[Idea]:
    """``ideas`` matching ``query``, best match first, or else sorted along a list index.

    Apply it after every other filter: a search ranks only the newest matches of what is left.
    """
    if query:
        return search(ideas, query, fields=IDEA_SEARCH_FIELDS, place="municipality")
    return ideas.order_by(*SORTS.get(sort, SORTS["newest"]))


def idea_list(*, user: Viewer, query: str = "", sort: str = "newest") -> QuerySet[Idea]:
    """The ideas ``user`` may see, searched or sorted, with what a card of a list shows loaded.

    The cards show the counters kept on the idea itself, so a page costs the same few queries
    however many ideas, comments and supporters there are. Without a query, newest first: the
    list page and the API start from that and narrow it with ``ideas.filters.IdeaFilter``;
    the site search gives a query.
    """
    ideas = ideas_visible_to(user=user).select_related("municipality", "challenge", "organisation")
    return ideas_sorted(ideas, query=query, sort=sort)


def challenge_idea_list(*, user: Viewer, challenge: Challenge) -> QuerySet[Idea]:
    """The ideas answering ``challenge``, newest first; counted as a narrowed list."""
    return count_narrowed(idea_list(user=user).filter(challenge=challenge))


def idea_detail_queryset(*, user: Viewer) -> QuerySet[Idea]:
    """All ideas with what the detail page shows; ``ideas.view_idea`` decides who sees which."""
    return Idea.objects.select_related(
        "municipality",
        "challenge",
        "project__organisation",
        "author",
        "organisation",
    ).prefetch_related("co_authors", "dimensions", "sdg_targets__goal")


def access_idea(*, user: Viewer, pk: int, rule: str | None = None) -> Idea:
    """The idea ``pk`` with what its page shows, if ``user`` may see it (and do ``rule``).

    404 if they may not see it, so that hidden ideas do not leak; 403 if they may see it but
    ``rule`` (``ideas.change_idea``, ``ideas.moderate_idea`` ...) does not allow.
    """
    return access(
        idea_detail_queryset(user=user),
        user=user,
        view_permission="ideas.view_idea",
        permission=rule,
        pk=pk,
    )


def ideas_to_moderate(*, user: Viewer) -> QuerySet[Idea]:
    """Ideas of the projects ``user`` moderates or leads that wait for a moderator: those
    awaiting approval and those with open reports (about the idea or one of its comments,
    counted in ``open_report_count``); waiting ones first, then the most reported.
    """
    ideas = Idea.objects.all()
    if not is_superuser(user):
        ideas = ideas.filter(_moderated(user))
    open_reports = Report.objects.filter(idea=OuterRef("pk"), resolved_at__isnull=True)
    return (
        ideas.annotate(
            open_report_count=Coalesce(
                Subquery(
                    open_reports.order_by().values("idea").annotate(n=Count("pk")).values("n")[:1]
                ),
                0,
            )
        )
        .filter(Q(awaiting_approval=True, is_hidden=False) | Q(open_report_count__gt=0))
        .select_related("project", "author", "challenge")
        .order_by("-awaiting_approval", "-open_report_count", "-created_at", "-id")
    )


def with_open_reports(ideas: list[Idea]) -> list[Idea]:
    """``ideas`` (a page of ``ideas_to_moderate``), each with ``open_reports``: its open
    reports, oldest first, with the comment each is about. One query."""
    reports = (
        Report.objects.filter(idea__in=ideas, resolved_at__isnull=True)
        .select_related("comment__author", "reporter")
        .order_by("created_at", "pk")
    )
    found: dict[int, list[Report]] = {idea.pk: [] for idea in ideas}
    for report in reports:
        found[report.idea_id].append(report)
    for idea in ideas:
        idea.open_reports = found[idea.pk]  # type: ignore[attr-defined]
    return ideas


def access_comment(*, user: Viewer, pk: int, rule: str) -> Comment:
    """The comment ``pk`` if ``user`` may see its idea and do ``rule`` with it
    (``ideas.report_comment``, ``ideas.moderate_comment``); 404 or 403 otherwise."""
    comment = Comment.objects.filter(pk=pk).select_related("idea__project").first()
    if comment is None or not user.has_perm("ideas.view_idea", comment.idea):
        raise Http404(_("The page could not be found."))
    require(user, rule, comment)
    return comment


def idea_comments(*, idea: Idea) -> QuerySet[Comment]:
    """Top-level comments with their replies, oldest first, in two queries."""
    replies = (
        Comment.objects.filter(is_hidden=False).select_related("author").order_by("created_at")
    )
    return (
        Comment.objects.filter(idea=idea, parent__isnull=True, is_hidden=False)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )


def comment_or_none(*, pk: int | None) -> Comment | None:
    """The comment ``pk`` (a comment being replied to), or None; ``comment_add`` checks that it
    belongs to the idea and is not hidden."""
    return Comment.objects.filter(pk=pk).first() if pk else None


def idea_relation_of(*, user: Viewer, idea: Idea) -> dict[str, bool]:
    """Whether ``user`` supports and follows ``idea``."""
    if not user.is_authenticated:
        return {"supports": False, "follows": False}
    return {
        "supports": Support.objects.filter(idea=idea, user=user).exists(),
        "follows": Follow.objects.filter(idea=idea, user=user).exists(),
    }


def idea_followers(*, idea: Idea) -> QuerySet[User]:
    return User.objects.filter(idea_follows__idea=idea, is_active=True)


def open_challenges(*, user: Viewer, today: datetime.date) -> QuerySet[Challenge]:
    return (
        challenges_visible_to(user=user)
        .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=today), deadline__gte=today)
        .select_related("project")
        .order_by("deadline", "title")
    )
