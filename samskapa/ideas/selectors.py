"""Reads of challenges, ideas and comments: every list is scoped to what the user may see."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from samskapa.core.pagination import count_narrowed
from samskapa.core.search import search
from samskapa.ideas.models import Challenge, Comment, Follow, Idea, Support
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.projects.selectors import projects_visible_to

IDEA_SEARCH_FIELDS = ("title", "summary", "description")

SORTS = {
    "newest": ("-created_at", "-id"),
    "supported": ("-support_count", "-id"),
    "commented": ("-comment_count", "-id"),
}


def challenges_visible_to(*, user: Any) -> QuerySet[Challenge]:
    challenges = Challenge.objects.all()
    if getattr(user, "is_superuser", False):
        return challenges
    return challenges.filter(project__in=projects_visible_to(user=user).values("pk"))


def challenge_list(*, user: Any, project: Any = None) -> QuerySet[Challenge]:
    challenges = challenges_visible_to(user=user).select_related("project__municipality")
    if project is not None:
        challenges = challenges.filter(project=project)
    return challenges.order_by("-deadline", "title", "pk")


def challenge_detail_queryset(*, user: Any) -> QuerySet[Challenge]:
    return challenges_visible_to(user=user).select_related(
        "project__municipality", "project__organisation", "created_by"
    )


def challenge_needs(*, user: Any, challenge: Challenge) -> QuerySet[Need]:
    """The needs the challenge answers that ``user`` may see."""
    return needs_visible_to(user=user).filter(challenges=challenge).order_by("title", "pk")


def needs_for_challenge_form(*, user: Any, project: Any) -> QuerySet[Need]:
    return needs_visible_to(user=user).filter(project=project).order_by("title", "pk")


def programmes_for_challenge_form(*, user: Any, project: Any) -> QuerySet[Any]:
    """Programmes a challenge of ``project`` may belong to: visible ones that include it."""
    # Imported here: the programmes app's selectors may come to read challenges.
    from samskapa.programmes.selectors import programmes_visible_to

    return programmes_visible_to(user=user).filter(projects=project).order_by("name", "pk")


def ideas_visible_to(*, user: Any) -> QuerySet[Idea]:
    """Ideas nobody hid, standing alone, in a project the user may see, or their own.

    Hidden ideas stay out of every list, search and API list for everybody; their authors and
    moderators reach them through the detail page only (see ``ideas.view_idea``).
    """
    ideas = Idea.objects.filter(is_hidden=False)
    if getattr(user, "is_superuser", False):
        return ideas
    # Authors keep their own ideas in their lists, as ``ideas.view_idea`` lets them open them.
    own = Q(author_id=user.pk) if user.is_authenticated else Q(pk__in=[])
    return ideas.filter(
        Q(project__isnull=True) | Q(project__in=projects_visible_to(user=user).values("pk")) | own
    )


def idea_list(
    *,
    user: Any,
    query: str = "",
    challenge_id: int | None = None,
    municipality_code: str = "",
    dimension: str = "",
    sort: str = "newest",
) -> QuerySet[Idea]:
    """Ideas for the public list, filtered and sorted along one of the list indexes.

    The cards show the counters kept on the idea itself, so a page costs the same few queries
    however many ideas, comments and supporters there are.
    """
    ideas = ideas_visible_to(user=user).select_related("municipality", "challenge", "organisation")
    if challenge_id:
        ideas = ideas.filter(challenge_id=challenge_id)
    if municipality_code:
        ideas = ideas.filter(municipality__code=municipality_code)
    if dimension:
        ideas = ideas.filter(dimensions__code=dimension)
    if challenge_id or municipality_code or dimension:
        # A filtered list counts fewer rows: see core.pagination.
        ideas = count_narrowed(ideas)
    if query:
        return search(ideas, query, fields=IDEA_SEARCH_FIELDS)
    return ideas.order_by(*SORTS.get(sort, SORTS["newest"]))


def idea_detail_queryset(*, user: Any) -> QuerySet[Idea]:
    """All ideas with what the detail page shows; ``ideas.view_idea`` decides who sees which."""
    return Idea.objects.select_related(
        "municipality",
        "challenge",
        "project__organisation",
        "author",
        "organisation",
    ).prefetch_related("co_authors", "dimensions", "sdg_targets__goal")


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


def idea_relation_of(*, user: Any, idea: Idea) -> dict[str, bool]:
    """Whether ``user`` supports and follows ``idea``."""
    if not user.is_authenticated:
        return {"supports": False, "follows": False}
    return {
        "supports": Support.objects.filter(idea=idea, user=user).exists(),
        "follows": Follow.objects.filter(idea=idea, user=user).exists(),
    }


def idea_followers(*, idea: Idea) -> QuerySet[Any]:
    from samskapa.accounts.models import User

    return User.objects.filter(idea_follows__idea=idea, is_active=True)


def open_challenges(*, user: Any, today: Any) -> QuerySet[Challenge]:
    return (
        challenges_visible_to(user=user)
        .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=today), deadline__gte=today)
        .select_related("project")
        .order_by("deadline", "title")
    )
