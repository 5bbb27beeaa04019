"""Portfolio pages with balance views: the overview, a programme's and a municipality's portfolio."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property

from samskapa.core.access import access
from samskapa.geo.models import Municipality
from samskapa.portfolio import balance
from samskapa.programmes.models import Programme

INITIATIVES_PER_PAGE = 20
PARKED_PER_PAGE = 10


def index(request: HttpRequest) -> HttpResponse:
    overview = balance.portfolio_overview(user=request.user)
    return render(request, "portfolio/portfolio_index.html", {"overview": overview})


def programme_portfolio(request: HttpRequest, slug: str) -> HttpResponse:
    # Lean, unlike access_programme, which loads the programme page's phases and milestones.
    programme = access(
        Programme.objects.select_related("organisation"),
        user=request.user,
        view_permission="programmes.view_programme",
        slug=slug,
    )
    context = _portfolio_context(request, balance.Scope(programme=programme))
    context["programme"] = programme
    return render(request, "portfolio/portfolio_programme.html", context)


def municipality_portfolio(request: HttpRequest, code: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.select_related("region"), code=code)
    context = _portfolio_context(request, balance.Scope(municipality=municipality))
    context["municipality"] = municipality
    return render(request, "portfolio/portfolio_municipality.html", context)


class _CountedPaginator(Paginator):
    """A paginator told its count: the balance has just counted the same initiatives."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def _portfolio_context(request: HttpRequest, scope: balance.Scope) -> dict[str, Any]:
    figures = balance.portfolio_balance(user=request.user, scope=scope)
    listed = _CountedPaginator(
        balance.portfolio_initiatives(user=request.user, scope=scope),
        INITIATIVES_PER_PAGE,
        count=figures.initiative_count - figures.parked_count,
    )
    parked = _CountedPaginator(
        balance.parked_initiatives(user=request.user, scope=scope),
        PARKED_PER_PAGE,
        count=figures.parked_count,
    )
    return {
        "balance": figures,
        "page_obj": listed.get_page(request.GET.get("page")),
        # Its own page number, so that paging the shelf keeps the page of the main list.
        "parked_page": parked.get_page(request.GET.get("parked")),
    }
