"""The filters of the list of events, for the page and the API alike."""

from typing import Any

import django_filters
from django.core.validators import validate_slug
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskapa.events.models import Event, EventKind
from samskapa.geo.filters import MunicipalityCodeFilter


class EventFilter(django_filters.FilterSet):
    """``when`` (upcoming, the default, or past), ``kind``, ``network`` and ``organiser``
    (slugs), ``municipality`` (the host's code) and ``q``, words in the title or summary."""

    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
        method="by_time",
        empty_label=None,
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    network = django_filters.CharFilter(
        field_name="network__slug", label=_("Network"), validators=[validate_slug]
    )
    organiser = django_filters.CharFilter(
        field_name="organiser__slug", label=_("Organiser"), validators=[validate_slug]
    )
    municipality = MunicipalityCodeFilter(field_name="host_municipality__code")
    q = django_filters.CharFilter(label=_("Search"), method="search_text", max_length=200)

    class Meta:
        model = Event
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        # Upcoming events unless the reader asks for others.
        data = data.copy() if data is not None else {}
        if not data.get("when"):
            data["when"] = "upcoming"
        super().__init__(data, *args, **kwargs)

    def by_time(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now)
        if value == "past":
            return queryset.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        return queryset

    def search_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # Events are counted in hundreds per year, so a substring match is enough here.
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__icontains=value) | Q(place__icontains=value)
        )
