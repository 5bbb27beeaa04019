"""API routes of the sdg app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.sdg.api.views import GoalList, Suggest, SuggestAnswer, TargetList

urlpatterns = [
    path("sdg/goals/", GoalList.as_view(), name="goal-list"),
    path("sdg/targets/", TargetList.as_view(), name="target-list"),
    path("sdg/suggest/", Suggest.as_view(), name="sdg-suggest"),
    path("sdg/suggest/answers/", SuggestAnswer.as_view(), name="sdg-suggest-answer"),
]
