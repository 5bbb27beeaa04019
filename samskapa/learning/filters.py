"""The list of learning programmes: one filter set for the page and the API."""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.search import text_matches
from samskapa.learning.models import LearningProgramme
from samskapa.learning.selectors import SEARCH_FIELDS


class YearFilter(django_filters.NumberFilter):
    """A whole year the database can hold; other numbers are refused by the form."""

    field_class = forms.IntegerField


class ProgrammeFilter(django_filters.FilterSet):
    year = YearFilter(
        field_name="starts_on", lookup_expr="year", label=_("Year"), min_value=1900, max_value=2200
    )
    q = django_filters.CharFilter(method="filter_query", max_length=200, label=_("Search"))

    class Meta:
        model = LearningProgramme
        fields: list[str] = []

    def filter_query(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(text_matches(value, SEARCH_FIELDS)) if value else queryset
