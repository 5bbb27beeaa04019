"""The one way to filter a list: a django-filter ``FilterSet`` per app, in its ``filters.py``.

The same filter set serves the page and the API list. In the API, django-filter's backend
answers 400 with the errors as JSON when a value is invalid. On a page, ``filter_list`` gives
the unfiltered list and a visible message instead, so a bad bookmark or a hand-edited address
never ends in an error page.
"""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import django_filters
from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

M = TypeVar("M", bound=Model)


@dataclass
class FilteredList(Generic[M]):
    """The list a page shows, and the filter set that made it (for the form and its errors)."""

    queryset: QuerySet[M]
    filterset: django_filters.FilterSet

    @property
    def is_filtered(self) -> bool:
        """Whether the reader narrowed the list (with valid values)."""
        return self.filterset.is_valid() and any(
            value not in (None, "", [], ()) for value in self.filterset.form.cleaned_data.values()
        )


def filter_list(
    request: HttpRequest,
    filterset_class: type[django_filters.FilterSet],
    queryset: QuerySet[M],
    **kwargs: Any,
) -> FilteredList[M]:
    """Apply ``filterset_class`` to ``queryset`` with the page's query string.

    Invalid values (a word where a number belongs, an unknown choice) give the whole list and
    a message that names the filters that could not be used.
    """
    filterset = filterset_class(request.GET, queryset=queryset, request=request, **kwargs)
    if filterset.is_valid():
        return FilteredList(queryset=filterset.qs, filterset=filterset)
    labels = [
        str(filterset.form.fields[name].label or name)
        for name in filterset.errors
        if name in filterset.form.fields
    ]
    messages.warning(
        request,
        _("Some filters could not be used, so the whole list is shown: %(filters)s.")
        % {"filters": ", ".join(labels) or _("unknown filter")},
    )
    return FilteredList(queryset=queryset, filterset=filterset)
