"""API routes of the projects app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.projects.api.views import ProjectDetail, ProjectListCreate

urlpatterns = [
    path("projects/", ProjectListCreate.as_view(), name="project-list"),
    path("projects/<slug:slug>/", ProjectDetail.as_view(), name="project-detail"),
]
