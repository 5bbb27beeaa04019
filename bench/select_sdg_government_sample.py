"""Draw the government texts for the SDG evaluation from the g0vse index (see
bench/data/SOURCE_sdg_eval.md for the rule and the licence).

    .venv/bin/python bench/select_sdg_government_sample.py INDEX.json OUT_TEST.csv OUT_TUNE.csv

INDEX.json is ``indexed_documents_selected_categories.json`` as described in SOURCE_sdg_eval.md.
The rule is fixed before any text is read: only the government's own documents (committee
directives, official reports, Council on Legislation referrals, ministry memoranda, written
communications), with a summary of at least 80 characters, not already in
sdg_eval_government.csv, and not with the same summary as a text already taken (the
ministry's memorandum and the later referral often share one); per topic, newest first, a text goes to the tuning sample when the
first byte of the SHA-256 of its address is below 64 (about a quarter), else to the test
sample, until the topic has its quota. The ``goals`` column is left empty, to be filled by
reading each text.
"""

import csv
import hashlib
import json
import sys
from pathlib import Path

TYPES = {
    "rattsliga-dokument/kommittedirektiv.json": "kommittedirektiv",
    "rattsliga-dokument/statens-offentliga-utredningar.json": "statens-offentliga-utredningar",
    "rattsliga-dokument/lagradsremiss.json": "lagradsremiss",
    "rattsliga-dokument/departementsserien-och-promemorior.json": "departementsserien",
    "rattsliga-dokument/skrivelse.json": "skrivelse",
}
# topic: (test quota, tune quota); Agenda 2030 has only about a dozen such texts.
TOPICS = {
    "Innovation": (16, 5),
    "Regional utveckling": (15, 5),
    "Kommuner och regioner": (16, 5),
    "Agenda 2030": (10, 3),
    "Bostäder och samhällsplanering": (16, 5),
}
MAX_LENGTH = 700


def main() -> None:
    index, out_test, out_tune = (Path(arg) for arg in sys.argv[1:4])
    root = Path(__file__).resolve().parent / "data"
    with (root / "sdg_eval_government.csv").open(encoding="utf-8") as handle:
        old = list(csv.DictReader(handle))
    taken = {row["url"] for row in old}
    summaries: set[str] = set()
    records = [
        r
        for r in json.loads(index.read_text(encoding="utf-8"))
        if r["source_index_file"] in TYPES and len(r.get("summary") or "") >= 80
    ]
    records.sort(key=lambda r: (r["published"], r["url"]), reverse=True)
    test: list[dict[str, str]] = []
    tune: list[dict[str, str]] = []
    for topic, (test_quota, tune_quota) in TOPICS.items():
        counts = {"test": 0, "tune": 0}
        for record in records:
            if record["url"] in taken or topic not in {c.strip() for c in record["category_names"]}:
                continue
            summary = " ".join(record["summary"].replace("\u00ad", "").split())
            if summary in summaries:
                continue
            to_tune = hashlib.sha256(record["url"].encode()).digest()[0] < 64
            part, quota = ("tune", tune_quota) if to_tune else ("test", test_quota)
            if counts[part] >= quota:
                continue
            counts[part] += 1
            taken.add(record["url"])
            summaries.add(summary)
            title = record["title"].strip().rstrip(".")
            text = f"{title}. {summary}"[:MAX_LENGTH]
            row = {
                "text": " ".join(text.split()),
                "goals": "",
                "url": record["url"],
                "published": record["published"],
                "type": TYPES[record["source_index_file"]],
                "topic": topic,
            }
            (tune if to_tune else test).append(row)
    for path, rows in ((out_test, test), (out_tune, tune)):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        print(f"{path}: {len(rows)} texts")


if __name__ == "__main__":
    main()
