"""API routes of the ideas app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.ideas.api.views import (
    ChallengeDetail,
    ChallengeListCreate,
    IdeaCommentListCreate,
    IdeaDetail,
    IdeaFollow,
    IdeaListCreate,
    IdeaSupport,
)

urlpatterns = [
    path("challenges/", ChallengeListCreate.as_view(), name="challenge-list"),
    path("challenges/<int:pk>/", ChallengeDetail.as_view(), name="challenge-detail"),
    path("ideas/", IdeaListCreate.as_view(), name="idea-list"),
    path("ideas/<int:pk>/", IdeaDetail.as_view(), name="idea-detail"),
    path("ideas/<int:pk>/comments/", IdeaCommentListCreate.as_view(), name="idea-comment-list"),
    path("ideas/<int:pk>/support/", IdeaSupport.as_view(), name="idea-support"),
    path("ideas/<int:pk>/follow/", IdeaFollow.as_view(), name="idea-follow"),
]
