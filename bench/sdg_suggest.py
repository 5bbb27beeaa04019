"""Accuracy and speed of the SDG target suggestions (samskapa/sdg/suggest.py).

    .venv/bin/python bench/sdg_suggest.py [--show-misses] [--tune-only] [--drop-unseen]

Reads the labelled Swedish texts in bench/data/ (see bench/data/SOURCE_sdg_eval.md): the tune
set and the two samples of government texts used while tuning, the held-out set and the
untouched sample of government texts, never used for tuning. Suggests targets for each text
and reports per set:

- top-1 goal accuracy: the goal of the best suggested target is one of the text's goals;
- top-3 goal accuracy: one of the first three distinct goals among the suggestions is;
- time per text (median and 95th percentile) of ``Suggester.suggest``, on the wall clock and
  in CPU time (on a shared machine the wall clock includes waiting for a core). Each text is
  suggested once, so words not seen before are stemmed during the timing, as in a server.

With --drop-unseen the suggester is built without the keywords for administrative Swedish
(the part of keywords_sv.txt after ADMIN_MARKER) that occur in the untouched government texts
but in no text used for tuning: the person who wrote that part had read the untouched texts
while labelling them, and this shows how much the score owes to words seen only there.

No database is needed: the suggester is built from the repository's data files.
"""

import csv
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samskapa.sdg.suggest import (  # noqa: E402
    DATA_DIR,
    PHRASE_JOIN,
    Suggester,
    base_suggester,
    keywords,
    phrase_stems,
    stems,
    target_descriptions,
)

DATA = ROOT / "bench" / "data"
SETS = {
    "tune": DATA / "sdg_eval_tune.csv",
    "held-out": DATA / "sdg_eval_heldout.csv",
    "gov-plan": DATA / "sdg_eval_government.csv",
    "gov-tune": DATA / "sdg_eval_government_tune.csv",
    "gov-new": DATA / "sdg_eval_government_untouched.csv",
}
# Sets whose misses may be printed (--show-misses): the ones used while tuning.
TUNING = {"tune", "gov-plan", "gov-tune"}


def load(path: Path) -> list[tuple[str, set[int]]]:
    """The texts and their goals; texts labelled "-" (no goal fits) are not scored."""
    with path.open(encoding="utf-8") as handle:
        return [
            (row["text"], {int(goal) for goal in row["goals"].split(";")})
            for row in csv.DictReader(handle)
            if row["goals"] != "-"
        ]


ADMIN_MARKER = "# The words of administrative"


def text_terms(suggester: Suggester, text: str) -> set[str]:
    """Every term a keyword could match in ``text``: stems, pairs of stems, compound parts."""
    found = stems(text)
    terms = set(found) | {a + PHRASE_JOIN + b for a, b in itertools.pairwise(found)}
    for term in found:
        terms.update(suggester._split(term))
    return terms


def without_unseen(suggester: Suggester) -> tuple[Suggester, list[str]]:
    """A suggester without the administrative keywords seen only in the untouched texts."""
    seen: set[str] = set()
    for name in TUNING:
        for text, _ in load(SETS[name]):
            seen |= text_terms(suggester, text)
    untouched: set[str] = set()
    for text, _ in load(SETS["gov-new"]):
        untouched |= text_terms(suggester, text)
    lines = (DATA_DIR / "keywords_sv.txt").read_text(encoding="utf-8").splitlines()
    admin = lines[next(i for i, line in enumerate(lines) if line.startswith(ADMIN_MARKER)) :]
    dropped = []
    for line in admin:
        for word in line.partition(":")[2].split():
            if any(t in untouched and t not in seen for t in phrase_stems(word)):
                dropped.append(word)
    kept = {
        code: " ".join(word for word in text.split() if word not in dropped)
        for code, text in keywords().items()
    }
    return Suggester(targets=target_descriptions(), keywords=kept), dropped


def ranked_goals(suggester: Suggester, text: str) -> list[int]:
    goals: list[int] = []
    for suggestion in suggester.suggest(text, limit=15):
        if suggestion.goal not in goals:
            goals.append(suggestion.goal)
    return goals


def evaluate(
    suggester: Suggester, rows: list[tuple[str, set[int]]], *, show_misses: bool = False
) -> dict[str, float]:
    top1 = top3 = 0
    times = []
    cpu_times = []
    for text, goals in rows:
        start, start_cpu = time.perf_counter(), time.process_time()
        suggester.suggest(text)
        cpu_times.append((time.process_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
        ranked = ranked_goals(suggester, text)
        top1 += bool(ranked[:1] and ranked[0] in goals)
        hit3 = bool(set(ranked[:3]) & goals)
        top3 += hit3
        if show_misses and not hit3:
            print(f"  miss {sorted(goals)} got {ranked[:3]}: {text}")
    times.sort()
    cpu_times.sort()
    return {
        "cpu_median_ms": statistics.median(cpu_times),
        "cpu_p95_ms": cpu_times[int(0.95 * (len(cpu_times) - 1))],
        "texts": len(rows),
        "top1": top1 / len(rows),
        "top3": top3 / len(rows),
        "median_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * (len(times) - 1))],
    }


def main() -> None:
    show_misses = "--show-misses" in sys.argv
    start = time.perf_counter()
    suggester = base_suggester()
    print(f"built in {(time.perf_counter() - start) * 1000:.0f} ms")
    if "--drop-unseen" in sys.argv:
        suggester, dropped = without_unseen(suggester)
        print(f"without {len(dropped)} keywords seen only in the untouched texts")
    for name, path in SETS.items():
        if name not in TUNING and "--tune-only" in sys.argv:
            continue
        result = evaluate(suggester, load(path), show_misses=show_misses and name in TUNING)
        print(
            f"{name:10} {result['texts']:4.0f} texts  top-1 {result['top1']:.2f}  "
            f"top-3 {result['top3']:.2f}  median {result['median_ms']:.2f} ms  "
            f"p95 {result['p95_ms']:.2f} ms (CPU: median {result['cpu_median_ms']:.2f} ms, "
            f"p95 {result['cpu_p95_ms']:.2f} ms)"
        )
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
