"""Reads of organisations, units and memberships."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from samskapa.core.predicates import LEADER_ROLES, memberships_of
from samskapa.core.search import search
from samskapa.organisations.models import Membership, Organisation, Unit

ORGANISATION_SEARCH_FIELDS = ("name", "description")


def organisation_list(
    *,
    user: Any,
    query: str = "",
    type: str = "",
    helix_sector: str = "",
    municipality_code: str = "",
) -> QuerySet[Organisation]:
    """Organisations for the public list, filtered, with counts in the same query."""
    # Ordered explicitly: Django drops Meta.ordering from queries with GROUP BY (the count).
    organisations = (
        Organisation.objects.select_related("municipality")
        .annotate(
            project_count=Count("projects", filter=Q(projects__visibility="public"), distinct=True),
        )
        .order_by("name", "pk")
    )
    if type:
        organisations = organisations.filter(type=type)
    if helix_sector:
        organisations = organisations.filter(helix_sector=helix_sector)
    if municipality_code:
        organisations = organisations.filter(municipality__code=municipality_code)
    if query:
        organisations = search(organisations, query, fields=ORGANISATION_SEARCH_FIELDS)
    return organisations


def organisation_detail_queryset() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("municipality__region").prefetch_related(
        Prefetch("units", queryset=Unit.objects.select_related("parent")),
    )


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("role", "user__email")


def organisations_where_user_leads(*, user: Any) -> QuerySet[Organisation]:
    """Organisations in which ``user`` may start projects."""
    if user.is_superuser:
        return Organisation.objects.all()
    ids = {org for org, _project, role in memberships_of(user) if org and role in LEADER_ROLES}
    return Organisation.objects.filter(pk__in=ids)


def organisations_of(*, user: Any) -> QuerySet[Organisation]:
    ids = {org for org, _project, _role in memberships_of(user) if org}
    return Organisation.objects.filter(pk__in=ids).select_related("municipality")
