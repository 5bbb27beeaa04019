"""API routes of the methods toolbox, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.methods.api.views import (
    LabDetail,
    LabListCreate,
    MethodDetail,
    MethodListCreate,
    MethodReportListCreate,
)

urlpatterns = [
    path("method-labs/", LabListCreate.as_view(), name="method-lab-list"),
    path("method-labs/<int:pk>/", LabDetail.as_view(), name="method-lab-detail"),
    path("methods/", MethodListCreate.as_view(), name="method-list"),
    path("methods/<slug:slug>/", MethodDetail.as_view(), name="method-detail"),
    path(
        "methods/<slug:slug>/reports/", MethodReportListCreate.as_view(), name="method-report-list"
    ),
]
