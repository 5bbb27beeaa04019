"""The filters of the list of programmes, for the page and the API alike."""

from typing import Any

import django_filters
from django.core.validators import validate_slug
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.geo.filters import MunicipalityCodeFilter
from samskapa.programmes.models import Programme


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
        # Programmes are few (tens per platform), so a plain substring match is enough here.
        return queryset.filter(
            Q(name__icontains=value) | Q(summary__icontains=value) | Q(description__icontains=value)
        )
