"""Demo innovation strategies for Näringen (Gävle) and Landvetter Södra etapp 1 (Härryda).

Seed 000: Governo supported Gävle and Härryda with needs inventories and process leadership to
start the innovation work in these two projects. The strategies here are made up in that
spirit: focus areas from the projects' needs, goals with owners and dates, the demo
initiatives and indicators. Loaded by ``workspace.demo.load_demo_data`` after the indicators;
idempotent (a project that has a strategy is left alone).
"""

import datetime
from typing import Any

from django.db import transaction

from samskapa.accounts.models import User
from samskapa.core.history import save_with_history
from samskapa.indicators.models import Indicator
from samskapa.needs.models import Need
from samskapa.portfolio.models import Initiative
from samskapa.projects.models import Project
from samskapa.strategy.models import FocusArea, Strategy, StrategyGoal, StrategyVersion
from samskapa.strategy.selectors import access_strategy, strategy_snapshot

STRATEGIES: dict[str, dict[str, Any]] = {
    "naringen": {
        "leader": "projektledare.gavle@samskapa.example",
        "title": "Innovationsstrategi för Näringen",
        "vision": (
            "Näringen blir en blandad stadsdel där det är lätt att leva hållbart: resor till fots, "
            "med cykel och kollektivtrafik är förstahandsvalet och de boende är med och formar "
            "stadsdelen från start."
        ),
        "areas": [
            (
                "Hållbar mobilitet",
                "Smarta och delade lösningar som gör bilen onödig i vardagen.",
                [
                    (
                        "Minst 60 procent av resorna till fots, med cykel eller kollektivtrafik",
                        "Samhällsbyggnadsförvaltningen",
                        datetime.date(2030, 12, 31),
                        "Andel resor",
                    ),
                    (
                        "Mobilitetshubb i drift i första etappen",
                        "Gävle kommun, trafikenheten",
                        datetime.date(2027, 6, 30),
                        None,
                    ),
                ],
            ),
            (
                "Medskapande med de boende",
                "Invånare, föreningar och företag är med och formar stadsdelen.",
                [
                    (
                        "Tusen invånare har deltagit i dialog",
                        "Kommunledningsförvaltningen",
                        datetime.date(2028, 12, 31),
                        "Invånare som deltagit",
                    ),
                ],
            ),
        ],
    },
    "landvetter-sodra-etapp-1": {
        "leader": "projektledare.harryda@samskapa.example",
        "title": "Innovationsstrategi för Landvetter Södra etapp 1",
        "vision": (
            "Landvetter Södra byggs som en klimatsmart stad från grunden, där energin är förnybar "
            "och naturen finns nära."
        ),
        "areas": [
            (
                "Förnybar energi och klimatsmart byggande",
                "Alla nya bostäder försörjs med förnybar energi.",
                [
                    (
                        "Alla nya bostäder med förnybar energi",
                        "Härryda Energi",
                        datetime.date(2030, 12, 31),
                        "förnybar energi",
                    ),
                ],
            ),
            (
                "Grönska och mark",
                "Mindre hårdgjord yta och mer grönska per bostad.",
                [
                    (
                        "Högst 60 m² hårdgjord yta per ny bostad",
                        "Planavdelningen",
                        datetime.date(2030, 12, 31),
                        "Hårdgjord yta",
                    ),
                ],
            ),
        ],
    },
}


def _load(slug: str, spec: dict[str, Any]) -> None:
    project = Project.objects.filter(slug=slug).first()
    leader = User.objects.filter(email=spec["leader"]).first()
    if project is None or Strategy.objects.filter(project=project).exists():
        return
    strategy = Strategy(
        project=project, title=str(spec["title"]), vision=str(spec["vision"]), created_by=leader
    )
    save_with_history(strategy, actor=leader)
    needs = list(Need.objects.filter(project=project).order_by("pk"))
    initiatives = list(Initiative.objects.filter(project=project).order_by("pk"))
    for position, (title, description, goals) in enumerate(spec["areas"]):
        area = FocusArea(strategy=strategy, title=title, description=description, position=position)
        save_with_history(area, actor=leader)
        area.needs.set(needs[position * 2 : position * 2 + 2])
        for goal_title, owner, due_on, indicator_name in goals:
            goal = StrategyGoal(focus_area=area, title=goal_title, owner=owner, due_on=due_on)
            save_with_history(goal, actor=leader)
            if initiatives:
                goal.initiatives.set(initiatives[position : position + 1])
            if indicator_name:
                goal.indicators.set(
                    Indicator.objects.filter(project=project, name__icontains=indicator_name)
                )
    if leader is not None:
        snapshot = strategy_snapshot(access_strategy(user=leader, slug=slug))
        StrategyVersion.objects.create(
            strategy=strategy,
            number=1,
            note="Första versionen efter behovsinventeringen",
            content=snapshot,
            created_by=leader,
        )


@transaction.atomic
def load_strategy_demo() -> None:
    for slug, spec in STRATEGIES.items():
        _load(slug, spec)
