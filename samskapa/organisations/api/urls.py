"""API routes of the organisations app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.organisations.api.views import OrganisationDetail, OrganisationListCreate

urlpatterns = [
    path("organisations/", OrganisationListCreate.as_view(), name="organisation-list"),
    path("organisations/<slug:slug>/", OrganisationDetail.as_view(), name="organisation-detail"),
]
