"""API routes of follow-up, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.indicators.api.views import (
    IndicatorDetail,
    IndicatorListCreate,
    IndicatorMeasurementListCreate,
)

urlpatterns = [
    path("indicators/", IndicatorListCreate.as_view(), name="indicator-list"),
    path("indicators/<int:pk>/", IndicatorDetail.as_view(), name="indicator-detail"),
    path(
        "indicators/<int:pk>/measurements/",
        IndicatorMeasurementListCreate.as_view(),
        name="indicator-measurement-list",
    ),
]
