"""REST API of the matrix of administrations and boards against a project's planning phases.

Beside the matrix it reads (unit_matrix.py); writes go through the projects services, as on the
pages. The addresses stay under /api/v1/projects/.
"""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from samskapa.core.access import access, signed_in
from samskapa.organisations.models import Unit
from samskapa.portfolio.unit_matrix import MatrixColumn, MatrixRow, UnitMatrix, unit_matrix
from samskapa.projects import services
from samskapa.projects.models import PhaseRole, Project, ProjectPhase, UnitPhaseRole
from samskapa.projects.selectors import matrix_units, projects_visible_to


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


class _ProjectOfAddress(generics.GenericAPIView):
    """The project of the address if the caller may see it (else 404), checked against the
    method's rule (else 401/403)."""

    def get_object(self) -> Any:
        project = access(
            projects_visible_to(user=self.request.user).select_related("organisation"),
            user=self.request.user,
            view_permission="projects.view_project",
            slug=self.kwargs["slug"],
        )
        self.check_object_permissions(self.request, project)
        return project


class UnitMatrixDetail(_ProjectOfAddress, generics.RetrieveAPIView):
    """Every administration and board of the project's organisation against the planning phases.

    Units that do not yet take part are included, so that the gaps show.
    """

    serializer_class = UnitMatrixSerializer
    rules = {"GET": "projects.view_project"}

    def get_object(self) -> UnitMatrix:
        return unit_matrix(user=self.request.user, project=super().get_object())


class UnitPhaseRoleDetail(_ProjectOfAddress):
    """One cell of the matrix: PUT sets a unit's role in a phase, DELETE clears it."""

    serializer_class = PhaseRoleSerializer
    rules = {
        "GET": "projects.view_project",
        "PUT": "projects.change_project",
        "DELETE": "projects.change_project",
    }

    # get_object: the project whose cell it is, checked against the method's rule. The cell is
    # not a row to look up by one key, so there is no queryset. DRF's metadata (OPTIONS) calls
    # get_object to decide whether to describe PUT to the caller.

    def _unit(self, project: Project) -> Unit:
        return get_object_or_404(matrix_units(project=project), pk=self.kwargs["unit_id"])

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
        project = self.get_object()
        if self.kwargs["phase"] not in ProjectPhase.values:
            raise Http404
        return self._answer(project, self._unit(project))

    def put(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        project = self.get_object()
        unit = self._unit(project)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.unit_phase_role_set(
            actor=signed_in(request.user),
            project=project,
            unit=unit,
            phase=self.kwargs["phase"],
            **serializer.validated_data,
        )
        return self._answer(project, unit)

    def delete(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        project = self.get_object()
        unit = self._unit(project)
        services.unit_phase_role_clear(
            actor=signed_in(request.user), project=project, unit=unit, phase=self.kwargs["phase"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
