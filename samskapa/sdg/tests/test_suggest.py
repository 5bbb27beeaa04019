"""The suggestion classifier itself: accuracy on texts it was not tuned on, speed, the words
behind each suggestion, and learning from answers. No database."""

import csv
import time
from pathlib import Path

import pytest

from samskapa.sdg import suggest
from samskapa.sdg.suggest import Learned, Suggester, base_suggester, stems, target_descriptions

BENCH_DATA = Path(__file__).resolve().parents[3] / "bench" / "data"


def ranked_goals(suggester: Suggester, text: str) -> list[int]:
    return list(dict.fromkeys(s.goal for s in suggester.suggest(text, limit=15)))


def accuracy(name: str) -> tuple[int, float, float]:
    """Scored texts, top-1 and top-3 goal accuracy on one evaluation set (texts labelled "-",
    about which no target says anything, are not scored)."""
    with (BENCH_DATA / name).open(encoding="utf-8") as handle:
        rows = [
            (row["text"], {int(g) for g in row["goals"].split(";")})
            for row in csv.DictReader(handle)
            if row["goals"] != "-"
        ]
    suggester = base_suggester()
    ranked = [(ranked_goals(suggester, text), goals) for text, goals in rows]
    top1 = sum(bool(set(found[:1]) & goals) for found, goals in ranked)
    top3 = sum(bool(set(found[:3]) & goals) for found, goals in ranked)
    return len(rows), top1 / len(rows), top3 / len(rows)


def test_held_out_texts_get_their_goal_among_the_first_three() -> None:
    """Floor on the held-out set (bench/data/SOURCE_sdg_eval.md): measured 0.98 top-3 and 0.90
    top-1; the floors leave room for keyword changes, not for a broken classifier."""
    count, top1, top3 = accuracy("sdg_eval_heldout.csv")

    assert count >= 60
    assert top3 >= 0.9
    assert top1 >= 0.8


def test_untouched_government_texts_get_their_goal_among_the_first_three() -> None:
    """Floor on the government texts never tuned on (sdg_eval_government_untouched.csv):
    measured 0.92 top-3 and 0.89 top-1 (0.81 top-3 without the keywords whose writer had read
    these texts, docs/benchmarks.md). A regression guard only: a change made to pass this
    test would be tuning on the set, which then stops being untouched."""
    count, top1, top3 = accuracy("sdg_eval_government_untouched.csv")

    assert count >= 60
    assert top3 >= 0.85
    assert top1 >= 0.8


def test_planning_law_texts_get_goal_11_among_the_first_three() -> None:
    """The planning-law set is a tuning set since the keywords for administrative Swedish
    were written (measured 1.00 top-3): this guards what was tuned, not generalisation."""
    _, _, top3 = accuracy("sdg_eval_government.csv")

    assert top3 >= 0.9


def test_words_of_the_document_genre_say_nothing_about_the_subject() -> None:
    """ "Lagrådsremissen föreslår ändringar" is how a referral speaks, whatever it is about."""
    assert base_suggester().suggest("Lagrådsremissen föreslår ändringar i lagen.") == []
    assert base_suggester().suggest("Utredaren ska lämna förslag.") == []


def test_a_phrase_counts_only_when_its_words_follow_each_other() -> None:
    suggester = base_suggester()
    vector, origin = suggester.terms("Köp av fast egendom i kommunen")
    assert "fast+egendom" in vector
    assert origin["fast+egendom"] == ["fast", "egendom"]

    apart, _ = suggester.terms("Egendom som står fast")
    assert "fast+egendom" not in apart


def test_a_short_head_alone_does_not_make_a_compound() -> None:
    """ "Sammanträden" (meetings) ends in "träd" (tree) but "samman" is no known word."""
    goals = ranked_goals(base_suggester(), "Digitala sammanträden i fullmäktige")

    assert 15 not in goals[:3]
    assert 16 in goals[:3]


def test_a_goal_keyword_lifts_the_whole_goal(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Byggnadsverk" belongs to goal 11 as a whole, not to one of its targets: spread over
    its targets it loses to one target's stray word ("kontroll" over land, 5.a) unless the
    goal's mean lifts them."""
    text = "Kontroll av byggnadsverk"
    assert ranked_goals(base_suggester(), text)[0] == 11

    monkeypatch.setattr(suggest, "GOAL_WEIGHT", 0.0)
    assert ranked_goals(base_suggester(), text)[0] != 11


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
