"""The filters of the list of programmes, for the page and the API alike."""

from typing import Any

import django_filters
from django.core.validators import validate_slug
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.search import text_matches
from samskapa.geo.filters import MunicipalityCodeFilter
from samskapa.programmes.models import Programme
from samskapa.programmes.selectors import PROGRAMME_SEARCH_FIELDS


class ProgrammeFilter(django_filters.FilterSet):
    """``municipality`` (code of a participating municipality), ``organisation`` (slug of the
    leading one) and ``q``, words in the name, summary or description."""

    municipality = MunicipalityCodeFilter(method="in_municipality")
    organisation = django_filters.CharFilter(
        field_name="organisation__slug", label=_("Leading organisation"), validators=[validate_slug]
    )
    q = django_filters.CharFilter(label=_("Search"), method="search_text", max_length=200)

    class Meta:
        model = Programme
        fields: list[str] = []

    def in_municipality(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # EXISTS rather than a join, so that a programme is listed once and its counts hold.
        takes_part = Programme.municipalities.through.objects.filter(
            programme_id=OuterRef("pk"), municipality__code=value
        )
        return queryset.filter(Exists(takes_part))

    def search_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(text_matches(value, PROGRAMME_SEARCH_FIELDS))
