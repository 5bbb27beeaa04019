"""The municipality field of list filters: chosen by name, never by a code nobody knows."""

from typing import Any

from django import template

from samskapa.geo.selectors import municipalities_with_region

register = template.Library()


@register.inclusion_tag("geo/municipality_filter.html")
def municipality_filter(
    selected: Any = "", field_id: str = "filter-municipality"
) -> dict[str, Any]:
    """A select of the 290 municipalities by county (its value is the SCB code, which the
    filters and the API take), which ``static/js/combobox.js`` makes searchable by name."""
    municipalities = list(municipalities_with_region())
    counties: dict[str, list[Any]] = {}
    for municipality in sorted(municipalities, key=lambda m: (m.region.code, m.name)):
        counties.setdefault(municipality.region.name, []).append(municipality)
    return {
        "counties": counties,
        "selected": str(selected or ""),
        "field_id": field_id,
    }
