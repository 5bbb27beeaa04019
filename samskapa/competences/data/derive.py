"""Derive the compact taxonomy files of this folder from the JobTech Taxonomy JSON files.

Usage: ``python samskapa/competences/data/derive.py <folder with the JobTech JSON files>``.
Reads ``the-ssyk-hierarchy-with-occupations.json``, ``skills.json`` and
``substitutability-relations-between-occupations.json`` (see SOURCE.md) and writes
``concepts.csv`` and ``substitutability.csv`` next to this script. Run it again when the
taxonomy is updated; ``manage.py load_competence_taxonomy`` then loads the result.
"""

import csv
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _concepts(source: Path) -> list[dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    tree = json.loads((source / "the-ssyk-hierarchy-with-occupations.json").read_text("utf-8"))

    def walk(node: dict[str, Any]) -> None:
        code = node.get("ssyk_code_2012") or ""
        if node.get("type") == "ssyk-level-4":
            rows.setdefault(
                node["id"],
                {
                    "id": node["id"],
                    "kind": "group",
                    "label": node["preferred_label"],
                    "ssyk": code,
                    "group": "",
                },
            )
            for occupation in node.get("narrower", []):
                if occupation.get("type") == "occupation-name":
                    # An occupation listed under two groups keeps the first.
                    rows.setdefault(
                        occupation["id"],
                        {
                            "id": occupation["id"],
                            "kind": "occupation",
                            "label": occupation["preferred_label"],
                            "ssyk": code,
                            "group": node["id"],
                        },
                    )
            return
        for child in node.get("narrower", []):
            walk(child)

    for root in tree["data"]["concepts"]:
        walk(root)
    skills = json.loads((source / "skills.json").read_text("utf-8"))["data"]["concepts"]
    for skill in skills:
        rows.setdefault(
            skill["id"],
            {
                "id": skill["id"],
                "kind": "skill",
                "label": skill["preferred_label"],
                "ssyk": "",
                "group": "",
            },
        )
    return sorted(rows.values(), key=lambda row: (row["kind"], row["label"], row["id"]))


def _substitutability(source: Path, known: set[str]) -> list[tuple[str, str, int]]:
    """(occupation, occupation that can stand in for it, percentage) from ``substituted_by``."""
    data = json.loads(
        (source / "substitutability-relations-between-occupations.json").read_text("utf-8")
    )["data"]["concepts"]
    edges = set()
    for occupation in data:
        for other in occupation.get("substituted_by") or []:
            if occupation["id"] in known and other["id"] in known:
                edges.add(
                    (occupation["id"], other["id"], int(other["substitutability_percentage"]))
                )
    return sorted(edges)


def main(source: Path) -> None:
    concepts = _concepts(source)
    with (HERE / "concepts.csv").open("w", encoding="utf-8", newline="") as handle:
        concept_writer = csv.DictWriter(handle, fieldnames=["id", "kind", "label", "ssyk", "group"])
        concept_writer.writeheader()
        concept_writer.writerows(concepts)
    edges = _substitutability(source, {row["id"] for row in concepts})
    with (HERE / "substitutability.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["occupation", "substitute", "percentage"])
        writer.writerows(edges)
    print(f"{len(concepts)} concepts, {len(edges)} substitutability relations")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
