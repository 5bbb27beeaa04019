"""API routes of competence matchmaking, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.competences.api import views

urlpatterns = [
    path("competence-concepts/", views.ConceptList.as_view(), name="competence-concept-list"),
    path("competence-profiles/", views.ProfileListCreate.as_view(), name="competence-profile-list"),
    path(
        "competence-profiles/<int:pk>/",
        views.ProfileDetail.as_view(),
        name="competence-profile-detail",
    ),
    path(
        "competence-profiles/<int:pk>/matches/",
        views.ProfileMatches.as_view(),
        name="competence-profile-matches",
    ),
    path(
        "competence-needs/", views.CompetenceNeedListCreate.as_view(), name="competence-need-list"
    ),
    path(
        "competence-needs/<int:pk>/",
        views.CompetenceNeedDetail.as_view(),
        name="competence-need-detail",
    ),
    path(
        "competence-needs/<int:pk>/requirements/",
        views.RequirementCreate.as_view(),
        name="competence-requirement-list",
    ),
    path(
        "competence-needs/<int:pk>/requirements/<int:requirement_pk>/",
        views.RequirementDelete.as_view(),
        name="competence-requirement-detail",
    ),
    path(
        "competence-needs/<int:pk>/matches/",
        views.NeedMatches.as_view(),
        name="competence-need-matches",
    ),
    path("competence-needs/<int:pk>/team/", views.NeedTeam.as_view(), name="competence-need-team"),
    path(
        "interest-requests/",
        views.InterestRequestListCreate.as_view(),
        name="interest-request-list",
    ),
    path(
        "interest-requests/<int:pk>/",
        views.InterestRequestDetail.as_view(),
        name="interest-request-detail",
    ),
    path(
        "interest-requests/<int:pk>/accept/",
        views.InterestRequestAccept.as_view(),
        name="interest-request-accept",
    ),
    path(
        "interest-requests/<int:pk>/decline/",
        views.InterestRequestDecline.as_view(),
        name="interest-request-decline",
    ),
    path(
        "interest-requests/<int:pk>/withdraw/",
        views.InterestRequestWithdraw.as_view(),
        name="interest-request-withdraw",
    ),
    path(
        "interest-requests/<int:pk>/messages/",
        views.MessageListCreate.as_view(),
        name="interest-request-messages",
    ),
]
