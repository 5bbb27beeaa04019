"""Loading of the shared vocabularies: sustainability dimensions and stakeholder groups."""

import json
from pathlib import Path

from django.db import transaction

from samskapa.core.models import StakeholderGroup, SustainabilityDimension

DATA_FILE = Path(__file__).resolve().parent / "data" / "reference.json"


@transaction.atomic
def load_vocabularies(data_file: Path = DATA_FILE) -> tuple[int, int]:
    """Create or update dimensions and stakeholder groups. Returns their counts."""
    data = json.loads(data_file.read_text(encoding="utf-8"))
    for model, rows in (
        (SustainabilityDimension, data["dimensions"]),
        (StakeholderGroup, data["stakeholder_groups"]),
    ):
        for position, row in enumerate(rows):
            model.objects.update_or_create(code=row["code"], defaults={**row, "position": position})
    return SustainabilityDimension.objects.count(), StakeholderGroup.objects.count()
