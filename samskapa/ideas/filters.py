"""Filters of the idea list: one filter set serves the page and the API alike.

A value that does not fit (a word where a challenge number belongs, an unknown order) makes
the filter set invalid: the page then shows the whole list with a message (``core.filters``),
the API answers 400.
"""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.ideas import selectors
from samskapa.ideas.models import Idea
from samskapa.needs.filters import IntegerFilter, ListFilterSet

SORT_CHOICES = [
    ("newest", _("Newest")),
    ("supported", _("Most supported")),
    ("commented", _("Most commented")),
]
# The API's names of the same orders.
ORDERINGS = {"-created_at": "newest", "-support_count": "supported", "-comment_count": "commented"}


class IdeaFilter(ListFilterSet):
    """Challenge, municipality and dimension narrow the list; a search then ranks what is left
    (best match first), or else ``sort`` (the page's name) or ``ordering`` (the API's) orders it.

    The filters run in the order they are declared here, and the search must come after the
    others: it ranks only the newest matches of the list it is given (``core.search``).
    """

    challenge = IntegerFilter(field_name="challenge_id", min_value=1, label=_("Challenge"))
    municipality = django_filters.CharFilter(
        field_name="municipality__code", max_length=4, label=_("Municipality code")
    )
    dimension = django_filters.CharFilter(
        field_name="dimensions__code", max_length=30, label=_("Sustainability dimension")
    )
    q = django_filters.CharFilter(method="filter_search", max_length=200, label=_("Search"))
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_sort", label=_("Sort by")
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(name, name) for name in ORDERINGS], method="filter_ordering", label=_("Sort by")
    )

    NARROWING = ("challenge", "municipality", "dimension")

    class Meta:
        model = Idea
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Idea], name: str, value: str) -> QuerySet[Idea]:
        return selectors.ideas_sorted(queryset, query=value)

    def filter_sort(self, queryset: QuerySet[Idea], name: str, value: str) -> QuerySet[Idea]:
        if self.form.cleaned_data.get("q"):
            return queryset  # a search keeps its best matches first
        return selectors.ideas_sorted(queryset, sort=value)

    def filter_ordering(self, queryset: QuerySet[Idea], name: str, value: str) -> QuerySet[Idea]:
        return self.filter_sort(queryset, name, ORDERINGS[value])
