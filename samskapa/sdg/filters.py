"""Filters on the SDG targets."""

import django_filters
from django.utils.translation import gettext_lazy as _

from samskapa.sdg.models import Target


class TargetFilter(django_filters.FilterSet):
    """The targets of one goal: ``?goal__number=11``."""

    # A whole number from 1 to 17: other values answer 400 rather than reaching the database.
    goal__number = django_filters.NumberFilter(
        field_name="goal__number", label=_("Goal"), min_value=1, max_value=17, decimal_places=0
    )

    class Meta:
        model = Target
        fields: list[str] = []
