"""Loading of the 17 goals and 169 targets, English (UN) and Swedish (our rendering)."""

import csv
from pathlib import Path

from django.db import transaction

from samskapa.sdg.models import Goal, Target

DATA_DIR = Path(__file__).resolve().parent / "data"

# The short English names; the UN framework file carries only the full goal titles.
SHORT_EN = {
    1: "No poverty",
    2: "Zero hunger",
    3: "Good health and well-being",
    4: "Quality education",
    5: "Gender equality",
    6: "Clean water and sanitation",
    7: "Affordable and clean energy",
    8: "Decent work and economic growth",
    9: "Industry, innovation and infrastructure",
    10: "Reduced inequalities",
    11: "Sustainable cities and communities",
    12: "Responsible consumption and production",
    13: "Climate action",
    14: "Life below water",
    15: "Life on land",
    16: "Peace, justice and strong institutions",
    17: "Partnerships for the goals",
}


def _clean(text: str) -> str:
    """Undo an artefact of the PDF conversion: a footnote marker glued to the last word."""
    text = " ".join(text.split())
    if text.endswith(("impacts3", "negotiation3")):
        text = text[:-1]
    return text


def _rows(name: str, data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_goals_and_targets(data_dir: Path = DATA_DIR) -> tuple[int, int]:
    """Create or update all goals and targets. Returns (goals, targets)."""
    goals_sv = {int(row["goal"]): row for row in _rows("goals_sv.csv", data_dir)}
    for row in _rows("goals_en.csv", data_dir):
        number = int(row["goal"])
        Goal.objects.update_or_create(
            number=number,
            defaults={
                "short_en": SHORT_EN[number],
                "title_en": _clean(row["title_en"]),
                "short_sv": goals_sv[number]["short_sv"],
                "title_sv": goals_sv[number]["title_sv"],
            },
        )
    goals = {goal.number: goal for goal in Goal.objects.all()}
    targets_sv = {row["target"]: row["text_sv"] for row in _rows("targets_sv.csv", data_dir)}
    position_in_goal: dict[int, int] = {}
    for row in _rows("targets_en.csv", data_dir):
        number = int(row["goal"])
        position_in_goal[number] = position_in_goal.get(number, 0) + 1
        Target.objects.update_or_create(
            code=row["target"],
            defaults={
                "goal": goals[number],
                "position": position_in_goal[number],
                "text_en": _clean(row["text_en"]),
                "text_sv": targets_sv[row["target"]],
            },
        )
    return Goal.objects.count(), Target.objects.count()
