"""Addresses of the matrix of units against phases: under /projekt/, beside the project's pages."""

from django.urls import path

from samskapa.portfolio import unit_views

app_name = "units"
urlpatterns = [
    path("<slug:slug>/forvaltningar/", unit_views.unit_matrix_view, name="matrix"),
    path(
        "<slug:slug>/forvaltningar/<int:unit_pk>/<str:phase>/",
        unit_views.unit_phase_edit,
        name="phase",
    ),
]
