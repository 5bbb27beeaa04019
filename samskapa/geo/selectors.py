"""Reads of the reference data: municipalities found by their name, however it is typed."""

from django.db.models import QuerySet

from samskapa.core.search import fold
from samskapa.geo.models import Municipality

# The list of municipalities that matched a typed name shows at most this many.
MAX_MATCHES = 30


def municipalities_with_region() -> QuerySet[Municipality]:
    """All 290 municipalities by name, each with its county (one query)."""
    return Municipality.objects.select_related("region").order_by("name")


def municipalities_named(query: str) -> list[Municipality]:
    """Municipalities whose name contains ``query``, diacritics and case left aside
    ("gavle" finds Gävle); names that begin with it first.

    The 290 names are compared in Python: a constant, small table, read in one query.
    """
    wanted = fold(query.strip())
    if not wanted:
        return []
    found = [m for m in municipalities_with_region() if wanted in fold(m.name)]
    found.sort(key=lambda m: (not fold(m.name).startswith(wanted), m.name))
    return found[:MAX_MATCHES]


def municipality_by_slug_or_code(value: str) -> Municipality | None:
    """The municipality of an address name (``gavle``) or of an SCB code (``2180``)."""
    field = "code" if value.isdigit() else "slug"
    return municipalities_with_region().filter(**{field: value}).first()


def municipality_options() -> list[dict[str, str]]:
    """Name, county and page address of every municipality, for the "Din kommun" box."""
    return [
        {"name": m.name, "region": m.region.name, "url": m.get_absolute_url()}
        for m in municipalities_with_region()
    ]
