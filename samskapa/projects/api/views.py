"""REST API of projects: the same selectors and services as the pages."""

from typing import Any

from rest_framework import generics, serializers

from samskapa.core.access import signed_in
from samskapa.core.models import SustainabilityDimension
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation
from samskapa.projects import services
from samskapa.projects.filters import ProjectFilter
from samskapa.projects.models import Funding, Project, ProjectUnit
from samskapa.projects.selectors import project_detail_queryset, project_list
from samskapa.sdg.models import Target


class FundingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Funding
        fields = [
            "id",
            "funder",
            "call",
            "amount_sek",
            "reference_number",
            "start_date",
            "end_date",
            "status",
        ]


class ProjectUnitSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name", read_only=True)
    kind = serializers.CharField(source="unit.kind", read_only=True)

    class Meta:
        model = ProjectUnit
        fields = ["unit", "kind", "contribution"]


class ProjectSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:project-detail", lookup_field="slug")
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), required=False
    )
    dimensions = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SustainabilityDimension.objects.all(),
        many=True,
        required=False,
    )

    class Meta:
        model = Project
        fields = [
            "url",
            "slug",
            "name",
            "organisation",
            "municipality",
            "area",
            "phase",
            "start_date",
            "end_date",
            "summary",
            "visibility",
            "dimensions",
        ]
        read_only_fields = ["slug"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": Project._meta.constraints[0].violation_error_message}
            )
        return attrs


class ProjectDetailSerializer(ProjectSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sdg_targets = serializers.SlugRelatedField(
        slug_field="code", queryset=Target.objects.all(), many=True, required=False
    )
    fundings = FundingSerializer(many=True, read_only=True)
    units = ProjectUnitSerializer(source="unit_links", many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields,
            "description",
            "goals",
            "sdg_targets",
            "fundings",
            "units",
            "created_at",
            "updated_at",
        ]


class ProjectListCreate(generics.ListCreateAPIView):
    """Projects the caller may see; project leaders of an organisation may start one for it."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    ordering_fields = ["name", "start_date", "created_at"]
    rules = {
        "GET": None,  # the list is scoped by projects_visible_to (projects.view_project)
        # Leaders of some organisation; project_create checks projects.add_project on the one
        # chosen (403) and where the project may lie (400).
        "POST": "projects.start_project",
    }

    def get_queryset(self) -> Any:
        return project_list(user=self.request.user).order_by("name")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.project_create(
            actor=signed_in(self.request.user), **serializer.validated_data
        )


class ProjectDetail(generics.RetrieveUpdateAPIView):
    serializer_class = ProjectDetailSerializer
    lookup_field = "slug"
    rules = {
        "GET": "projects.view_project",
        "PUT": "projects.change_project",
        "PATCH": "projects.change_project",
    }

    def get_queryset(self) -> Any:
        return project_detail_queryset(user=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.project_update(
            actor=signed_in(self.request.user),
            project=serializer.instance,
            **serializer.validated_data,
        )
