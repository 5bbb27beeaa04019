"""URL wiring of /api/v1/ and the OpenAPI description. Each app owns its serializers and views."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

from samskapa.assessment.api import (
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
from samskapa.portfolio.api import (
    GateDecisionDetail,
    GateDecisionListCreate,
    InitiativeDetail,
    InitiativeListCreate,
    NeedTraceView,
)
from samskapa.portfolio.balance_api import MunicipalityPortfolio, ProgrammePortfolio
from samskapa.programmes.api import (
    ProgrammeDetail,
    ProgrammeListCreate,
    ProgrammeMilestoneDetail,
    ProgrammeMilestoneListCreate,
)
from samskapa.projects.api import (
    ProjectDetail,
    ProjectListCreate,
    UnitMatrixDetail,
    UnitPhaseRoleDetail,
)
from samskapa.sdg.api import GoalList, TargetList

app_name = "api"

v1 = [
    path("auth/token/", obtain_auth_token, name="token"),
    path("regions/", RegionList.as_view(), name="region-list"),
    path("municipalities/", MunicipalityList.as_view(), name="municipality-list"),
    path(
        "municipalities/<str:code>/portfolio/",
        MunicipalityPortfolio.as_view(),
        name="municipality-portfolio",
    ),
    path("municipalities/<str:code>/", MunicipalityDetail.as_view(), name="municipality-detail"),
    path(
        "programmes/<slug:slug>/portfolio/",
        ProgrammePortfolio.as_view(),
        name="programme-portfolio",
    ),
    path("sdg/goals/", GoalList.as_view(), name="goal-list"),
    path("sdg/targets/", TargetList.as_view(), name="target-list"),
    path("organisations/", OrganisationListCreate.as_view(), name="organisation-list"),
    path("organisations/<slug:slug>/", OrganisationDetail.as_view(), name="organisation-detail"),
    path("projects/", ProjectListCreate.as_view(), name="project-list"),
    path("projects/<slug:slug>/", ProjectDetail.as_view(), name="project-detail"),
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
    path("projects/<slug:slug>/units/", UnitMatrixDetail.as_view(), name="project-units"),
    path(
        "projects/<slug:slug>/units/<int:unit_id>/phases/<str:phase>/",
        UnitPhaseRoleDetail.as_view(),
        name="project-unit-phase",
    ),
    path("notifications/", NotificationList.as_view(), name="notification-list"),
    path("needs/", NeedListCreate.as_view(), name="need-list"),
    path("needs/<int:pk>/", NeedDetail.as_view(), name="need-detail"),
    path("needs/<int:pk>/trace/", NeedTraceView.as_view(), name="need-trace"),
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
    path("initiatives/", InitiativeListCreate.as_view(), name="initiative-list"),
    path("initiatives/<int:pk>/", InitiativeDetail.as_view(), name="initiative-detail"),
    path(
        "initiatives/<int:pk>/gate-decisions/",
        GateDecisionListCreate.as_view(),
        name="initiative-gate-decision-list",
    ),
    path(
        "initiatives/<int:pk>/gate-decisions/<int:decision_pk>/",
        GateDecisionDetail.as_view(),
        name="initiative-gate-decision-detail",
    ),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Pages for people: only GET (OPTIONS would render the page's template with no page data).
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", http_method_names=["get", "head"]),
        name="docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", http_method_names=["get", "head"]),
        name="redoc",
    ),
]
