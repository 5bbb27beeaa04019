"""URL wiring of /api/v1/ and the OpenAPI description. Each app owns its serializers and views."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

from samskapa.assessment.api import AssignmentList, AssignmentSubmit, ChallengeResults
from samskapa.core.api_views import NotificationList
from samskapa.geo.api import MunicipalityDetail, MunicipalityList, RegionList
from samskapa.ideas.api import (
    ChallengeDetail,
    ChallengeListCreate,
    IdeaCommentListCreate,
    IdeaDetail,
    IdeaFollow,
    IdeaListCreate,
    IdeaSupport,
)
from samskapa.needs.api import (
    CampaignDetail,
    CampaignListCreate,
    NeedDetail,
    NeedListCreate,
    NeedModeration,
    NeedSupportView,
)
from samskapa.organisations.api import OrganisationDetail, OrganisationListCreate
from samskapa.projects.api import ProjectDetail, ProjectListCreate
from samskapa.sdg.api import GoalList, TargetList

app_name = "api"

v1 = [
    path("auth/token/", obtain_auth_token, name="token"),
    path("regions/", RegionList.as_view(), name="region-list"),
    path("municipalities/", MunicipalityList.as_view(), name="municipality-list"),
    path("municipalities/<str:code>/", MunicipalityDetail.as_view(), name="municipality-detail"),
    path("sdg/goals/", GoalList.as_view(), name="goal-list"),
    path("sdg/targets/", TargetList.as_view(), name="target-list"),
    path("organisations/", OrganisationListCreate.as_view(), name="organisation-list"),
    path("organisations/<slug:slug>/", OrganisationDetail.as_view(), name="organisation-detail"),
    path("projects/", ProjectListCreate.as_view(), name="project-list"),
    path("projects/<slug:slug>/", ProjectDetail.as_view(), name="project-detail"),
    path("notifications/", NotificationList.as_view(), name="notification-list"),
    path("needs/", NeedListCreate.as_view(), name="need-list"),
    path("needs/<int:pk>/", NeedDetail.as_view(), name="need-detail"),
    path("needs/<int:pk>/support/", NeedSupportView.as_view(), name="need-support"),
    path("needs/<int:pk>/moderation/", NeedModeration.as_view(), name="need-moderation"),
    path("campaigns/", CampaignListCreate.as_view(), name="campaign-list"),
    path("campaigns/<int:pk>/", CampaignDetail.as_view(), name="campaign-detail"),
    path("challenges/", ChallengeListCreate.as_view(), name="challenge-list"),
    path("challenges/<int:pk>/", ChallengeDetail.as_view(), name="challenge-detail"),
    path("ideas/", IdeaListCreate.as_view(), name="idea-list"),
    path("ideas/<int:pk>/", IdeaDetail.as_view(), name="idea-detail"),
    path("ideas/<int:pk>/comments/", IdeaCommentListCreate.as_view(), name="idea-comment-list"),
    path("ideas/<int:pk>/support/", IdeaSupport.as_view(), name="idea-support"),
    path("ideas/<int:pk>/follow/", IdeaFollow.as_view(), name="idea-follow"),
    path("assessments/", AssignmentList.as_view(), name="assessment-list"),
    path("assessments/<int:pk>/submit/", AssignmentSubmit.as_view(), name="assessment-submit"),
    path(
        "challenges/<int:pk>/assessment-results/",
        ChallengeResults.as_view(),
        name="challenge-assessment-results",
    ),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
