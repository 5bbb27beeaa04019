"""API routes of the accounts app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.accounts.api.views import TokenObtain

urlpatterns = [
    path("auth/token/", TokenObtain.as_view(), name="token"),
]
