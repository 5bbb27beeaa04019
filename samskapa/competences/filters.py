"""Filters of the lists of profiles and needs for competence, for the pages and the API alike."""

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.competences.models import CompetenceNeed, Profile
from samskapa.core.models import HelixSector
from samskapa.geo.filters import MunicipalityCodeFilter


def _text(queryset: QuerySet[Any], value: str, fields: list[str]) -> QuerySet[Any]:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": value})
    return queryset.filter(condition)


class ProfileFilter(django_filters.FilterSet):
    """``q`` (words in the headline, offer or own words), ``sector``, ``dimension`` (code),
    ``competence`` (id of a concept) and ``municipality`` (code of a place they work in)."""

    q = django_filters.CharFilter(label=_("Search"), method="search_text", max_length=200)
    sector = django_filters.ChoiceFilter(
        field_name="helix_sector", label=_("Helix sector"), choices=HelixSector.choices
    )
    dimension = django_filters.CharFilter(
        label=_("Sustainability dimension"), method="with_dimension", max_length=30
    )
    competence = django_filters.NumberFilter(
        label=_("Competence"), method="with_competence", min_value=1, max_value=2**31 - 1
    )
    municipality = MunicipalityCodeFilter(method="in_municipality")

    class Meta:
        model = Profile
        fields: list[str] = []

    def search_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return _text(queryset, value, ["title", "offers", "other_competences"])

    def with_dimension(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        through = Profile.dimensions.through.objects.filter(
            profile_id=OuterRef("pk"), sustainabilitydimension__code=value
        )
        return queryset.filter(Exists(through))

    def with_competence(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        through = Profile.competences.through.objects.filter(
            profile_id=OuterRef("pk"), concept_id=int(value)
        )
        return queryset.filter(Exists(through))

    def in_municipality(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        through = Profile.municipalities.through.objects.filter(
            profile_id=OuterRef("pk"), municipality__code=value
        )
        return queryset.filter(Q(whole_country=True) | Exists(through))


class CompetenceNeedFilter(django_filters.FilterSet):
    """``q`` (words in the title or description), ``open`` (true or false) and
    ``municipality`` (code)."""

    q = django_filters.CharFilter(label=_("Search"), method="search_text", max_length=200)
    open = django_filters.BooleanFilter(field_name="is_open", label=_("Open for matching"))
    municipality = MunicipalityCodeFilter(field_name="municipality__code")

    class Meta:
        model = CompetenceNeed
        fields: list[str] = []

    def search_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return _text(queryset, value, ["title", "description"])
