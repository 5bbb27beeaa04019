"""REST API of the portfolio balance views: the figures of a programme's or a municipality's page."""

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from samskapa.core.access import access
from samskapa.geo.models import Municipality
from samskapa.portfolio import balance
from samskapa.programmes.models import Programme


def _bars(name: str) -> Any:
    return inline_serializer(
        name=name,
        fields={
            "key": serializers.CharField(),
            "label": serializers.CharField(),
            "count": serializers.IntegerField(),
        },
        many=True,
    )


BALANCE_SCHEMA = inline_serializer(
    name="PortfolioBalance",
    fields={
        "scope": inline_serializer(
            name="PortfolioScope",
            fields={
                "type": serializers.ChoiceField(choices=["programme", "municipality"]),
                "id": serializers.CharField(help_text="Programme slug or municipality code."),
                "name": serializers.CharField(),
            },
        ),
        "initiative_count": serializers.IntegerField(),
        "active_count": serializers.IntegerField(help_text="Initiatives on the pipeline."),
        "parked_count": serializers.IntegerField(),
        "stages": _bars("PortfolioStageBar"),
        "dimensions": _bars("PortfolioDimensionBar"),
        "sdg_goals": _bars("PortfolioGoalBar"),
        "helix_sectors": _bars("PortfolioSectorBar"),
        "risk_effect": inline_serializer(
            name="PortfolioRiskEffectCell",
            fields={
                "risk": serializers.CharField(),
                "expected_effect": serializers.CharField(),
                "count": serializers.IntegerField(),
            },
            many=True,
        ),
        "funnel": _bars("PortfolioFunnelStep"),
    },
)


def _response(*, request: Request, scope: balance.Scope, about: dict[str, str]) -> Response:
    figures = balance.portfolio_balance(user=request.user, scope=scope)
    return Response({"scope": about, **figures.as_dict()})


class ProgrammePortfolio(APIView):
    """Balance views and funnel of a programme's portfolio, counting what the caller may see."""

    rules = {"GET": None}  # programmes.view_programme, checked through access()

    @extend_schema(responses=BALANCE_SCHEMA)
    def get(self, request: Request, slug: str) -> Response:
        # Lean, unlike access_programme, which loads the programme page's phases and milestones.
        programme = access(
            Programme.objects.all(),
            user=request.user,
            view_permission="programmes.view_programme",
            slug=slug,
        )
        return _response(
            request=request,
            scope=balance.Scope(programme=programme),
            about={"type": "programme", "id": programme.slug, "name": programme.name},
        )


class MunicipalityPortfolio(APIView):
    """Balance views and funnel of the initiatives placed in a municipality (SCB code)."""

    rules = {"GET": None}  # municipalities are public; the counts are scoped to the caller

    @extend_schema(responses=BALANCE_SCHEMA)
    def get(self, request: Request, code: str) -> Response:
        municipality = get_object_or_404(Municipality, code=code)
        return _response(
            request=request,
            scope=balance.Scope(municipality=municipality),
            about={"type": "municipality", "id": municipality.code, "name": municipality.name},
        )
