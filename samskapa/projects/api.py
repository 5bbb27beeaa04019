"""REST API of projects: the same selectors and services as the pages."""

from typing import Any

import django_filters
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from samskapa.core.models import SustainabilityDimension
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation, Unit
from samskapa.projects import services
from samskapa.projects.models import (
    Funding,
    PhaseRole,
    Project,
    ProjectPhase,
    ProjectUnit,
    UnitPhaseRole,
)
from samskapa.projects.selectors import (
    MatrixColumn,
    MatrixRow,
    UnitMatrix,
    matrix_units,
    project_detail_queryset,
    project_list,
    projects_visible_to,
    unit_matrix,
)
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


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Search")
    municipality = django_filters.CharFilter(field_name="municipality__code")
    region = django_filters.CharFilter(field_name="municipality__region__code")
    phase = django_filters.ChoiceFilter(choices=ProjectPhase.choices)
    organisation = django_filters.CharFilter(field_name="organisation__slug")

    class Meta:
        model = Project
        fields = ["q", "municipality", "region", "phase", "organisation"]

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        return (
            project_list(user=self.request.user, query=value).filter(pk__in=queryset.values("pk"))
            if value
            else queryset
        )


class ProjectListCreate(generics.ListCreateAPIView):
    """Projects the caller may see; project leaders of an organisation may start one for it."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    ordering_fields = ["name", "start_date", "created_at"]
    # Who may create depends on the organisation chosen; the service checks projects.add_project.
    rules = {"GET": "projects.view_project", "POST": None}

    def get_queryset(self) -> Any:
        return project_list(user=self.request.user).order_by("name")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.project_create(
            actor=self.request.user, **serializer.validated_data
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
            actor=self.request.user, project=serializer.instance, **serializer.validated_data
        )


# --- Administrations and boards by phase ----------------------------------------------------


class MatrixColumnSerializer(serializers.Serializer):
    phase = serializers.CharField()
    name = serializers.CharField(source="label")
    is_current = serializers.BooleanField()
    unit_count = serializers.IntegerField(help_text="Units that take part in the phase.")
    lead = serializers.IntegerField(source="lead_count")
    contributes = serializers.SerializerMethodField()
    consulted = serializers.SerializerMethodField()
    is_gap = serializers.BooleanField(help_text="No unit takes part in the phase.")

    def get_contributes(self, column: MatrixColumn) -> int:
        return column.counts.get(PhaseRole.CONTRIBUTES, 0)

    def get_consulted(self, column: MatrixColumn) -> int:
        return column.counts.get(PhaseRole.CONSULTED, 0)


class PhaseRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=PhaseRole.choices)
    contribution = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=2000
    )


class MatrixRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="unit.pk")
    name = serializers.CharField(source="unit.name")
    kind = serializers.CharField(source="unit.kind")
    responsibility = serializers.CharField(source="unit.responsibility")
    takes_part = serializers.BooleanField(help_text="The unit takes part in the project.")
    contribution = serializers.SerializerMethodField(
        help_text="What the unit contributes to the project as a whole."
    )
    phase_count = serializers.IntegerField()
    is_gap = serializers.BooleanField(help_text="The unit has no part in any phase.")
    need_count = serializers.IntegerField(help_text="Needs of the project it is responsible for.")
    initiative_count = serializers.IntegerField(
        help_text="Initiatives of the project it is responsible for."
    )
    phases = serializers.SerializerMethodField(
        help_text="Its role in each phase, by phase; null where it has none."
    )

    def get_contribution(self, row: MatrixRow) -> str:
        return row.link.contribution if row.link else ""

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "nullable": True,
                "properties": {"role": {"type": "string"}, "contribution": {"type": "string"}},
            },
        }
    )
    def get_phases(self, row: MatrixRow) -> dict[str, Any]:
        return {
            cell.phase: (
                {"role": cell.role.role, "contribution": cell.role.contribution}
                if cell.role
                else None
            )
            for cell in row.cells
        }


class UnitMatrixSerializer(serializers.Serializer):
    project = serializers.CharField(source="project.slug")
    phases = MatrixColumnSerializer(source="columns", many=True)
    units = MatrixRowSerializer(source="rows", many=True)
    gaps = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "phases_without_unit": {"type": "array", "items": {"type": "string"}},
                "phases_without_lead": {"type": "array", "items": {"type": "string"}},
                "units_without_phase": {"type": "array", "items": {"type": "integer"}},
            },
        }
    )
    def get_gaps(self, matrix: UnitMatrix) -> dict[str, list[Any]]:
        return {
            "phases_without_unit": [column.phase for column in matrix.phase_gaps],
            "phases_without_lead": [column.phase for column in matrix.phases_without_lead],
            "units_without_phase": [row.unit.pk for row in matrix.unit_gaps],
        }


def _matrix_project(view: generics.GenericAPIView) -> Project:
    """The project of the URL if the caller may see it (else 404) and use the method (else 403)."""
    project = get_object_or_404(
        projects_visible_to(user=view.request.user).select_related("organisation"),
        slug=view.kwargs["slug"],
    )
    view.check_object_permissions(view.request, project)
    return project


class UnitMatrixDetail(generics.RetrieveAPIView):
    """Every administration and board of the project's organisation against the planning phases.

    Units that do not yet take part are included, so that the gaps show.
    """

    serializer_class = UnitMatrixSerializer
    rules = {"GET": "projects.view_project"}

    def get_object(self) -> UnitMatrix:
        return unit_matrix(user=self.request.user, project=_matrix_project(self))


class UnitPhaseRoleDetail(generics.GenericAPIView):
    """One cell of the matrix: PUT sets a unit's role in a phase, DELETE clears it."""

    serializer_class = PhaseRoleSerializer
    rules = {
        "GET": "projects.view_project",
        "PUT": "projects.change_project",
        "DELETE": "projects.change_project",
    }

    def _unit(self, project: Project) -> Unit:
        return get_object_or_404(matrix_units(project=project), pk=self.kwargs["unit_id"])

    def get_object(self) -> Unit:
        """The cell's unit, after the project's rule: OPTIONS asks for it to describe PUT."""
        return self._unit(_matrix_project(self))

    def _answer(self, project: Project, unit: Unit, code: int = status.HTTP_200_OK) -> Response:
        cell = UnitPhaseRole.objects.filter(
            project_unit__project=project, project_unit__unit=unit, phase=self.kwargs["phase"]
        ).first()
        data = {
            "unit": unit.pk,
            "phase": self.kwargs["phase"],
            "role": cell.role if cell else None,
            "contribution": cell.contribution if cell else "",
        }
        return Response(data, status=code)

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        project = _matrix_project(self)
        if self.kwargs["phase"] not in ProjectPhase.values:
            raise Http404
        return self._answer(project, self._unit(project))

    def put(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        project = _matrix_project(self)
        unit = self._unit(project)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.unit_phase_role_set(
            actor=request.user,
            project=project,
            unit=unit,
            phase=self.kwargs["phase"],
            **serializer.validated_data,
        )
        return self._answer(project, unit)

    def delete(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        project = _matrix_project(self)
        unit = self._unit(project)
        services.unit_phase_role_clear(
            actor=request.user, project=project, unit=unit, phase=self.kwargs["phase"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
