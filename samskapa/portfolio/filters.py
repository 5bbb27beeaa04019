"""Filters of the initiative list, shared by the page and the API (``core.filters``).

Each filter narrows through ``selectors.narrow_initiatives``, so the page, the API and the
selector's callers filter in one way. A value of the wrong shape (an unknown stage, a slug with
spaces, a municipality code longer than four characters) makes the filter set invalid: the
page then shows the whole list with a message, the API answers 400.
"""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.portfolio.models import Initiative, Stage
from samskapa.portfolio.selectors import narrow_initiatives


class SlugFilter(django_filters.CharFilter):
    """A filter on a slug or a code: letters, digits, hyphens and underscores only."""

    field_class = forms.SlugField


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), max_length=200, method="narrow", help_text=_("Words to search for.")
    )
    programme = SlugFilter(
        label=_("Programme"), max_length=80, method="narrow", help_text=_("Programme slug.")
    )
    municipality = django_filters.CharFilter(
        label=_("Municipality code"),
        max_length=4,
        method="narrow",
        help_text=_("Four digits, e.g. 2180 for Gävle."),
    )
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices, method="narrow")
    dimension = SlugFilter(
        label=_("Sustainability dimension"),
        max_length=30,
        method="narrow",
        help_text=_("Code of a sustainability dimension."),
    )

    class Meta:
        model = Initiative
        fields = ["q", "programme", "municipality", "stage", "dimension"]

    # The query string's names, and the selector's.
    NAMES = {
        "q": "query",
        "programme": "programme_slug",
        "municipality": "municipality_code",
        "stage": "stage",
        "dimension": "dimension",
    }

    def narrow(self, queryset: QuerySet[Initiative], name: str, value: Any) -> QuerySet[Initiative]:
        return narrow_initiatives(queryset, **{self.NAMES[name]: value.strip()})
