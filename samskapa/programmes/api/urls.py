"""API routes of the programmes app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.programmes.api.views import (
    ProgrammeDetail,
    ProgrammeListCreate,
    ProgrammeMilestoneDetail,
    ProgrammeMilestoneListCreate,
)

urlpatterns = [
    path("programmes/", ProgrammeListCreate.as_view(), name="programme-list"),
    path("programmes/<slug:slug>/", ProgrammeDetail.as_view(), name="programme-detail"),
    path(
        "programmes/<slug:slug>/milestones/",
        ProgrammeMilestoneListCreate.as_view(),
        name="programme-milestone-list",
    ),
    path(
        "programmes/<slug:slug>/milestones/<int:pk>/",
        ProgrammeMilestoneDetail.as_view(),
        name="programme-milestone-detail",
    ),
]
