"""The filters of the list of projects, for the page and the API alike."""

from typing import Any

import django_filters
from django.core.validators import validate_slug
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.search import search
from samskapa.geo.filters import MunicipalityCodeFilter, RegionCodeFilter
from samskapa.projects.models import Project, ProjectPhase
from samskapa.projects.selectors import PROJECT_SEARCH_FIELDS


class ProjectFilter(django_filters.FilterSet):
    """``municipality`` and ``region`` (SCB codes), ``phase``, ``organisation`` (slug of the
    one that runs it) and ``q``, a Swedish full-text search of the project's texts."""

    municipality = MunicipalityCodeFilter(field_name="municipality__code")
    region = RegionCodeFilter(field_name="municipality__region__code")
    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=ProjectPhase.choices)
    organisation = django_filters.CharFilter(
        field_name="organisation__slug", label=_("Organisation"), validators=[validate_slug]
    )
    # Last: the search ranks the rows that the other filters keep.
    q = django_filters.CharFilter(label=_("Search"), method="search_text")

    class Meta:
        model = Project
        fields: list[str] = []

    def search_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return search(queryset, value, fields=PROJECT_SEARCH_FIELDS, place="municipality")
