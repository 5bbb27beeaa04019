"""API routes of learning programmes, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.learning.api import views

urlpatterns = [
    path("learning-programmes/", views.ProgrammeListView.as_view(), name="learning-programme-list"),
    path(
        "learning-programmes/<slug:slug>/",
        views.ProgrammeDetailView.as_view(),
        name="learning-programme-detail",
    ),
    path(
        "learning-programmes/<slug:slug>/assignments/",
        views.AssignmentListView.as_view(),
        name="learning-assignment-list",
    ),
    path(
        "learning-programmes/<slug:slug>/assignments/<int:pk>/submissions/",
        views.SubmissionListCreateView.as_view(),
        name="learning-submission-list",
    ),
    path(
        "learning-programmes/<slug:slug>/plans/<int:pk>/",
        views.PlanDetailView.as_view(),
        name="learning-plan-detail",
    ),
]
