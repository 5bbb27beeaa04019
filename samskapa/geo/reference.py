"""Loading of regions and municipalities from the SCB-based files shipped in ``geo/data``."""

import csv
from pathlib import Path

from django.db import transaction

from samskapa.geo.models import Municipality, Region

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def load_regions_and_municipalities(data_dir: Path = DATA_DIR) -> tuple[int, int]:
    """Create or update the 21 regions and 290 municipalities. Returns (regions, municipalities)."""
    with (data_dir / "counties_derived.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Region.objects.update_or_create(
                code=row["county_code"], defaults={"name": row["county_name"]}
            )
    regions = {region.code: region for region in Region.objects.all()}
    with (data_dir / "municipalities_derived.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Municipality.objects.update_or_create(
                code=row["municipality_code"],
                defaults={
                    "name": row["municipality_name"],
                    "region": regions[row["county_code"]],
                    "population": int(row["population_2024"]),
                    "population_year": 2024,
                },
            )
    return Region.objects.count(), Municipality.objects.count()
