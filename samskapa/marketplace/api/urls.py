"""API routes of the marketplace, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.marketplace.api.views import (
    OcdsBulk,
    QuestionList,
    RequestDetail,
    RequestList,
    RequestOcds,
    ResponseList,
    ServiceDetail,
    ServiceListCreate,
)

urlpatterns = [
    path("market-services/", ServiceListCreate.as_view(), name="market-service-list"),
    path("market-services/<slug:slug>/", ServiceDetail.as_view(), name="market-service-detail"),
    path("market-requests/", RequestList.as_view(), name="market-request-list"),
    path("market-requests/<int:pk>/", RequestDetail.as_view(), name="market-request-detail"),
    path(
        "market-requests/<int:pk>/questions/",
        QuestionList.as_view(),
        name="market-request-questions",
    ),
    path(
        "market-requests/<int:pk>/responses/",
        ResponseList.as_view(),
        name="market-request-responses",
    ),
    path("market-requests/<int:pk>/ocds/", RequestOcds.as_view(), name="market-request-ocds"),
    path("ocds/release-package/", OcdsBulk.as_view(), name="market-ocds-bulk"),
]
