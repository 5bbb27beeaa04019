"""Filters on regions and municipalities, by SCB's codes, for every app's filter sets.

A code of the wrong shape (``?municipality=abc``) is an invalid value: the API answers 400 and
a page shows the whole list with a message (``core.filters``), instead of an empty result.
"""

from typing import Any

import django_filters
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from samskapa.geo.models import Municipality

municipality_code_validator = RegexValidator(
    r"^\d{4}\Z", _("A municipality code is four digits, e.g. 2180.")
)
region_code_validator = RegexValidator(r"^\d{2}\Z", _("A county code is two digits, e.g. 21."))


class MunicipalityCodeFilter(django_filters.CharFilter):
    """A municipality by its four-digit code; ``field_name`` is the path to the code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Municipality code"))
        kwargs.setdefault("validators", [municipality_code_validator])
        super().__init__(*args, **kwargs)


class RegionCodeFilter(django_filters.CharFilter):
    """A county (län) by its two-digit code; ``field_name`` is the path to the code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("County code"))
        kwargs.setdefault("validators", [region_code_validator])
        super().__init__(*args, **kwargs)


class MunicipalityFilter(django_filters.FilterSet):
    """The municipalities of one county: ``?region__code=25``."""

    region__code = RegionCodeFilter(field_name="region__code")

    class Meta:
        model = Municipality
        fields: list[str] = []
