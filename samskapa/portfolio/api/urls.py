"""API routes of the portfolio app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.portfolio.api.balance import MunicipalityPortfolio, ProgrammePortfolio
from samskapa.portfolio.api.units import UnitMatrixDetail, UnitPhaseRoleDetail
from samskapa.portfolio.api.views import (
    GateDecisionDetail,
    GateDecisionListCreate,
    InitiativeDetail,
    InitiativeListCreate,
    NeedTraceView,
)

urlpatterns = [
    path(
        "municipalities/<str:code>/portfolio/",
        MunicipalityPortfolio.as_view(),
        name="municipality-portfolio",
    ),
    path(
        "programmes/<slug:slug>/portfolio/",
        ProgrammePortfolio.as_view(),
        name="programme-portfolio",
    ),
    path("projects/<slug:slug>/units/", UnitMatrixDetail.as_view(), name="project-units"),
    path(
        "projects/<slug:slug>/units/<int:unit_id>/phases/<str:phase>/",
        UnitPhaseRoleDetail.as_view(),
        name="project-unit-phase",
    ),
    path("needs/<int:pk>/trace/", NeedTraceView.as_view(), name="need-trace"),
    path("initiatives/", InitiativeListCreate.as_view(), name="initiative-list"),
    path("initiatives/<int:pk>/", InitiativeDetail.as_view(), name="initiative-detail"),
    path(
        "initiatives/<int:pk>/gate-decisions/",
        GateDecisionListCreate.as_view(),
        name="initiative-gate-decision-list",
    ),
    path(
        "initiatives/<int:pk>/gate-decisions/<int:decision_pk>/",
        GateDecisionDetail.as_view(),
        name="initiative-gate-decision-detail",
    ),
]
