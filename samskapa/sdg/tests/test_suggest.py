"""The suggestion classifier itself: accuracy on texts it was not tuned on, speed, the words
behind each suggestion, and learning from answers. No database."""

import csv
import time
from pathlib import Path

import pytest

from samskapa.sdg.suggest import Learned, Suggester, base_suggester, stems, target_descriptions

HELD_OUT = Path(__file__).resolve().parents[3] / "bench" / "data" / "sdg_eval_heldout.csv"


def ranked_goals(suggester: Suggester, text: str) -> list[int]:
    return list(dict.fromkeys(s.goal for s in suggester.suggest(text, limit=15)))


def test_held_out_texts_get_their_goal_among_the_first_three() -> None:
    """Floor on the held-out set (bench/data/SOURCE_sdg_eval.md): measured 0.98 top-3 and 0.90
    top-1 when written; the floors leave room for keyword changes, not for a broken classifier."""
    with HELD_OUT.open(encoding="utf-8") as handle:
        rows = [
            (row["text"], {int(g) for g in row["goals"].split(";")})
            for row in csv.DictReader(handle)
        ]
    suggester = base_suggester()
    ranked = [(ranked_goals(suggester, text), goals) for text, goals in rows]
    top1 = sum(bool(set(found[:1]) & goals) for found, goals in ranked)
    top3 = sum(bool(set(found[:3]) & goals) for found, goals in ranked)

    assert len(rows) >= 60
    assert top3 / len(rows) >= 0.9
    assert top1 / len(rows) >= 0.8


def test_suggestions_name_the_words_that_led_to_them() -> None:
    suggestions = base_suggester().suggest(
        "Bussen går för sällan och cykelbanan till skolan saknar belysning."
    )

    by_code = {s.code: s for s in suggestions}
    assert "11.2" in by_code
    assert by_code["11.2"].goal == 11
    assert {"bussen", "cykelbanan"} & set(by_code["11.2"].words)
    assert suggestions == sorted(suggestions, key=lambda s: -s.score)


def test_a_compound_unknown_as_a_whole_is_understood_by_its_parts() -> None:
    """ "Dagvattenledningarna" is in no description; "dagvatten" is."""
    suggestion = base_suggester().suggest("Dagvattenledningarna är för små.")[0]

    assert suggestion.goal in {6, 11, 13}
    assert "dagvattenledningarna" in suggestion.words


def test_text_without_any_known_word_gets_no_suggestion() -> None:
    assert base_suggester().suggest("Hej hopp, och så vidare!") == []
    assert base_suggester().suggest("") == []


def test_english_text_is_understood_through_the_un_texts() -> None:
    goals = ranked_goals(base_suggester(), "Reduce food waste at retail and consumer levels")

    assert 12 in goals[:3]


def test_suggesting_takes_well_under_20_ms_per_text() -> None:
    suggester = base_suggester()
    text = (
        "Vi behöver fler trygga cykelbanor, bättre belysning i parken, solceller på skolans tak "
        "och en mötesplats för äldre som känner sig ensamma i stadsdelen. "
    ) * 8
    suggester.suggest(text)  # stems of new words are cached after the first time
    start = time.perf_counter()
    for _ in range(20):
        suggester.suggest(text + str(_))
    per_text = (time.perf_counter() - start) / 20

    assert per_text < 0.020


@pytest.fixture
def fresh() -> Suggester:
    return Suggester(targets=target_descriptions(), keywords={})


def test_accepted_answers_raise_a_target_for_texts_with_the_same_words(fresh: Suggester) -> None:
    text = "Skatepark vid fritidsgården"
    before = {s.code: s.score for s in fresh.suggest(text, limit=169)}
    fresh.learned = Learned.from_feedback([("3.4", True, stems(text))] * 3)

    after = fresh.suggest(text, limit=3)

    assert after[0].code == "3.4"
    assert after[0].score > before.get("3.4", 0.0)
    assert "skatepark" in after[0].words


def test_rejected_answers_lower_a_target(fresh: Suggester) -> None:
    text = "Kollektivtrafiken till skolan"
    first = fresh.suggest(text)[0]
    fresh.learned = Learned.from_feedback([(first.code, False, stems(text))] * 5)

    after = {s.code: s.score for s in fresh.suggest(text, limit=169)}
    assert after.get(first.code, 0.0) < first.score - 0.05
