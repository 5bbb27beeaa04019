"""What became of what a person contributed: the resident's part of "Mitt arbete".

A resident does not get tasks; they want to see their needs, ideas, comments and supports, and
what happened to each along the chain (behov -> utmaning -> idé -> initiativ och dess steg). This
lives in the portfolio app because it reads every link of that chain; the workspace shows it.
Each list shows the newest ``CONTRIBUTION_LIMIT`` items and their total, in a fixed number of
queries whatever the person wrote.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, QuerySet

from samskapa.accounts.models import User
from samskapa.ideas.models import Challenge, Comment, Follow, Idea, Support
from samskapa.ideas.selectors import challenges_visible_to, ideas_visible_to
from samskapa.needs.models import Need, NeedSupport
from samskapa.needs.selectors import needs_visible_to
from samskapa.portfolio.models import Initiative
from samskapa.portfolio.selectors import initiatives_visible_to

CONTRIBUTION_LIMIT = 5


@dataclass
class NeedOutcome:
    """One of the person's needs with the challenges that took it up and the initiatives
    that answer it (only those the person may see)."""

    need: Need
    challenges: list[Challenge] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)


@dataclass
class IdeaOutcome:
    idea: Idea
    initiative: Initiative | None = None


@dataclass
class Contributions:
    needs: list[NeedOutcome]
    need_count: int
    ideas: list[IdeaOutcome]
    idea_count: int
    comments: list[Comment]
    supported_needs: list[Need]
    supported_ideas: list[Idea]
    followed_ideas: list[Idea]

    @property
    def is_empty(self) -> bool:
        return not (
            self.needs
            or self.ideas
            or self.comments
            or self.supported_needs
            or self.supported_ideas
            or self.followed_ideas
        )


def _first(queryset: QuerySet[Any]) -> list[Any]:
    return list(queryset[:CONTRIBUTION_LIMIT])


def _need_outcomes(*, user: User, needs: list[Need]) -> list[NeedOutcome]:
    """At most four queries: the challenges, the initiatives named for the needs, those via ideas."""
    outcomes = {need.pk: NeedOutcome(need) for need in needs}
    if not outcomes:
        return []
    links = Challenge.needs.through.objects.filter(
        need_id__in=list(outcomes), challenge__in=challenges_visible_to(user=user)
    ).select_related("challenge")
    for link in links.order_by("-challenge__deadline", "challenge_id"):
        outcomes[link.need_id].challenges.append(link.challenge)
    visible = initiatives_visible_to(user=user)
    answering = Initiative.needs.through.objects.filter(
        need_id__in=list(outcomes), initiative__in=visible
    ).select_related("initiative")
    found: dict[int, dict[int, Initiative]] = {pk: {} for pk in outcomes}
    for row in answering:
        found[row.need_id][row.initiative_id] = row.initiative
    pairs = list(
        visible.filter(idea__challenge__needs__in=list(outcomes)).values_list(
            "pk", "idea__challenge__needs"
        )
    )
    if pairs:
        by_pk = visible.in_bulk([initiative_pk for initiative_pk, _need_pk in pairs])
        for initiative_pk, need_pk in pairs:
            found[need_pk][initiative_pk] = by_pk[initiative_pk]
    for pk, initiatives in found.items():
        outcomes[pk].initiatives = sorted(initiatives.values(), key=lambda i: (i.title, i.pk))
    return list(outcomes.values())


def contributions_of(*, user: User) -> Contributions:
    """The person's needs, ideas, comments, supports and followed ideas with what became of them."""
    my_needs = needs_visible_to(user=user).filter(author=user).select_related("project")
    needs = _first(my_needs.order_by("-created_at", "-id"))
    my_ideas = ideas_visible_to(user=user).filter(author=user).select_related("challenge")
    ideas = _first(my_ideas.order_by("-created_at", "-id"))
    initiatives = {
        initiative.idea_id: initiative
        for initiative in initiatives_visible_to(user=user).filter(
            idea_id__in=[idea.pk for idea in ideas]
        )
    }
    visible_ideas = ideas_visible_to(user=user)
    return Contributions(
        needs=_need_outcomes(user=user, needs=needs),
        need_count=my_needs.order_by().count(),
        ideas=[IdeaOutcome(idea, initiatives.get(idea.pk)) for idea in ideas],
        idea_count=my_ideas.order_by().count(),
        comments=_first(
            Comment.objects.filter(author=user, idea__in=visible_ideas)
            .select_related("idea")
            .order_by("-created_at", "-id")
        ),
        supported_needs=[
            support.need
            for support in _first(
                NeedSupport.objects.filter(user=user, need__in=needs_visible_to(user=user))
                .select_related("need")
                .order_by("-created_at", "-id")
            )
        ],
        supported_ideas=[
            support.idea
            for support in _first(
                Support.objects.filter(user=user, idea__in=visible_ideas)
                .select_related("idea")
                .order_by("-created_at", "-id")
            )
        ],
        followed_ideas=[
            follow.idea
            for follow in _first(
                Follow.objects.filter(user=user, idea__in=visible_ideas)
                .select_related("idea", "idea__challenge")
                .annotate(last_comment_at=Max("idea__comments__created_at"))
                .order_by("-idea__updated_at", "-id")
            )
        ],
    )
