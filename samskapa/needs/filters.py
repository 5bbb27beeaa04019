"""Filters of the needs lists: each filter set serves the page, the CSV export and the API alike.

A value that does not fit (a word where a campaign number belongs, an unknown sort) makes the
filter set invalid: the page then shows the whole list with a message (``core.filters``), the
export and the API answer 400.
"""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.pagination import count_narrowed
from samskapa.needs import selectors
from samskapa.needs.models import Campaign, Need


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (an id); django-filter's ``NumberFilter`` also takes decimals."""

    field_class = forms.IntegerField


class ListFilterSet(django_filters.FilterSet):
    """A list's filter set: the filters named in ``NARROWING`` mark the list as narrowed, so
    that it is counted to the lower cap of ``core.pagination``; ``values`` gives a page's filter
    form the values in use."""

    NARROWING: tuple[str, ...] = ()

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        filtered: QuerySet[Any] = super().filter_queryset(queryset)
        if any(self.form.cleaned_data.get(name) not in (None, "") for name in self.NARROWING):
            filtered = count_narrowed(filtered)
        return filtered

    @property
    def values(self) -> dict[str, Any]:
        """The valid values, for the form of the page (none when the list is not filtered)."""
        return dict(self.form.cleaned_data) if self.is_valid() else {}


SORT_CHOICES = [("newest", _("Newest first")), ("supported", _("Most supported"))]


class NeedFilter(ListFilterSet):
    """Project, stakeholder group, dimension and campaign narrow the list; then the search
    ranks what is left (best match first) and ``sort`` orders it.

    The filters run in the order they are declared here, and the search must come after the
    others: it ranks only the newest matches of the list it is given (``core.search``).
    """

    project = django_filters.CharFilter(field_name="project__slug", label=_("Project"))
    # ``group`` is the name the list page has always used, ``stakeholder_group`` the API's.
    group = django_filters.CharFilter(
        field_name="stakeholder_group__code", label=_("Stakeholder group")
    )
    stakeholder_group = django_filters.CharFilter(
        field_name="stakeholder_group__code", label=_("Stakeholder group")
    )
    dimension = django_filters.CharFilter(
        field_name="dimensions__code", label=_("Sustainability dimension")
    )
    campaign = IntegerFilter(field_name="campaign_id", label=_("Campaign"))
    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_sort", label=_("Sort by")
    )

    NARROWING = ("project", "group", "stakeholder_group", "dimension", "campaign")

    class Meta:
        model = Need
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Need], name: str, value: str) -> QuerySet[Need]:
        sort = self.form.cleaned_data.get("sort") or "newest"
        return selectors.needs_sorted(queryset, query=value, sort=sort)

    def filter_sort(self, queryset: QuerySet[Need], name: str, value: str) -> QuerySet[Need]:
        if self.form.cleaned_data.get("q"):
            return queryset  # filter_search has sorted the matches
        return selectors.needs_sorted(queryset, sort=value)


class ModerationFilter(ListFilterSet):
    """The moderation queue: all needs, or the visible, hidden, waiting or reported ones."""

    state = django_filters.ChoiceFilter(
        choices=[
            ("visible", _("Visible")),
            ("hidden", _("Hidden")),
            ("awaiting", _("Awaiting approval")),
            ("reported", _("Reported")),
        ],
        method="filter_state",
        label=_("Show"),
    )

    class Meta:
        model = Need
        fields: list[str] = []

    def filter_state(self, queryset: QuerySet[Need], name: str, value: str) -> QuerySet[Need]:
        if value == "awaiting":
            return queryset.filter(awaiting_approval=True, is_hidden=False)
        if value == "reported":
            # Annotated by needs.selectors.moderation_queue, the queryset this filter narrows.
            return queryset.filter(open_report_count__gt=0)  # type: ignore[misc]
        return queryset.filter(is_hidden=value == "hidden")


class CampaignFilter(django_filters.FilterSet):
    """The campaigns of one project (``project__slug``), in the API."""

    project__slug = django_filters.CharFilter(field_name="project__slug", label=_("Project"))

    class Meta:
        model = Campaign
        fields: list[str] = []
