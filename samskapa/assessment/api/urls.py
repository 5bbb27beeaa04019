"""API routes of the assessment app, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.assessment.api.views import (
    AssignmentDetail,
    AssignmentList,
    AssignmentSubmit,
    ChallengeAssignments,
    ChallengeCriteria,
    ChallengeCriterionSet,
    ChallengeResults,
    CriterionDetail,
    ProgrammeCriteria,
    ProgrammeCriterionSet,
)

urlpatterns = [
    path("assessments/", AssignmentList.as_view(), name="assessment-list"),
    path("assessments/<int:pk>/", AssignmentDetail.as_view(), name="assessment-detail"),
    path("assessments/<int:pk>/submit/", AssignmentSubmit.as_view(), name="assessment-submit"),
    path(
        "challenges/<int:pk>/assessment-results/",
        ChallengeResults.as_view(),
        name="challenge-assessment-results",
    ),
    path(
        "challenges/<int:pk>/assessment-criteria/",
        ChallengeCriteria.as_view(),
        name="challenge-assessment-criteria",
    ),
    path(
        "challenges/<int:pk>/criterion-set/",
        ChallengeCriterionSet.as_view(),
        name="challenge-criterion-set",
    ),
    path(
        "challenges/<int:pk>/assessment-assignments/",
        ChallengeAssignments.as_view(),
        name="challenge-assessment-assignments",
    ),
    path(
        "programmes/<slug:slug>/assessment-criteria/",
        ProgrammeCriteria.as_view(),
        name="programme-assessment-criteria",
    ),
    path(
        "programmes/<slug:slug>/criterion-set/",
        ProgrammeCriterionSet.as_view(),
        name="programme-criterion-set",
    ),
    path(
        "assessment-criteria/<int:pk>/",
        CriterionDetail.as_view(),
        name="assessment-criterion-detail",
    ),
]
