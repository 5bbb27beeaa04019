"""The 17 goals and 169 targets of Agenda 2030, in Swedish and English."""

import re

import pytest

from samskapa.sdg.models import Goal, Target
from samskapa.sdg.reference import load_goals_and_targets

pytestmark = pytest.mark.usefixtures("reference_data")


def test_agenda_2030_has_17_goals_and_169_targets() -> None:
    assert Goal.objects.count() == 17
    assert Target.objects.count() == 169


def test_goal_11_is_sustainable_cities_in_both_languages() -> None:
    goal = Goal.objects.get(number=11)

    assert goal.short_sv == "Hållbara städer och samhällen"
    assert goal.short_en == "Sustainable cities and communities"
    assert goal.title_sv
    assert goal.title_en.startswith("Make cities and human settlements inclusive")


def test_target_11_3_has_swedish_and_english_text() -> None:
    target = Target.objects.select_related("goal").get(code="11.3")

    assert target.goal.number == 11
    assert target.text_sv.strip()
    assert target.text_en.startswith("By 2030")
    assert target.text_sv != target.text_en


def test_goal_11_has_its_ten_targets_in_order() -> None:
    codes = list(Target.objects.filter(goal__number=11).values_list("code", flat=True))

    assert codes == ["11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7", "11.a", "11.b", "11.c"]


def test_no_target_text_is_empty_or_ends_in_a_footnote_marker() -> None:
    for target in Target.objects.all():
        assert target.text_sv.strip(), target.code
        assert target.text_en.strip(), target.code
        # The PDF conversion glued footnote numbers to the last word ("impacts3").
        assert not re.search(r"[a-z]\d$", target.text_en), target.code


def test_loading_twice_does_not_duplicate() -> None:
    before = list(Target.objects.order_by("code").values_list("code", "goal__number", "text_en"))

    counts = load_goals_and_targets()

    assert counts == (17, 169)
    after = list(Target.objects.order_by("code").values_list("code", "goal__number", "text_en"))
    assert after == before
