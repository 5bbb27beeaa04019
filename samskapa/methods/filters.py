"""Filters of the toolbox: one filter set serves the page and the API alike.

Phase, dimension, target group, time, rating and the municipality that has used a method narrow
the list; a search then ranks what is left (``core.search``), so it is declared last.
"""

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.pagination import count_narrowed
from samskapa.core.search import search, text_matches
from samskapa.geo.filters import MunicipalityCodeFilter
from samskapa.methods.models import (
    Adaptation,
    ExperienceReport,
    Lab,
    LabLevel,
    LabTheme,
    Method,
    MethodPhase,
)
from samskapa.methods.selectors import LAB_SEARCH_FIELDS, SEARCH_FIELDS

RATING_CHOICES = [(str(score), str(score)) for score in range(1, 6)]
NARROWING = ("phase", "dimension", "target_group", "max_minutes", "min_rating", "municipality")


class MinutesFilter(django_filters.NumberFilter):
    """Whole minutes; django-filter's ``NumberFilter`` would also take decimals."""

    field_class = forms.IntegerField


class MethodFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(choices=MethodPhase.choices, label=_("When to use it"))
    dimension = django_filters.CharFilter(
        method="filter_dimension", max_length=30, label=_("Sustainability dimension")
    )
    target_group = django_filters.CharFilter(
        method="filter_target_group", max_length=50, label=_("Target group")
    )
    max_minutes = MinutesFilter(
        field_name="total_minutes",
        lookup_expr="lte",
        label=_("Time needed at most (minutes)"),
        min_value=0,
        max_value=10_000_000,
    )
    min_rating = django_filters.ChoiceFilter(
        choices=RATING_CHOICES, method="filter_rating", label=_("Rated at least")
    )
    municipality = MunicipalityCodeFilter(method="filter_municipality", label=_("Used in"))
    q = django_filters.CharFilter(method="filter_search", max_length=200, label=_("Search"))

    class Meta:
        model = Method
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        filtered: QuerySet[Any] = super().filter_queryset(queryset)
        if any(self.form.cleaned_data.get(name) not in (None, "") for name in NARROWING):
            filtered = count_narrowed(filtered)
        return filtered

    # EXISTS rather than joins, so that a method is listed once whatever matched.
    def filter_dimension(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        through = Method.dimensions.through.objects.filter(
            method_id=OuterRef("pk"), sustainabilitydimension__code=value
        )
        return queryset.filter(Exists(through))

    def filter_target_group(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        through = Method.target_groups.through.objects.filter(
            method_id=OuterRef("pk"), stakeholdergroup__code=value
        )
        return queryset.filter(Exists(through))

    def filter_rating(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(rating_average__gte=int(value))

    def filter_municipality(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        adapted = Adaptation.objects.filter(method_id=OuterRef("pk"), municipality__code=value)
        reported = ExperienceReport.objects.filter(
            method_id=OuterRef("pk"), municipality__code=value
        )
        return queryset.filter(Q(Exists(adapted)) | Q(Exists(reported)))

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return search(queryset, value, fields=SEARCH_FIELDS)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class LabFilter(django_filters.FilterSet):
    """Lab workshops by theme, level, a municipality that took part, year and words."""

    theme = django_filters.ChoiceFilter(choices=LabTheme.choices, label=_("Theme"))
    level = django_filters.ChoiceFilter(choices=LabLevel.choices, label=_("Level"))
    municipality = MunicipalityCodeFilter(method="filter_municipality", label=_("Municipality"))
    year = YearFilter(
        field_name="starts_on", lookup_expr="year", label=_("Year"), min_value=1900, max_value=2200
    )
    q = django_filters.CharFilter(method="filter_search", max_length=200, label=_("Search"))

    class Meta:
        model = Lab
        fields: list[str] = []

    def filter_municipality(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        through = Lab.municipalities.through.objects.filter(
            lab_id=OuterRef("pk"), municipality__code=value
        )
        return queryset.filter(Exists(through))

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(text_matches(value, LAB_SEARCH_FIELDS))
