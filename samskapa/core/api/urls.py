"""API routes of the core app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.core.api.views import NotificationList

urlpatterns = [
    path("notifications/", NotificationList.as_view(), name="notification-list"),
]
