"""Writes of innovation strategies: the strategy, its focus areas and goals, and versions.

Every write checks ``strategy.change_strategy`` (or ``add_strategy`` on the project), runs in
a transaction, checks each need, initiative and indicator linked against what the actor may
see of the project, and records the actor in the change history.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.writes import UNSET, set_fields
from samskapa.indicators.models import Indicator
from samskapa.needs.models import Need
from samskapa.portfolio.models import Initiative
from samskapa.projects.models import Project
from samskapa.strategy.models import FocusArea, Strategy, StrategyGoal, StrategyVersion
from samskapa.strategy.selectors import (
    access_strategy,
    indicators_for_strategy,
    initiatives_for_strategy,
    needs_for_strategy,
    strategy_snapshot,
)

CHANGE = "strategy.change_strategy"


def _check(chosen: Iterable[Any], allowed: Any, *, field: str, message: str) -> list[Any]:
    chosen = list(chosen)
    ids = {obj.pk for obj in chosen}
    if ids and set(allowed.filter(pk__in=ids).values_list("pk", flat=True)) != ids:
        raise ValidationError({field: message})
    return chosen


def _delete(instance: Any, *, actor: User) -> None:
    instance._history_user = actor
    instance.delete()


@transaction.atomic
def strategy_create(*, actor: User, project: Project, title: str, vision: str = "") -> Strategy:
    """Start the innovation strategy of ``project``, which the actor must lead."""
    require(actor, "strategy.add_strategy", project)
    if Strategy.objects.filter(project=project).exists():
        raise ValidationError(_("The project already has an innovation strategy."))
    strategy = Strategy(project=project, title=title, vision=vision, created_by=actor)
    save_with_history(strategy, actor=actor)
    return strategy


@transaction.atomic
def strategy_update(
    *, actor: User, strategy: Strategy, title: str = UNSET, vision: str = UNSET
) -> Strategy:
    require(actor, CHANGE, strategy)
    set_fields(strategy, title=title, vision=vision)
    save_with_history(strategy, actor=actor)
    return strategy


def _needs(actor: User, strategy: Strategy, needs: Iterable[Need]) -> list[Need]:
    return _check(
        needs,
        needs_for_strategy(user=actor, project=strategy.project),
        field="needs",
        message=_("Only needs of the project that you can see can be chosen."),
    )


@transaction.atomic
def focus_area_add(
    *,
    actor: User,
    strategy: Strategy,
    title: str,
    description: str = "",
    needs: Iterable[Need] = (),
) -> FocusArea:
    require(actor, CHANGE, strategy)
    chosen = _needs(actor, strategy, needs)
    last = strategy.focus_areas.aggregate(last=Max("position"))["last"]
    area = FocusArea(
        strategy=strategy,
        title=title,
        description=description,
        position=0 if last is None else last + 1,
    )
    save_with_history(area, actor=actor)
    area.needs.set(chosen)
    return area


@transaction.atomic
def focus_area_update(
    *,
    actor: User,
    focus_area: FocusArea,
    title: str = UNSET,
    description: str = UNSET,
    needs: Iterable[Need] = UNSET,
) -> FocusArea:
    require(actor, CHANGE, focus_area.strategy)
    chosen = None if needs is UNSET else _needs(actor, focus_area.strategy, needs)
    set_fields(focus_area, title=title, description=description)
    save_with_history(focus_area, actor=actor)
    if chosen is not None:
        focus_area.needs.set(chosen)
    return focus_area


@transaction.atomic
def focus_area_remove(*, actor: User, focus_area: FocusArea) -> None:
    """Remove a focus area with its goals."""
    require(actor, CHANGE, focus_area.strategy)
    _delete(focus_area, actor=actor)


def _links(
    actor: User, strategy: Strategy, initiatives: Any, indicators: Any
) -> tuple[list[Initiative] | None, list[Indicator] | None]:
    project = strategy.project
    chosen_initiatives = (
        None
        if initiatives is UNSET
        else _check(
            initiatives,
            initiatives_for_strategy(user=actor, project=project),
            field="initiatives",
            message=_("Only initiatives of the project or its municipality that you can see."),
        )
    )
    chosen_indicators = (
        None
        if indicators is UNSET
        else _check(
            indicators,
            indicators_for_strategy(user=actor, project=project),
            field="indicators",
            message=_("Only indicators of the project or its municipality that you can see."),
        )
    )
    return chosen_initiatives, chosen_indicators


@transaction.atomic
def goal_add(
    *,
    actor: User,
    focus_area: FocusArea,
    title: str,
    owner: str = "",
    due_on: datetime.date | None = None,
    initiatives: Iterable[Initiative] = (),
    indicators: Iterable[Indicator] = (),
) -> StrategyGoal:
    require(actor, CHANGE, focus_area.strategy)
    chosen_initiatives, chosen_indicators = _links(
        actor, focus_area.strategy, initiatives, indicators
    )
    goal = StrategyGoal(focus_area=focus_area, title=title, owner=owner, due_on=due_on)
    save_with_history(goal, actor=actor)
    goal.initiatives.set(chosen_initiatives or [])
    goal.indicators.set(chosen_indicators or [])
    return goal


@transaction.atomic
def goal_update(
    *,
    actor: User,
    goal: StrategyGoal,
    title: str = UNSET,
    owner: str = UNSET,
    due_on: datetime.date | None = UNSET,
    initiatives: Iterable[Initiative] = UNSET,
    indicators: Iterable[Indicator] = UNSET,
) -> StrategyGoal:
    strategy = goal.focus_area.strategy
    require(actor, CHANGE, strategy)
    chosen_initiatives, chosen_indicators = _links(actor, strategy, initiatives, indicators)
    set_fields(goal, title=title, owner=owner, due_on=due_on)
    save_with_history(goal, actor=actor)
    if chosen_initiatives is not None:
        goal.initiatives.set(chosen_initiatives)
    if chosen_indicators is not None:
        goal.indicators.set(chosen_indicators)
    return goal


@transaction.atomic
def goal_remove(*, actor: User, goal: StrategyGoal) -> None:
    require(actor, CHANGE, goal.focus_area.strategy)
    _delete(goal, actor=actor)


@transaction.atomic
def version_save(*, actor: User, strategy: Strategy, note: str = "") -> StrategyVersion:
    """Keep the strategy as it stands now as its next version."""
    require(actor, CHANGE, strategy)
    # Read afresh, as the actor sees it: the strategy passed in may be older than its parts.
    current = access_strategy(user=actor, slug=strategy.project.slug)
    locked = Strategy.objects.select_for_update().get(pk=strategy.pk)
    last = locked.versions.aggregate(last=Max("number"))["last"] or 0
    version = StrategyVersion(
        strategy=locked,
        number=last + 1,
        note=note,
        content=strategy_snapshot(current),
        created_by=actor,
    )
    version.full_clean()
    version.save()
    return version
