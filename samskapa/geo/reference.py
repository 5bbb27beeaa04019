"""Loading of regions and municipalities from the SCB-based files shipped in ``geo/data``."""

import csv
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from samskapa.geo.models import Municipality, Region

DATA_DIR = Path(__file__).resolve().parent / "data"


def municipality_slugs(names: dict[str, str]) -> dict[str, str]:
    """The address name of each municipality, by code, from ``names`` (code to name).

    Diacritics go (Gävle: ``gavle``). Two names differ only by them, Håbo and Habo: the name
    written without diacritics keeps the plain slug and the other gets its code added
    (``habo-0305``), so every slug stays unique and stable.
    """
    plain = {code: slugify(name) for code, name in names.items()}
    taken_by_ascii_name = {plain[code] for code, name in names.items() if name.isascii()}
    return {
        code: f"{slug}-{code}"
        if slug in taken_by_ascii_name and not names[code].isascii()
        else slug
        for code, slug in plain.items()
    }


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
        rows = list(csv.DictReader(handle))
    slugs = municipality_slugs({row["municipality_code"]: row["municipality_name"] for row in rows})
    for row in rows:
        Municipality.objects.update_or_create(
            code=row["municipality_code"],
            defaults={
                "name": row["municipality_name"],
                "slug": slugs[row["municipality_code"]],
                "region": regions[row["county_code"]],
                "population": int(row["population_2024"]),
                "population_year": 2024,
            },
        )
    return Region.objects.count(), Municipality.objects.count()
