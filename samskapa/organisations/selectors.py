"""Reads of organisations, units and memberships.

``organisations_where_user_leads`` and ``organisations_user_may_act_for`` are the rules
``organisations.lead_organisation`` and ``organisations.act_for_organisation`` as queries
(``organisations/rules.py``); change each together with its rule.
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from samskapa.core.access import Viewer, access
from samskapa.core.predicates import LEADER_ROLES, is_superuser, organisation_ids
from samskapa.core.search import search
from samskapa.organisations.models import Membership, Organisation, Unit

ORGANISATION_SEARCH_FIELDS = ("name", "description")


def access_organisation(*, user: Viewer, slug: str, rule: str | None = None) -> Organisation:
    """The organisation ``slug`` with its units, if ``user`` may do ``rule`` on it (else 403).

    Organisations are public, so only an unknown one answers 404.
    """
    return access(
        organisation_detail_queryset(),
        user=user,
        view_permission="organisations.view_organisation",
        permission=rule,
        slug=slug,
    )


def access_unit(*, user: Viewer, organisation_slug: str, pk: int, rule: str | None = None) -> Unit:
    """Unit ``pk`` of the organisation ``organisation_slug``; ``rule`` is checked on the
    organisation (403). A unit of another organisation answers 404."""
    organisation = access_organisation(user=user, slug=organisation_slug, rule=rule)
    unit = get_object_or_404(Unit, organisation=organisation, pk=pk)
    unit.organisation = organisation
    return unit


def access_membership(
    *, user: Viewer, organisation_slug: str, pk: int, rule: str | None = None
) -> Membership:
    """Membership ``pk`` in the organisation ``organisation_slug``; ``rule`` is checked on the
    organisation (403). A membership elsewhere answers 404."""
    organisation = access_organisation(user=user, slug=organisation_slug, rule=rule)
    membership = get_object_or_404(Membership, organisation=organisation, pk=pk)
    membership.organisation = organisation
    return membership


def organisation_list(*, user: Viewer, query: str = "") -> QuerySet[Organisation]:
    """Organisations for the public list, with counts in the same query; ``query`` searches
    their names and descriptions (the site search). The list's filters are
    ``organisations.filters.OrganisationFilter``."""
    # Ordered explicitly: Django drops Meta.ordering from queries with GROUP BY (the count).
    organisations = (
        Organisation.objects.select_related("municipality")
        .annotate(
            project_count=Count("projects", filter=Q(projects__visibility="public"), distinct=True),
        )
        .order_by("name", "pk")
    )
    if query:
        organisations = search(organisations, query, fields=ORGANISATION_SEARCH_FIELDS)
    return organisations


def organisation_detail_queryset() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("municipality__region").prefetch_related(
        Prefetch("units", queryset=Unit.objects.select_related("parent")),
    )


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("role", "user__email")


def organisations_where_user_leads(*, user: Viewer) -> QuerySet[Organisation]:
    """Organisations in which ``user`` may start projects and programmes.

    The rule ``organisations.lead_organisation`` as a query.
    """
    if is_superuser(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids(user, LEADER_ROLES))


def organisations_user_may_act_for(*, user: Viewer) -> QuerySet[Organisation]:
    """Organisations on whose behalf ``user`` may write: any role will do.

    The rule ``organisations.act_for_organisation`` as a query.
    """
    if is_superuser(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids(user))


def organisations_of(*, user: Viewer) -> QuerySet[Organisation]:
    """The organisations ``user`` belongs to (the platform administrator's own ones only)."""
    return Organisation.objects.filter(pk__in=organisation_ids(user)).select_related("municipality")
