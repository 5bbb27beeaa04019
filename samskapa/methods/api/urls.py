"""API routes of the methods toolbox, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.methods.api.views import MethodDetail, MethodListCreate, MethodReportListCreate

urlpatterns = [
    path("methods/", MethodListCreate.as_view(), name="method-list"),
    path("methods/<slug:slug>/", MethodDetail.as_view(), name="method-detail"),
    path(
        "methods/<slug:slug>/reports/", MethodReportListCreate.as_view(), name="method-report-list"
    ),
]
