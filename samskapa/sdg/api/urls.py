"""API routes of the sdg app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.sdg.api.views import GoalList, TargetList

urlpatterns = [
    path("sdg/goals/", GoalList.as_view(), name="goal-list"),
    path("sdg/targets/", TargetList.as_view(), name="target-list"),
]
