"""Administrations and boards by phase (seed 001): the matrix, its pages and the demo."""

from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import DjangoAssertNumQueries, Settings

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.core.predicates import forget_memberships
from samskapa.needs.models import Need
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation, Unit
from samskapa.organisations.tests.factories import OrganisationFactory, UnitFactory
from samskapa.portfolio.models import Initiative
from samskapa.portfolio.unit_matrix import unit_matrix
from samskapa.projects.models import PhaseRole, Project, ProjectPhase, ProjectUnit, UnitPhaseRole
from samskapa.projects.tests.factories import ProjectFactory, UnitPhaseRoleFactory

pytestmark = pytest.mark.django_db


def _role(project: Project, unit: Unit, phase: str, role: str = PhaseRole.CONTRIBUTES) -> Any:
    link, _created = ProjectUnit.objects.get_or_create(project=project, unit=unit)
    return UnitPhaseRoleFactory(project_unit=link, phase=phase, role=role)


def _matrix_url(project: Project, language: str = "sv") -> str:
    return f"/{language}/projekt/{project.slug}/forvaltningar/"


def _cell_url(project: Project, unit: Unit, phase: str) -> str:
    return f"{_matrix_url(project)}{unit.pk}/{phase}/"


class TestMatrix:
    def test_every_unit_of_the_organisation_against_every_phase(
        self, nya_kiruna: Project, units: dict[str, Unit], resident: User
    ) -> None:
        _role(nya_kiruna, units["ks"], ProjectPhase.INITIATION, PhaseRole.LEAD)
        _role(nya_kiruna, units["sbf"], ProjectPhase.INITIATION, PhaseRole.CONTRIBUTES)
        _role(nya_kiruna, units["sbf"], ProjectPhase.DETAILED_PLAN, PhaseRole.LEAD)
        _role(nya_kiruna, units["soc"], ProjectPhase.PROGRAMME, PhaseRole.CONSULTED)
        # Another project's roles stay out.
        _role(ProjectFactory(organisation=nya_kiruna.organisation), units["rtj"], "design")

        matrix = unit_matrix(user=resident, project=nya_kiruna)

        # Boards first, then administrations, each by name; the rescue service is listed too.
        assert [row.unit.name for row in matrix.rows] == [
            "Kommunstyrelsen",
            "Räddningstjänsten",
            "Samhällsbyggnadsförvaltningen",
            "Socialförvaltningen",
        ]
        assert [column.phase for column in matrix.columns] == ProjectPhase.values
        sbf = matrix.rows[2]
        assert [cell.role.role if cell.role else None for cell in sbf.cells] == [
            "contributes",
            None,
            "lead",
            None,
            None,
            None,
        ]
        assert sbf.takes_part and sbf.phase_count == 2
        initiation = matrix.columns[0]
        assert (initiation.unit_count, initiation.lead_count) == (2, 1)
        assert matrix.columns[4].is_current  # construction

    def test_gaps(self, nya_kiruna: Project, units: dict[str, Unit], resident: User) -> None:
        _role(nya_kiruna, units["ks"], ProjectPhase.INITIATION, PhaseRole.LEAD)
        _role(nya_kiruna, units["sbf"], ProjectPhase.PROGRAMME, PhaseRole.CONTRIBUTES)
        ProjectUnit.objects.create(project=nya_kiruna, unit=units["soc"])

        matrix = unit_matrix(user=resident, project=nya_kiruna)

        assert [column.phase for column in matrix.phase_gaps] == [
            "detailed_plan",
            "design",
            "construction",
            "management",
        ]
        assert [column.phase for column in matrix.phases_without_lead] == ["programme"]
        # Taking part in the project without a phase is a gap as well as not taking part.
        assert [(row.unit.name, row.takes_part) for row in matrix.unit_gaps] == [
            ("Räddningstjänsten", False),
            ("Socialförvaltningen", True),
        ]

    def test_unit_of_another_organisation_taking_part_is_included(
        self, nya_kiruna: Project, units: dict[str, Unit], resident: User
    ) -> None:
        company = OrganisationFactory(name="LKAB", municipality_code="2584")
        outside = UnitFactory(organisation=company, name="LKAB Samhällsomvandling")
        _role(nya_kiruna, outside, ProjectPhase.PROGRAMME)

        matrix = unit_matrix(user=resident, project=nya_kiruna)

        assert "LKAB Samhällsomvandling" in [row.unit.name for row in matrix.rows]

    def test_need_counts_only_what_the_user_may_see(
        self,
        nya_kiruna: Project,
        units: dict[str, Unit],
        resident: User,
        kiruna_leader: User,
    ) -> None:
        sbf = units["sbf"]
        NeedFactory(project=nya_kiruna, responsible_unit=sbf)
        NeedFactory(project=nya_kiruna, responsible_unit=sbf, visibility=Visibility.PRIVATE)
        NeedFactory(project=nya_kiruna, responsible_unit=sbf, is_hidden=True)
        NeedFactory(project=nya_kiruna, responsible_unit=units["soc"])
        NeedFactory(
            project=ProjectFactory(organisation=nya_kiruna.organisation), responsible_unit=sbf
        )

        def counts(user: User) -> dict[str, int]:
            rows = unit_matrix(user=user, project=nya_kiruna).rows
            return {row.unit.name: row.need_count for row in rows}

        assert counts(resident)["Samhällsbyggnadsförvaltningen"] == 1
        assert counts(kiruna_leader)["Samhällsbyggnadsförvaltningen"] == 3
        assert counts(resident)["Socialförvaltningen"] == 1
        assert counts(resident)["Räddningstjänsten"] == 0

    def test_initiative_counts(
        self,
        nya_kiruna: Project,
        units: dict[str, Unit],
        resident: User,
        kiruna_member: User,
    ) -> None:
        def initiative(project: Project, visibility: str = Visibility.PUBLIC) -> None:
            Initiative.objects.create(
                title="Fjärrvärme i nya kvarter",
                summary="Pilot.",
                project=project,
                municipality=project.municipality,
                lead_organisation=project.organisation,
                responsible_unit=units["sbf"],
                visibility=visibility,
            )

        initiative(nya_kiruna)
        initiative(nya_kiruna, Visibility.MEMBERS)
        initiative(ProjectFactory(organisation=nya_kiruna.organisation))

        def count(user: User) -> int:
            rows = unit_matrix(user=user, project=nya_kiruna).rows
            return next(row.initiative_count for row in rows if row.unit == units["sbf"])

        assert count(resident) == 1
        assert count(kiruna_member) == 2

    def test_constant_number_of_queries(
        self,
        nya_kiruna: Project,
        units: dict[str, Unit],
        resident: User,
        django_assert_num_queries: DjangoAssertNumQueries,
    ) -> None:
        _role(nya_kiruna, units["ks"], ProjectPhase.INITIATION)
        # The user's memberships, the units with their counts, the links, the roles.
        with django_assert_num_queries(4):
            unit_matrix(user=resident, project=nya_kiruna)

        for index in range(12):
            unit = UnitFactory(organisation=nya_kiruna.organisation, name=f"Förvaltning {index}")
            for phase in ProjectPhase.values[: index % 6 + 1]:
                _role(nya_kiruna, unit, phase)
            NeedFactory(project=nya_kiruna, responsible_unit=unit)
        forget_memberships(resident)
        with django_assert_num_queries(4):
            matrix = unit_matrix(user=resident, project=nya_kiruna)
        assert len(matrix.rows) == 16


class TestPages:
    def test_visitor_sees_the_matrix_with_gaps_in_both_languages(
        self, client: Client, nya_kiruna: Project, units: dict[str, Unit]
    ) -> None:
        _role(nya_kiruna, units["sbf"], ProjectPhase.DETAILED_PLAN, PhaseRole.LEAD)

        for language in ("sv", "en"):
            response = client.get(_matrix_url(nya_kiruna, language))
            assert response.status_code == 200
            assert f'lang="{language}"' in response.text

        html = client.get(_matrix_url(nya_kiruna, "en")).text
        assert "<caption" in html and 'scope="row"' in html and 'scope="col"' in html
        assert "Detaljplaner, mark, gator och parker." in html  # area of responsibility
        assert "Underlag från förvaltningens verksamhet." in html  # contribution
        assert "Leads" in html and "None" in html and "Gap" in html
        assert "Räddningstjänsten" in html  # a unit that does not take part yet
        assert "/forvaltningar/" not in html.split("<main", 1)[1].split("Roles in each phase")[1]

    def test_project_page_links_to_the_matrix(self, client: Client, nya_kiruna: Project) -> None:
        assert _matrix_url(nya_kiruna) in client.get(f"/sv/projekt/{nya_kiruna.slug}/").text

    def test_members_only_project_is_404_for_outsiders(
        self,
        client: Client,
        hidden_project: Project,
        resident: User,
        gavle_leader: User,
        kiruna_member: User,
    ) -> None:
        url = _matrix_url(hidden_project)
        assert client.get(url).status_code == 404
        for outsider in (resident, gavle_leader):
            client.force_login(outsider)
            assert client.get(url).status_code == 404
            cell = f"{url}{UnitFactory(organisation=hidden_project.organisation).pk}/design/"
            assert client.get(cell).status_code == 404
            assert client.post(cell, {"role": "lead"}).status_code == 404
        client.force_login(kiruna_member)
        assert client.get(url).status_code == 200

    def test_leader_sees_change_links_and_others_do_not(
        self,
        client: Client,
        nya_kiruna: Project,
        units: dict[str, Unit],
        kiruna_leader: User,
        kiruna_member: User,
    ) -> None:
        cell_url = _cell_url(nya_kiruna, units["sbf"], "design")
        client.force_login(kiruna_member)
        assert cell_url not in client.get(_matrix_url(nya_kiruna)).text
        client.force_login(kiruna_leader)
        assert cell_url in client.get(_matrix_url(nya_kiruna)).text

    def test_leader_sets_a_cell_without_javascript(
        self, client: Client, nya_kiruna: Project, units: dict[str, Unit], kiruna_leader: User
    ) -> None:
        client.force_login(kiruna_leader)
        url = _cell_url(nya_kiruna, units["sbf"], "design")
        assert client.get(url).status_code == 200

        response = client.post(url, {"role": "lead", "contribution": "Projekterar gatorna."})

        assert response.status_code == 302
        assert response["Location"] == f"{_matrix_url(nya_kiruna)}#cell-{units['sbf'].pk}-design"
        cell = UnitPhaseRole.objects.get()
        assert (cell.role, cell.contribution) == ("lead", "Projekterar gatorna.")
        page = client.get(response["Location"]).text
        assert "Projekterar gatorna." in page

        # Choosing "does not take part" clears the cell.
        client.post(url, {"role": "", "contribution": ""})
        assert not UnitPhaseRole.objects.exists()

    def test_bad_input_keeps_what_was_typed(
        self, client: Client, nya_kiruna: Project, units: dict[str, Unit], kiruna_leader: User
    ) -> None:
        client.force_login(kiruna_leader)
        url = _cell_url(nya_kiruna, units["sbf"], "design").replace("/sv/", "/en/")

        response = client.post(url, {"role": "", "contribution": "Skriven text"})

        assert response.status_code == 200
        assert "Choose how the unit takes part, or leave the contribution empty." in response.text
        assert "Skriven text" in response.text
        assert not UnitPhaseRole.objects.exists()
        response = client.post(url, {"role": "boss"})
        assert response.status_code == 200
        assert "Select a valid choice." in response.text

    def test_unknown_phase_or_foreign_unit_is_404(
        self,
        client: Client,
        nya_kiruna: Project,
        units: dict[str, Unit],
        kiruna_leader: User,
        gavle: Organisation,
    ) -> None:
        client.force_login(kiruna_leader)
        assert client.get(_cell_url(nya_kiruna, units["sbf"], "later")).status_code == 404
        foreign = UnitFactory(organisation=gavle)
        assert client.get(_cell_url(nya_kiruna, foreign, "design")).status_code == 404

    def test_others_may_not_change_a_cell(
        self,
        client: Client,
        nya_kiruna: Project,
        units: dict[str, Unit],
        resident: User,
        kiruna_member: User,
        gavle_leader: User,
    ) -> None:
        url = _cell_url(nya_kiruna, units["sbf"], "design")
        response = client.post(url, {"role": "lead"})
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
        for user in (resident, kiruna_member, gavle_leader):
            client.force_login(user)
            assert client.get(url).status_code == 403
            assert client.post(url, {"role": "lead"}).status_code == 403
        assert not UnitPhaseRole.objects.exists()

    def test_htmx_save_redraws_the_matrix(
        self, client: Client, nya_kiruna: Project, units: dict[str, Unit], kiruna_leader: User
    ) -> None:
        client.force_login(kiruna_leader)
        url = _cell_url(nya_kiruna, units["sbf"], "design")

        form = client.get(url, headers={"HX-Request": "true"})
        assert 'id="phase-role-form"' in form.text and "autofocus" in form.text

        response = client.post(
            url.replace("/sv/", "/en/"), {"role": "consulted"}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        assert 'id="unit-matrix"' in response.text
        assert "Samhällsbyggnadsförvaltningen, Design and procurement: saved." in response.text

        response = client.post(
            url, {"role": "", "contribution": "x"}, headers={"HX-Request": "true"}
        )
        assert response["HX-Retarget"] == f"#cell-{units['sbf'].pk}-design"
        assert response["HX-Reselect"] == "#phase-role-form"

    def test_page_queries_do_not_grow_with_units(
        self,
        client: Client,
        nya_kiruna: Project,
        kiruna_leader: User,
        settings: Settings,
    ) -> None:
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
        client.force_login(kiruna_leader)

        def queries() -> int:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as context:
                assert client.get(_matrix_url(nya_kiruna)).status_code == 200
            return len(context.captured_queries)

        UnitFactory(organisation=nya_kiruna.organisation)
        queries()  # the first page after signing in looks up the legal documents in force
        few = queries()
        for index in range(10):
            unit = UnitFactory(organisation=nya_kiruna.organisation)
            _role(nya_kiruna, unit, ProjectPhase.values[index % 6])
            NeedFactory(project=nya_kiruna, responsible_unit=unit)
        assert queries() == few


class TestResponsibleUnitOfNeeds:
    """The need page lets the project's leaders name a responsible unit; the matrix counts it."""

    def test_leader_assigns_a_unit_and_the_matrix_counts_it(
        self, client: Client, nya_kiruna: Project, units: dict[str, Unit], kiruna_leader: User
    ) -> None:
        need = NeedFactory(project=nya_kiruna, title="Trygga skolvägar")
        client.force_login(kiruna_leader)
        assert f"/behov/{need.pk}/enhet/" in client.get(need.get_absolute_url()).text

        client.post(f"/sv/behov/{need.pk}/enhet/", {"unit": units["soc"].pk})

        assert Need.objects.get(pk=need.pk).responsible_unit == units["soc"]
        rows = unit_matrix(user=kiruna_leader, project=nya_kiruna).rows
        assert {row.unit.name: row.need_count for row in rows}["Socialförvaltningen"] == 1

    def test_others_may_not_assign(
        self, client: Client, nya_kiruna: Project, units: dict[str, Unit], kiruna_member: User
    ) -> None:
        need = NeedFactory(project=nya_kiruna)
        client.force_login(kiruna_member)

        response = client.post(f"/sv/behov/{need.pk}/enhet/", {"unit": units["soc"].pk})

        assert response.status_code == 403
        assert Need.objects.get(pk=need.pk).responsible_unit is None


def test_demo_roles_are_loaded_once(reference_data: None) -> None:
    from samskapa.projects.demo import load_units_demo
    from samskapa.workspace.demo import load_demo_data

    load_demo_data()
    assert load_units_demo() == 0

    kiruna = Project.objects.get(slug="nya-kiruna")
    matrix = unit_matrix(user=None, project=kiruna)
    assert len(matrix.rows) == 8
    assert [row.unit.name for row in matrix.unit_gaps] == ["Räddningstjänsten"]
    assert [column.phase for column in matrix.phase_gaps] == ["management"]
    naringen = unit_matrix(user=None, project=Project.objects.get(slug="naringen"))
    assert "Välfärd Gävle" in [row.unit.name for row in naringen.unit_gaps]
    assert any(row.need_count for row in naringen.rows)
