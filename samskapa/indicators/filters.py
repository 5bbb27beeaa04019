"""The filters of the list of indicators, for the page and the API alike."""

from typing import Any

import django_filters
from django.core.validators import validate_slug
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.geo.filters import MunicipalityCodeFilter
from samskapa.indicators.models import Indicator, IndicatorKind


class IndicatorFilter(django_filters.FilterSet):
    """``q`` (words in the name or description), ``municipality`` (code), ``project`` (slug),
    ``kind`` (own or kolada) and ``goal`` (number of an Agenda 2030 goal it follows up)."""

    q = django_filters.CharFilter(label=_("Search"), method="search_text", max_length=200)
    municipality = MunicipalityCodeFilter(method="in_municipality")
    project = django_filters.CharFilter(
        field_name="project__slug", label=_("Project"), validators=[validate_slug]
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=IndicatorKind.choices)
    goal = django_filters.NumberFilter(
        label=_("Agenda 2030 goal"), method="for_goal", min_value=1, max_value=17
    )

    class Meta:
        model = Indicator
        fields: list[str] = []

    def search_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # Indicators are tens or hundreds per municipality: a substring match is enough.
        return queryset.filter(
            Q(name__icontains=value) | Q(description__icontains=value) | Q(kolada_id__iexact=value)
        )

    def in_municipality(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(Q(municipality__code=value) | Q(project__municipality__code=value))

    def for_goal(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        linked = Indicator.sdg_targets.through.objects.filter(target__goal__number=value)
        return queryset.filter(pk__in=linked.values("indicator_id"))
