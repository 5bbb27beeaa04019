"""Reads of innovation strategies: visibility, one strategy with its parts, and choices.

``strategies_visible_to`` is the rule ``strategy.view_strategy`` as a query (``rules.py``).
"""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from samskapa.core.access import Viewer, access
from samskapa.indicators.models import Indicator
from samskapa.indicators.selectors import indicators_visible_to, with_series
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_ranked, needs_visible_to
from samskapa.portfolio.models import Initiative
from samskapa.portfolio.selectors import initiatives_visible_to
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to
from samskapa.strategy.models import FocusArea, Strategy, StrategyGoal, StrategyVersion


def strategies_visible_to(*, user: Viewer) -> QuerySet[Strategy]:
    """Strategies of the projects ``user`` may see: ``strategy.view_strategy``."""
    if getattr(user, "is_superuser", False):
        return Strategy.objects.all()
    return Strategy.objects.filter(project__in=projects_visible_to(user=user).values("pk"))


def strategy_detail_queryset(*, user: Viewer) -> QuerySet[Strategy]:
    """Visible strategies with their focus areas, goals and links, only what ``user`` may see."""
    goals = StrategyGoal.objects.order_by("due_on", "pk").prefetch_related(
        Prefetch(
            "initiatives",
            queryset=initiatives_visible_to(user=user).order_by("title"),
            to_attr="visible_initiatives",
        ),
        Prefetch(
            "indicators",
            queryset=with_series(indicators_visible_to(user=user)).order_by("name"),
            to_attr="visible_indicators",
        ),
    )
    return (
        strategies_visible_to(user=user)
        .select_related("project__municipality", "project__organisation", "created_by")
        .prefetch_related(
            Prefetch(
                "focus_areas",
                queryset=FocusArea.objects.order_by("position", "pk").prefetch_related(
                    Prefetch(
                        "needs",
                        queryset=needs_visible_to(user=user).order_by("title"),
                        to_attr="visible_needs",
                    ),
                    Prefetch("goals", queryset=goals),
                ),
            ),
            Prefetch("versions", queryset=StrategyVersion.objects.select_related("created_by")),
        )
    )


def access_strategy(*, user: Viewer, slug: str, rule: str | None = None) -> Strategy:
    """The strategy of project ``slug``: 404 unless ``user`` may see it, 403 unless ``rule``."""
    return access(
        strategy_detail_queryset(user=user),
        user=user,
        view_permission="strategy.view_strategy",
        permission=rule,
        project__slug=slug,
    )


def access_focus_area(*, user: Viewer, slug: str, pk: int, rule: str | None = None) -> FocusArea:
    strategy = access_strategy(user=user, slug=slug, rule=rule)
    for area in strategy.focus_areas.all():
        if area.pk == pk:
            area.strategy = strategy
            return area
    raise Http404


def access_goal(*, user: Viewer, slug: str, pk: int, rule: str | None = None) -> StrategyGoal:
    strategy = access_strategy(user=user, slug=slug, rule=rule)
    for area in strategy.focus_areas.all():
        for goal in area.goals.all():
            if goal.pk == pk:
                area.strategy = strategy
                goal.focus_area = area
                return goal
    raise Http404


def needs_for_strategy(*, user: Viewer, project: Project) -> QuerySet[Need]:
    """The project's needs, the most prioritised first (``needs.selectors.needs_ranked``)."""
    return needs_ranked(user=user, project=project)


def initiatives_for_strategy(*, user: Viewer, project: Project) -> QuerySet[Initiative]:
    """Visible initiatives of the project's portfolio, or placed in its municipality."""
    scope = Q(project=project)
    if project.municipality_id:
        scope |= Q(municipality_id=project.municipality_id)
    return initiatives_visible_to(user=user).filter(scope).order_by("title")


def indicators_for_strategy(*, user: Viewer, project: Project) -> QuerySet[Indicator]:
    """Visible indicators of the project, or of its municipality."""
    scope = Q(project=project)
    if project.municipality_id:
        scope |= Q(municipality_id=project.municipality_id, project__isnull=True)
    return indicators_visible_to(user=user).filter(scope).order_by("name")


def strategy_snapshot(strategy: Strategy) -> dict[str, Any]:
    """The strategy as plain data (from the prefetched parts): what a version keeps."""
    return {
        "title": strategy.title,
        "vision": strategy.vision,
        "focus_areas": [
            {
                "title": area.title,
                "description": area.description,
                "needs": [need.title for need in getattr(area, "visible_needs", [])],
                "goals": [
                    {
                        "title": goal.title,
                        "owner": goal.owner,
                        "due_on": goal.due_on.isoformat() if goal.due_on else None,
                        "initiatives": [i.title for i in getattr(goal, "visible_initiatives", [])],
                        "indicators": [i.name for i in getattr(goal, "visible_indicators", [])],
                    }
                    for goal in area.goals.all()
                ],
            }
            for area in strategy.focus_areas.all()
        ],
    }


def strategy_indicators(strategy: Strategy) -> list[Indicator]:
    """The distinct visible indicators of the strategy's goals, in order, with their series."""
    seen: dict[int, Indicator] = {}
    for area in strategy.focus_areas.all():
        for goal in area.goals.all():
            for indicator in getattr(goal, "visible_indicators", []):
                seen.setdefault(indicator.pk, indicator)
    return list(seen.values())
