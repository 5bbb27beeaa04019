"""API routes of the geo app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.geo.api.views import MunicipalityDetail, MunicipalityList, RegionList

urlpatterns = [
    path("regions/", RegionList.as_view(), name="region-list"),
    path("municipalities/", MunicipalityList.as_view(), name="municipality-list"),
    path("municipalities/<str:code>/", MunicipalityDetail.as_view(), name="municipality-detail"),
]
