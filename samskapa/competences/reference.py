"""Loading of the JobTech competence taxonomy shipped in ``competences/data`` (see SOURCE.md)."""

import csv
from pathlib import Path

from django.db import transaction

from samskapa.competences.models import Concept, Substitutability

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def load_taxonomy(data_dir: Path = DATA_DIR) -> tuple[int, int]:
    """Create or update the concepts and substitutability relations; returns their counts.

    Idempotent: concepts are keyed by their JobTech id, and only new ones are inserted, in bulk.
    """
    with (data_dir / "concepts.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    existing = {c.jobtech_id: c for c in Concept.objects.all()}
    new, changed = [], []
    for row in rows:
        concept = existing.get(row["id"])
        if concept is None:
            new.append(
                Concept(
                    jobtech_id=row["id"],
                    kind=row["kind"],
                    label=row["label"],
                    ssyk_code=row["ssyk"],
                )
            )
        elif (concept.kind, concept.label, concept.ssyk_code) != (
            row["kind"],
            row["label"],
            row["ssyk"],
        ):
            concept.kind, concept.label, concept.ssyk_code = row["kind"], row["label"], row["ssyk"]
            changed.append(concept)
    Concept.objects.bulk_create(new, batch_size=2000)
    Concept.objects.bulk_update(changed, ["kind", "label", "ssyk_code"], batch_size=2000)
    ids = dict(Concept.objects.values_list("jobtech_id", "pk"))
    groups = []
    for row in rows:
        if row["group"]:
            groups.append(Concept(pk=ids[row["id"]], group_id=ids[row["group"]]))
    Concept.objects.bulk_update(groups, ["group"], batch_size=2000)
    known = set(Substitutability.objects.values_list("occupation_id", "substitute_id"))
    edges = []
    with (data_dir / "substitutability.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pair = (ids[row["occupation"]], ids[row["substitute"]])
            if pair not in known:
                edges.append(
                    Substitutability(
                        occupation_id=pair[0],
                        substitute_id=pair[1],
                        percentage=int(row["percentage"]),
                    )
                )
    Substitutability.objects.bulk_create(edges, batch_size=2000)
    return Concept.objects.count(), Substitutability.objects.count()
