"""REST API of the matrix of administrations and boards against the planning phases."""

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation, Role, Unit, UnitKind
from samskapa.organisations.tests.factories import MembershipFactory, UnitFactory
from samskapa.projects.models import PhaseRole, Project, ProjectPhase, ProjectUnit, UnitPhaseRole
from samskapa.projects.tests.factories import UnitPhaseRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(kiruna: Organisation) -> Unit:
    """Kiruna's board (here in place of the Gävle board of the portfolio conftest)."""
    return UnitFactory(organisation=kiruna, name="Kommunstyrelsen", kind=UnitKind.BOARD)


@pytest.fixture
def administration(kiruna: Organisation) -> Unit:
    return UnitFactory(
        organisation=kiruna,
        name="Samhällsbyggnadsförvaltningen",
        responsibility="Detaljplaner, mark, gator och parker.",
    )


def _url(project: Project) -> str:
    return f"/api/v1/projects/{project.slug}/units/"


def _cell_url(project: Project, unit: Unit, phase: str) -> str:
    return f"{_url(project)}{unit.pk}/phases/{phase}/"


class TestMatrix:
    def test_anyone_reads_the_matrix_of_a_public_project(
        self, api_client: APIClient, nya_kiruna: Project, board: Unit, administration: Unit
    ) -> None:
        link = ProjectUnit.objects.create(project=nya_kiruna, unit=administration)
        UnitPhaseRoleFactory(
            project_unit=link,
            phase=ProjectPhase.DETAILED_PLAN,
            role=PhaseRole.LEAD,
            contribution="Upprättar detaljplanerna.",
        )
        NeedFactory(project=nya_kiruna, responsible_unit=administration)

        response = api_client.get(_url(nya_kiruna))

        assert response.status_code == 200
        body = response.json()
        assert body["project"] == nya_kiruna.slug
        assert [phase["phase"] for phase in body["phases"]] == ProjectPhase.values
        detailed = body["phases"][2]
        assert (detailed["unit_count"], detailed["lead"], detailed["is_gap"]) == (1, 1, False)
        assert [unit["name"] for unit in body["units"]] == [
            "Kommunstyrelsen",
            "Samhällsbyggnadsförvaltningen",
        ]
        unit = body["units"][1]
        assert unit["responsibility"] == "Detaljplaner, mark, gator och parker."
        assert unit["takes_part"] is True
        assert unit["need_count"] == 1
        assert unit["phases"]["detailed_plan"] == {
            "role": "lead",
            "contribution": "Upprättar detaljplanerna.",
        }
        assert unit["phases"]["design"] is None
        assert body["gaps"]["units_without_phase"] == [board.pk]
        assert "design" in body["gaps"]["phases_without_unit"]

    def test_members_only_project_is_404_for_outsiders(
        self,
        api_client: APIClient,
        hidden_project: Project,
        resident: User,
        gavle_leader: User,
        kiruna_admin: User,
    ) -> None:
        assert api_client.get(_url(hidden_project)).status_code == 404
        for outsider in (resident, gavle_leader):
            api_client.force_authenticate(outsider)
            assert api_client.get(_url(hidden_project)).status_code == 404
        api_client.force_authenticate(kiruna_admin)
        assert api_client.get(_url(hidden_project)).status_code == 200

    def test_unknown_project_is_404_json(self, api_client: APIClient, reference_data: None) -> None:
        response = api_client.get("/api/v1/projects/finns-inte/units/")

        assert response.status_code == 404
        assert "detail" in response.json()

    def test_matrix_cannot_be_written_as_a_whole(
        self, api_client: APIClient, nya_kiruna: Project, kiruna_leader: User
    ) -> None:
        api_client.force_authenticate(kiruna_leader)

        assert api_client.post(_url(nya_kiruna), {}, format="json").status_code in (403, 405)


class TestCell:
    def test_leader_sets_reads_and_clears_a_cell(
        self,
        api_client: APIClient,
        nya_kiruna: Project,
        administration: Unit,
        kiruna_leader: User,
    ) -> None:
        api_client.force_authenticate(kiruna_leader)
        url = _cell_url(nya_kiruna, administration, "design")

        response = api_client.put(
            url, {"role": "lead", "contribution": "Projekterar gatorna."}, format="json"
        )

        assert response.status_code == 200
        assert response.json() == {
            "unit": administration.pk,
            "phase": "design",
            "role": "lead",
            "contribution": "Projekterar gatorna.",
        }
        assert api_client.get(url).json()["role"] == "lead"
        assert api_client.delete(url).status_code == 204
        assert not UnitPhaseRole.objects.exists()
        assert api_client.get(url).json()["role"] is None

    @pytest.mark.parametrize("who", ["anonymous", "resident", "other_leader", "member"])
    def test_others_may_not_write(
        self,
        api_client: APIClient,
        nya_kiruna: Project,
        administration: Unit,
        resident: User,
        gavle_leader: User,
        kiruna: Organisation,
        who: str,
    ) -> None:
        user = {
            "anonymous": None,
            "resident": resident,
            "other_leader": gavle_leader,
            "member": MembershipFactory(organisation=kiruna, role=Role.MEMBER).user,
        }[who]
        if user is not None:
            api_client.force_authenticate(user)
        url = _cell_url(nya_kiruna, administration, "design")

        assert api_client.put(url, {"role": "lead"}, format="json").status_code in (401, 403)
        assert api_client.delete(url).status_code in (401, 403)
        assert api_client.get(url).status_code == 200
        assert not UnitPhaseRole.objects.exists()

    def test_options_tell_the_leader_what_a_cell_takes_and_others_only_that_they_may_read(
        self,
        api_client: APIClient,
        nya_kiruna: Project,
        administration: Unit,
        kiruna_leader: User,
        resident: User,
    ) -> None:
        url = _cell_url(nya_kiruna, administration, "design")
        api_client.force_authenticate(kiruna_leader)

        response = api_client.options(url)

        assert response.status_code == 200
        assert "role" in response.json()["actions"]["PUT"]

        api_client.force_authenticate(resident)
        response = api_client.options(url)

        assert response.status_code == 200
        assert "actions" not in response.json()

    def test_members_only_project_cell_is_404_for_outsiders(
        self, api_client: APIClient, hidden_project: Project, gavle_leader: User
    ) -> None:
        unit = UnitFactory(organisation=hidden_project.organisation)
        api_client.force_authenticate(gavle_leader)

        url = _cell_url(hidden_project, unit, "design")
        assert api_client.put(url, {"role": "lead"}, format="json").status_code == 404

    @pytest.mark.parametrize(
        ("phase", "data", "field"),
        [
            ("design", {"role": "boss"}, "role"),
            ("design", {}, "role"),
            ("design", {"role": "lead", "contribution": "x" * 2001}, "contribution"),
            ("later", {"role": "lead"}, "phase"),
        ],
    )
    def test_bad_input_is_400_json(
        self,
        api_client: APIClient,
        nya_kiruna: Project,
        administration: Unit,
        kiruna_leader: User,
        phase: str,
        data: dict[str, str],
        field: str,
    ) -> None:
        api_client.force_authenticate(kiruna_leader)

        response = api_client.put(_cell_url(nya_kiruna, administration, phase), data, format="json")

        assert response.status_code == 400
        assert field in response.json()
        assert not UnitPhaseRole.objects.exists()

    def test_options_describe_the_cell_to_logged_in_callers(
        self,
        api_client: APIClient,
        nya_kiruna: Project,
        administration: Unit,
        kiruna_leader: User,
        resident: User,
    ) -> None:
        url = _cell_url(nya_kiruna, administration, "design")

        api_client.force_authenticate(kiruna_leader)
        response = api_client.options(url)

        assert response.status_code == 200
        role = response.json()["actions"]["PUT"]["role"]
        assert [choice["value"] for choice in role["choices"]] == PhaseRole.values
        # Someone who may not change the cell is told what it is, not how to change it.
        api_client.force_authenticate(resident)
        response = api_client.options(url)
        assert response.status_code == 200
        assert "actions" not in response.json()

    def test_unit_of_another_organisation_is_404(
        self, api_client: APIClient, nya_kiruna: Project, gavle: Organisation, kiruna_leader: User
    ) -> None:
        api_client.force_authenticate(kiruna_leader)
        foreign = UnitFactory(organisation=gavle)

        response = api_client.put(
            _cell_url(nya_kiruna, foreign, "design"), {"role": "lead"}, format="json"
        )

        assert response.status_code == 404


def test_schema_describes_the_matrix(api_client: APIClient, reference_data: None) -> None:
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    assert "/api/v1/projects/{slug}/units/" in schema["paths"]
    assert "put" in schema["paths"]["/api/v1/projects/{slug}/units/{unit_id}/phases/{phase}/"]
