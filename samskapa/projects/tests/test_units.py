"""Administrations and boards by phase (seed 001): the services that set a unit's role in a phase.

The matrix that shows them, its pages and API are tested in samskapa/portfolio/tests.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskapa.accounts.models import User
from samskapa.organisations.models import Organisation, Unit
from samskapa.organisations.tests.factories import UnitFactory
from samskapa.projects import services
from samskapa.projects.models import PhaseRole, Project, ProjectPhase, ProjectUnit, UnitPhaseRole
from samskapa.projects.tests.factories import UnitPhaseRoleFactory

pytestmark = pytest.mark.django_db


class TestServices:
    def test_leader_sets_a_role_and_the_unit_starts_taking_part(
        self, nya_kiruna: Project, units: dict[str, Unit], kiruna_leader: User
    ) -> None:
        cell = services.unit_phase_role_set(
            actor=kiruna_leader,
            project=nya_kiruna,
            unit=units["sbf"],
            phase=ProjectPhase.DETAILED_PLAN,
            role=PhaseRole.LEAD,
            contribution="  Upprättar detaljplanerna.  ",
        )

        assert cell.project_unit.project == nya_kiruna
        assert cell.project_unit.unit == units["sbf"]
        assert cell.contribution == "Upprättar detaljplanerna."
        assert cell.history.latest().history_user == kiruna_leader

    def test_setting_again_changes_the_one_cell(
        self, nya_kiruna: Project, units: dict[str, Unit], kiruna_leader: User
    ) -> None:
        for role in (PhaseRole.LEAD, PhaseRole.CONSULTED):
            services.unit_phase_role_set(
                actor=kiruna_leader,
                project=nya_kiruna,
                unit=units["sbf"],
                phase=ProjectPhase.DESIGN,
                role=role,
            )

        cells = UnitPhaseRole.objects.filter(project_unit__project=nya_kiruna)
        assert [(cell.phase, cell.role) for cell in cells] == [
            (ProjectPhase.DESIGN, PhaseRole.CONSULTED)
        ]
        assert ProjectUnit.objects.filter(project=nya_kiruna).count() == 1

    def test_clear_removes_the_role_but_the_unit_stays(
        self, nya_kiruna: Project, units: dict[str, Unit], kiruna_leader: User
    ) -> None:
        UnitPhaseRoleFactory(
            project_unit__project=nya_kiruna,
            project_unit__unit=units["sbf"],
            phase=ProjectPhase.DESIGN,
        )

        services.unit_phase_role_clear(
            actor=kiruna_leader, project=nya_kiruna, unit=units["sbf"], phase=ProjectPhase.DESIGN
        )
        # Clearing an empty cell is not an error.
        services.unit_phase_role_clear(
            actor=kiruna_leader, project=nya_kiruna, unit=units["sbf"], phase=ProjectPhase.DESIGN
        )

        assert not UnitPhaseRole.objects.exists()
        assert ProjectUnit.objects.filter(project=nya_kiruna, unit=units["sbf"]).exists()

    @pytest.mark.parametrize("who", ["resident", "member", "other_leader"])
    def test_only_leaders_may_change_the_matrix(
        self,
        nya_kiruna: Project,
        units: dict[str, Unit],
        resident: User,
        kiruna_member: User,
        gavle_leader: User,
        who: str,
    ) -> None:
        actor = {"resident": resident, "member": kiruna_member, "other_leader": gavle_leader}[who]
        with pytest.raises(PermissionDenied):
            services.unit_phase_role_set(
                actor=actor,
                project=nya_kiruna,
                unit=units["sbf"],
                phase=ProjectPhase.DESIGN,
                role=PhaseRole.LEAD,
            )
        with pytest.raises(PermissionDenied):
            services.unit_phase_role_clear(
                actor=actor, project=nya_kiruna, unit=units["sbf"], phase=ProjectPhase.DESIGN
            )

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"phase": "after-everything"}, "phase", "Choose one of the planning phases."),
            (
                {"role": "boss"},
                "role",
                "Choose whether the unit leads, contributes or is consulted.",
            ),
            (
                {"contribution": "x" * 2001},
                "contribution",
                "Ensure this value has at most 2000 characters (it has 2001).",
            ),
        ],
    )
    def test_bad_input_is_refused_with_a_message(
        self,
        english: None,
        nya_kiruna: Project,
        units: dict[str, Unit],
        kiruna_leader: User,
        changes: dict[str, str],
        field: str,
        message: str,
    ) -> None:
        arguments = {"phase": ProjectPhase.DESIGN, "role": PhaseRole.LEAD, **changes}
        with pytest.raises(ValidationError) as error:
            services.unit_phase_role_set(
                actor=kiruna_leader, project=nya_kiruna, unit=units["sbf"], **arguments
            )

        assert error.value.message_dict[field] == [message]
        assert not UnitPhaseRole.objects.exists()

    def test_unit_of_another_municipality_is_refused(
        self, english: None, nya_kiruna: Project, kiruna_leader: User, gavle: Organisation
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.unit_phase_role_set(
                actor=kiruna_leader,
                project=nya_kiruna,
                unit=UnitFactory(organisation=gavle),
                phase=ProjectPhase.DESIGN,
                role=PhaseRole.LEAD,
            )

        assert "unit" in error.value.message_dict
