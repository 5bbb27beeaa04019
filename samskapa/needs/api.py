"""REST API of the needs inventory: the same selectors and services as the pages."""

from typing import Any

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from samskapa.core.access import require
from samskapa.core.models import StakeholderGroup, SustainabilityDimension, Visibility
from samskapa.geo.models import Municipality
from samskapa.needs import selectors, services
from samskapa.needs.models import Campaign, ModerationAction, ModerationEvent, Need
from samskapa.organisations.models import Organisation
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to
from samskapa.sdg.models import Target


class CampaignSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="slug", queryset=Project.objects.all())
    stakeholder_groups = serializers.SlugRelatedField(
        slug_field="code", queryset=StakeholderGroup.objects.all(), many=True, required=False
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "project",
            "title",
            "purpose",
            "opens_on",
            "closes_on",
            "stakeholder_groups",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        opens = attrs.get("opens_on", getattr(self.instance, "opens_on", None))
        closes = attrs.get("closes_on", getattr(self.instance, "closes_on", None))
        if opens and closes and closes < opens:
            raise serializers.ValidationError(
                {"closes_on": Campaign._meta.constraints[0].violation_error_message}
            )
        return attrs


class CampaignUpdateSerializer(CampaignSerializer):
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)


class NeedSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:need-detail")
    project = serializers.SlugRelatedField(slug_field="slug", queryset=Project.objects.all())
    campaign = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(), required=False, allow_null=True
    )
    stakeholder_group = serializers.SlugRelatedField(
        slug_field="code", queryset=StakeholderGroup.objects.all(), required=False, allow_null=True
    )
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), required=False
    )
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    dimensions = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SustainabilityDimension.objects.all(),
        many=True,
        required=False,
    )
    sdg_targets = serializers.SlugRelatedField(
        slug_field="code", queryset=Target.objects.all(), many=True, required=False
    )
    visibility = serializers.ChoiceField(choices=Visibility.choices, default=Visibility.PUBLIC)

    class Meta:
        model = Need
        fields = [
            "url",
            "id",
            "project",
            "campaign",
            "title",
            "description",
            "stakeholder_group",
            "municipality",
            "area",
            "organisation",
            "dimensions",
            "sdg_targets",
            "visibility",
            "support_count",
            "is_hidden",
            "created_at",
        ]
        read_only_fields = ["support_count", "is_hidden", "created_at"]


class NeedUpdateSerializer(NeedSerializer):
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)


class NeedFilter(django_filters.FilterSet):
    # Every filter is applied by the selector in get_queryset, so that the API filters exactly as
    # the list page does (and its count is capped as a filtered list's); these declare and
    # validate the parameters.
    q = django_filters.CharFilter(method="filter_noop", label="Search")
    project = django_filters.CharFilter(method="filter_noop", label="Project (slug)")
    stakeholder_group = django_filters.CharFilter(
        method="filter_noop", label="Stakeholder group (code)"
    )
    dimension = django_filters.CharFilter(method="filter_noop", label="Dimension (code)")
    campaign = django_filters.NumberFilter(method="filter_noop", label="Campaign (id)")

    class Meta:
        model = Need
        fields = ["q", "project", "stakeholder_group", "dimension", "campaign"]

    def filter_noop(self, queryset: Any, name: str, value: str) -> Any:
        return queryset


class NeedListCreate(generics.ListCreateAPIView):
    """Needs the caller may see; any logged-in person may submit one to a project they see."""

    serializer_class = NeedSerializer
    filterset_class = NeedFilter
    # The service checks needs.add_need on the chosen project.
    rules = {"GET": "needs.view_need", "POST": None}

    def get_queryset(self) -> Any:
        params = self.request.query_params
        sort = params.get("sort", "newest")
        campaign = params.get("campaign", "")
        return selectors.need_list(
            user=self.request.user,
            query=params.get("q", ""),
            project_slug=params.get("project", ""),
            stakeholder_group=params.get("stakeholder_group", ""),
            dimension=params.get("dimension", ""),
            # Anything but a number is answered with 400 by the filter set.
            campaign_id=int(campaign) if campaign.isdigit() else None,
            sort=sort if sort in selectors.SORTS else "newest",
        ).prefetch_related("sdg_targets")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        project = data.pop("project")
        if not self.request.user.has_perm("projects.view_project", project):
            raise serializers.ValidationError({"project": ["Object does not exist."]})
        serializer.instance = services.need_submit(actor=self.request.user, project=project, **data)


class NeedDetail(generics.RetrieveUpdateAPIView):
    serializer_class = NeedUpdateSerializer
    rules = {"GET": "needs.view_need", "PUT": "needs.change_need", "PATCH": "needs.change_need"}

    def get_queryset(self) -> Any:
        return selectors.need_detail_queryset(user=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.need_update(
            actor=self.request.user, need=serializer.instance, **serializer.validated_data
        )


class NeedSupportStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    support_count = serializers.IntegerField()
    supported = serializers.BooleanField()


@extend_schema_view(
    post=extend_schema(
        request=None,
        responses={201: NeedSupportStateSerializer, 200: NeedSupportStateSerializer},
        description="Adds the caller's support: 201 if it is new, 200 if it was already there.",
    ),
    delete=extend_schema(
        request=None,
        responses={200: NeedSupportStateSerializer},
        description="Withdraws the caller's support.",
    ),
)
class NeedSupportView(APIView):
    """POST adds the caller's support to the need, DELETE withdraws it."""

    rules = {"POST": "needs.support_need", "DELETE": "needs.support_need"}

    def _need(self, request: Request, pk: int) -> Need:
        need = get_object_or_404(selectors.needs_visible_to(user=request.user), pk=pk)
        self.check_object_permissions(request, need)
        return need

    def _answer(self, need: Need, supported: bool, changed: bool) -> Response:
        body = {"id": need.pk, "support_count": need.support_count, "supported": supported}
        return Response(body, status=status.HTTP_201_CREATED if changed and supported else 200)

    def post(self, request: Request, pk: int) -> Response:
        need = self._need(request, pk)
        changed = services.need_support(actor=request.user, need=need)
        return self._answer(need, True, changed)

    def delete(self, request: Request, pk: int) -> Response:
        need = self._need(request, pk)
        changed = services.need_support_withdraw(actor=request.user, need=need)
        return self._answer(need, False, changed)


class ModerationEventSerializer(serializers.ModelSerializer):
    action = serializers.ChoiceField(choices=ModerationAction.choices)
    reason = serializers.CharField(allow_blank=False, trim_whitespace=True)
    actor = serializers.CharField(source="actor.display_name", read_only=True, default=None)

    class Meta:
        model = ModerationEvent
        fields = ["id", "action", "reason", "actor", "created_at"]
        read_only_fields = ["created_at"]


class NeedModeration(generics.ListCreateAPIView):
    """The moderation log of a need (GET) and a new hide or restore with a reason (POST)."""

    serializer_class = ModerationEventSerializer
    rules = {"GET": "needs.moderate_need", "POST": "needs.moderate_need"}

    def _need(self) -> Need:
        need = get_object_or_404(
            selectors.needs_visible_to(user=self.request.user).select_related("project"),
            pk=self.kwargs["pk"],
        )
        self.check_object_permissions(self.request, need)
        return need

    def get_queryset(self) -> Any:
        return self._need().moderation_events.select_related("actor")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.need_moderate(
            actor=self.request.user, need=self._need(), **serializer.validated_data
        )


class CampaignListCreate(generics.ListCreateAPIView):
    serializer_class = CampaignSerializer
    filterset_fields = ["project__slug"]
    rules = {"GET": "needs.view_campaign", "POST": None}

    def get_queryset(self) -> Any:
        return (
            Campaign.objects.filter(project__in=projects_visible_to(user=self.request.user))
            .select_related("project")
            .prefetch_related("stakeholder_groups")
            .order_by("-opens_on", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        project = data.pop("project")
        require(self.request.user, "needs.manage_campaign", project)
        serializer.instance = services.campaign_create(
            actor=self.request.user, project=project, **data
        )


class CampaignDetail(generics.RetrieveUpdateAPIView):
    serializer_class = CampaignUpdateSerializer
    rules = {
        "GET": "needs.view_campaign",
        "PUT": "needs.manage_campaign",
        "PATCH": "needs.manage_campaign",
    }

    def get_queryset(self) -> Any:
        return CampaignListCreate.get_queryset(self)  # type: ignore[arg-type]

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.campaign_update(
            actor=self.request.user, campaign=serializer.instance, **serializer.validated_data
        )
