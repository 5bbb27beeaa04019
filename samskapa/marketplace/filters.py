"""Filters of the lists of services and requests, for the pages and the API alike."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskapa.core.search import search
from samskapa.marketplace.models import (
    DataLocation,
    PricingModel,
    ProcurementRequest,
    RequestStatus,
    RequestType,
    Service,
    ServiceCategory,
)
from samskapa.marketplace.selectors import REQUEST_SEARCH_FIELDS, SERVICE_SEARCH_FIELDS


class ServiceFilter(django_filters.FilterSet):
    """``q`` (words, Swedish stemming), ``category``, ``pricing_model``, ``data_location``."""

    q = django_filters.CharFilter(label=_("Search"), method="search_text", max_length=200)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=ServiceCategory.choices)
    pricing_model = django_filters.ChoiceFilter(
        label=_("Pricing model"), choices=PricingModel.choices
    )
    data_location = django_filters.ChoiceFilter(
        label=_("Data location"), choices=DataLocation.choices
    )

    class Meta:
        model = Service
        fields: list[str] = []

    def search_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return search(queryset, value, fields=SERVICE_SEARCH_FIELDS)


class RequestFilter(django_filters.FilterSet):
    """``q`` (words), ``type``, ``status``, and ``open`` (still taking responses)."""

    q = django_filters.CharFilter(label=_("Search"), method="search_text", max_length=200)
    type = django_filters.ChoiceFilter(
        field_name="request_type", label=_("Type"), choices=RequestType.choices
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    open = django_filters.BooleanFilter(label=_("Taking responses"), method="taking_responses")

    class Meta:
        model = ProcurementRequest
        fields: list[str] = []

    def search_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return search(queryset, value, fields=REQUEST_SEARCH_FIELDS)

    def taking_responses(
        self, queryset: QuerySet[Any], name: str, value: bool | None
    ) -> QuerySet[Any]:
        if value is None:
            return queryset
        now = timezone.now()
        if value:
            return queryset.filter(status=RequestStatus.PUBLISHED, response_deadline__gt=now)
        return queryset.exclude(status=RequestStatus.PUBLISHED, response_deadline__gt=now)
