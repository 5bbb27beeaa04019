"""REST API of the needs inventory: the same selectors and services as the pages."""

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from samskapa.core.access import signed_in
from samskapa.core.api.fields import ScopedPrimaryKeyRelatedField, ScopedSlugRelatedField
from samskapa.core.models import StakeholderGroup, SustainabilityDimension, Visibility
from samskapa.geo.models import Municipality
from samskapa.needs import selectors, services
from samskapa.needs.filters import CampaignFilter, NeedFilter
from samskapa.needs.models import Campaign, ModerationAction, ModerationEvent, Need
from samskapa.organisations.models import Organisation
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to
from samskapa.sdg.models import Target


class CampaignSerializer(serializers.ModelSerializer):
    project: serializers.SlugRelatedField[Project] = ScopedSlugRelatedField(
        slug_field="slug", queryset=Project.objects.all(), scope=projects_visible_to
    )
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
            "premoderated",
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
    project: serializers.SlugRelatedField[Project] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )


class NeedSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:need-detail")
    project: serializers.SlugRelatedField[Project] = ScopedSlugRelatedField(
        slug_field="slug", queryset=Project.objects.all(), scope=projects_visible_to
    )
    # Campaigns of projects the caller may see; need_submit and need_update refuse those of
    # another project than the need's.
    campaign = ScopedPrimaryKeyRelatedField(
        queryset=Campaign.objects.all(),
        scope=selectors.campaigns_visible_to,
        required=False,
        allow_null=True,
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
            "awaiting_approval",
            "created_at",
        ]
        read_only_fields = ["support_count", "is_hidden", "awaiting_approval", "created_at"]


class NeedUpdateSerializer(NeedSerializer):
    project: serializers.SlugRelatedField[Project] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )


class NeedListCreate(generics.ListCreateAPIView):
    """Needs the caller may see; any logged-in person may submit one to a project they see.

    Filters ``q``, ``project``, ``stakeholder_group``, ``dimension``, ``campaign`` and ``sort``
    are those of the list page (``needs.filters.NeedFilter``).
    """

    serializer_class = NeedSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = NeedFilter
    rules = {
        "GET": None,  # the list is scoped by needs_visible_to
        "POST": None,  # needs.add_need on the project of the body, checked by need_submit
    }

    def get_queryset(self) -> QuerySet[Need]:
        return selectors.need_list(user=self.request.user).prefetch_related("sdg_targets")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.need_submit(
            actor=signed_in(self.request.user), **serializer.validated_data
        )


class NeedDetail(generics.RetrieveUpdateAPIView):
    serializer_class = NeedUpdateSerializer
    rules = {"GET": "needs.view_need", "PUT": "needs.change_need", "PATCH": "needs.change_need"}

    def get_object(self) -> Need:
        need = selectors.access_need(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, need)
        return need

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.need_update(
            actor=signed_in(self.request.user),
            need=serializer.instance,
            **serializer.validated_data,
        )


class NeedSupportStateSerializer(serializers.Serializer):
    """Whether the caller supports the need now, and how many do."""

    id = serializers.IntegerField()
    support_count = serializers.IntegerField()
    supported = serializers.BooleanField()


class NeedSupportView(generics.GenericAPIView):
    """POST adds the caller's support to the need (201, or 200 if it was there already),
    DELETE withdraws it (200 whether or not there was any). Neither counts twice."""

    serializer_class = NeedSupportStateSerializer
    rules = {"POST": "needs.support_need", "DELETE": "needs.support_need"}

    def get_object(self) -> Need:
        need = selectors.access_need(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, need)
        return need

    def _answer(self, need: Need, supported: bool, changed: bool) -> Response:
        body = {"id": need.pk, "support_count": need.support_count, "supported": supported}
        created = changed and supported
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(
        request=None,
        responses={201: NeedSupportStateSerializer, 200: NeedSupportStateSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        need = self.get_object()
        changed = services.need_support(actor=signed_in(request.user), need=need)
        return self._answer(need, True, changed)

    @extend_schema(request=None, responses={200: NeedSupportStateSerializer})
    def delete(self, request: Request, pk: int) -> Response:
        need = self.get_object()
        changed = services.need_support_withdraw(actor=signed_in(request.user), need=need)
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
    # Names the model for the OpenAPI description; get_queryset reads the need's own log.
    queryset = ModerationEvent.objects.none()
    rules = {"GET": "needs.moderate_need", "POST": "needs.moderate_need"}
    object_rules = True  # checked on the need of the URL

    def get_object(self) -> Need:
        """The need of the URL, whose moderation log this is."""
        need = selectors.access_need(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, need)
        return need

    def get_queryset(self) -> QuerySet[ModerationEvent]:
        return self.get_object().moderation_events.select_related("actor")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.need_moderate(
            actor=signed_in(self.request.user), need=self.get_object(), **serializer.validated_data
        )


class CampaignListCreate(generics.ListCreateAPIView):
    """Campaigns of the projects the caller may see; a project's leaders may open one."""

    serializer_class = CampaignSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = CampaignFilter
    rules = {
        "GET": None,  # the campaigns of the projects the caller may see (campaigns_visible_to)
        "POST": None,  # needs.manage_campaign on the project, checked by campaign_create
    }

    def get_queryset(self) -> QuerySet[Campaign]:
        return (
            selectors.campaigns_visible_to(user=self.request.user)
            .select_related("project")
            .prefetch_related("stakeholder_groups")
            .order_by("-opens_on", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.campaign_create(
            actor=signed_in(self.request.user), **serializer.validated_data
        )


class CampaignDetail(generics.RetrieveUpdateAPIView):
    serializer_class = CampaignUpdateSerializer
    rules = {
        "GET": "needs.view_campaign",
        "PUT": "needs.manage_campaign",
        "PATCH": "needs.manage_campaign",
    }

    def get_object(self) -> Campaign:
        campaign = selectors.access_campaign(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, campaign)
        return campaign

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.campaign_update(
            actor=signed_in(self.request.user),
            campaign=serializer.instance,
            **serializer.validated_data,
        )
