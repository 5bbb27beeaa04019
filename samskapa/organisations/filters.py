"""The filters of the list of organisations, for the page and the API alike."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.models import HelixSector
from samskapa.core.search import search
from samskapa.geo.filters import MunicipalityCodeFilter
from samskapa.organisations.models import Organisation, OrganisationType
from samskapa.organisations.selectors import ORGANISATION_SEARCH_FIELDS


class OrganisationFilter(django_filters.FilterSet):
    """``type``, ``helix_sector`` (the page's form calls it ``sector``), ``municipality`` (code)
    and ``q``, a Swedish full-text search of names and descriptions."""

    type = django_filters.ChoiceFilter(label=_("Type"), choices=OrganisationType.choices)
    helix_sector = django_filters.ChoiceFilter(label=_("Helix sector"), choices=HelixSector.choices)
    sector = django_filters.ChoiceFilter(
        field_name="helix_sector", label=_("Helix sector"), choices=HelixSector.choices
    )
    municipality = MunicipalityCodeFilter(field_name="municipality__code")
    # Last: the search ranks the rows that the other filters keep.
    q = django_filters.CharFilter(label=_("Search"), method="search_text")

    class Meta:
        model = Organisation
        fields: list[str] = []

    def search_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return search(queryset, value, fields=ORGANISATION_SEARCH_FIELDS)
