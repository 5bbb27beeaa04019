"""API routes of the needs app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.needs.api.views import (
    CampaignDetail,
    CampaignListCreate,
    NeedDetail,
    NeedListCreate,
    NeedModeration,
    NeedSupportView,
)

urlpatterns = [
    path("needs/", NeedListCreate.as_view(), name="need-list"),
    path("needs/<int:pk>/", NeedDetail.as_view(), name="need-detail"),
    path("needs/<int:pk>/support/", NeedSupportView.as_view(), name="need-support"),
    path("needs/<int:pk>/moderation/", NeedModeration.as_view(), name="need-moderation"),
    path("campaigns/", CampaignListCreate.as_view(), name="campaign-list"),
    path("campaigns/<int:pk>/", CampaignDetail.as_view(), name="campaign-detail"),
]
