"""Pages of projects: what visitors, members, leaders and outsiders see and may do."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.fixtures import Settings

from samskapa.accounts.models import User
from samskapa.core.models import SustainabilityDimension, Visibility
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UnitFactory,
)
from samskapa.projects.models import Funding, Project, ProjectUnit
from samskapa.projects.tests.factories import FundingFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _edit_url(project: Project) -> str:
    return f"{project.get_absolute_url()}andra/"


def _form_data(project: Project, **overrides: str) -> dict[str, str]:
    return {
        "name": project.name,
        "municipality": str(project.municipality_id),
        "area": project.area,
        "phase": project.phase,
        "start_date": "2024-01-01",
        "end_date": "2030-12-31",
        "summary": project.summary,
        "description": project.description,
        "goals": project.goals,
        "visibility": project.visibility,
        **overrides,
    }


class TestList:
    @pytest.mark.parametrize("language", ["sv", "en"])
    def test_renders_in_both_languages(
        self, client: Client, naringen: Project, language: str
    ) -> None:
        response = client.get(f"/{language}/projekt/")

        assert response.status_code == 200
        assert f'lang="{language}"' in response.text
        assert "Näringen" in response.text

    def test_hidden_project_is_absent_for_visitors_and_residents(
        self, client: Client, naringen: Project, hidden_project: Project, resident: User
    ) -> None:
        assert hidden_project.name not in client.get("/sv/projekt/").text
        client.force_login(resident)
        assert hidden_project.name not in client.get("/sv/projekt/").text

    def test_hidden_project_is_listed_for_members(
        self, client: Client, hidden_project: Project, kiruna_admin: User
    ) -> None:
        client.force_login(kiruna_admin)

        assert hidden_project.name in client.get("/sv/projekt/").text

    def test_filter_by_region(
        self, client: Client, naringen: Project, kiruna: Organisation
    ) -> None:
        ProjectFactory(name="Det nya Kiruna", organisation=kiruna)

        html = client.get("/sv/projekt/", {"region": "25"}).text

        assert "Det nya Kiruna" in html
        assert "Näringen" not in html

    def test_query_count_does_not_grow_with_rows(
        self, client: Client, gavle: Organisation, kiruna_admin: User, settings: Settings
    ) -> None:
        # Sessions straight from the database, so that a cache miss cannot add a query.
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
        dimensions = list(SustainabilityDimension.objects.all())
        client.force_login(kiruna_admin)

        def add_projects(count: int) -> None:
            for project in ProjectFactory.create_batch(count, organisation=gavle):
                project.dimensions.set(dimensions)

        def queries_for_list() -> int:
            client.get("/sv/projekt/")
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/sv/projekt/").status_code == 200
            return len(captured)

        add_projects(5)
        with_5 = queries_for_list()
        add_projects(20)
        with_25 = queries_for_list()

        assert with_5 == with_25


class TestDetail:
    @pytest.mark.parametrize("language", ["sv", "en"])
    def test_renders_in_both_languages_with_reference_data_in_that_language(
        self, client: Client, naringen: Project, language: str
    ) -> None:
        naringen.dimensions.set(SustainabilityDimension.objects.filter(code="social"))

        response = client.get(f"/{language}{naringen.get_absolute_url()[3:]}")

        assert response.status_code == 200
        assert f'lang="{language}"' in response.text
        assert "Gävleborgs län" in response.text
        expected = {"sv": "Social hållbarhet", "en": "Social sustainability"}[language]
        assert expected in response.text

    def test_shows_funding(self, client: Client, naringen: Project) -> None:
        FundingFactory(project=naringen, reference_number="2017-04760")

        response = client.get(naringen.get_absolute_url())

        assert "2017-04760" in response.text

    def test_hidden_project_is_404_for_visitors_and_residents(
        self, client: Client, hidden_project: Project, resident: User, gavle_admin: User
    ) -> None:
        url = hidden_project.get_absolute_url()

        assert client.get(url).status_code == 404
        client.force_login(resident)
        assert client.get(url).status_code == 404
        client.force_login(gavle_admin)
        assert client.get(url).status_code == 404

    def test_hidden_project_is_shown_to_its_members(
        self, client: Client, hidden_project: Project
    ) -> None:
        assessor = MembershipFactory(
            organisation=None, project=hidden_project, role=Role.ASSESSOR
        ).user
        client.force_login(assessor)

        response = client.get(hidden_project.get_absolute_url())

        assert response.status_code == 200
        assert hidden_project.name in response.text
        assert _edit_url(hidden_project) not in response.text

    def test_leader_sees_the_edit_link_and_history(
        self, client: Client, naringen: Project, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)

        response = client.get(naringen.get_absolute_url())

        assert _edit_url(naringen) in response.text
        assert 'id="history-heading"' in response.text

    def test_visitor_sees_neither(self, client: Client, naringen: Project) -> None:
        response = client.get(naringen.get_absolute_url())

        assert _edit_url(naringen) not in response.text
        assert 'id="history-heading"' not in response.text


class TestEdit:
    def test_leader_of_the_organisation_edits(
        self, client: Client, naringen: Project, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)

        response = client.post(_edit_url(naringen), _form_data(naringen, phase="construction"))

        assert response.status_code == 302
        assert Project.objects.get(pk=naringen.pk).phase == "construction"

    def test_end_before_start_re_renders_the_form(
        self, client: Client, naringen: Project, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)

        response = client.post(_edit_url(naringen), _form_data(naringen, end_date="2020-01-01"))

        assert response.status_code == 200
        assert 'value="2020-01-01"' in response.text
        assert Project.objects.get(pk=naringen.pk).end_date.year == 2030

    def test_administrator_of_another_organisation_gets_403(
        self, client: Client, naringen: Project, kiruna_admin: User
    ) -> None:
        client.force_login(kiruna_admin)

        assert client.get(_edit_url(naringen)).status_code == 403
        response = client.post(_edit_url(naringen), _form_data(naringen, name="Kapat"))

        assert response.status_code == 403
        assert Project.objects.get(pk=naringen.pk).name == "Näringen"

    def test_resident_gets_403_and_visitor_is_sent_to_log_in(
        self, client: Client, naringen: Project, resident: User
    ) -> None:
        assert client.get(_edit_url(naringen)).status_code == 302
        client.force_login(resident)
        assert client.get(_edit_url(naringen)).status_code == 403

    def test_editing_a_hidden_project_of_another_organisation_is_404(
        self, client: Client, hidden_project: Project, gavle_admin: User
    ) -> None:
        client.force_login(gavle_admin)

        assert client.get(_edit_url(hidden_project)).status_code == 404


class TestCreate:
    def test_leader_starts_a_project(
        self, client: Client, gavle: Organisation, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)

        response = client.post(
            "/sv/projekt/nytt/",
            {
                "organisation": str(gavle.pk),
                "name": "Näringen etapp 2",
                "municipality": str(gavle.municipality_id),
                "phase": "initiation",
                "visibility": Visibility.MEMBERS,
            },
        )

        project = Project.objects.get()
        assert response.status_code == 302
        assert response["Location"] == project.get_absolute_url()
        assert project.municipality.code == "2180"

    def test_organisation_the_person_does_not_lead_is_refused(
        self, client: Client, gavle: Organisation, kiruna_admin: User
    ) -> None:
        client.force_login(kiruna_admin)

        response = client.post(
            "/sv/projekt/nytt/",
            {
                "organisation": str(gavle.pk),
                "name": "Kapat",
                "phase": "initiation",
                "visibility": "public",
            },
        )

        assert response.status_code == 200
        assert not Project.objects.exists()


class TestMembers:
    def test_leader_adds_a_project_member(
        self, client: Client, naringen: Project, gavle_leader: User, resident: User
    ) -> None:
        client.force_login(gavle_leader)

        response = client.post(
            f"{naringen.get_absolute_url()}medlemmar/ny/",
            {"email": resident.email, "role": Role.ASSESSOR},
        )

        assert response.status_code == 302
        assert resident.memberships.get().project == naringen

    def test_assessor_cannot_add_members(
        self, client: Client, naringen: Project, resident: User
    ) -> None:
        assessor = MembershipFactory(organisation=None, project=naringen, role=Role.ASSESSOR).user
        client.force_login(assessor)

        response = client.post(
            f"{naringen.get_absolute_url()}medlemmar/ny/",
            {"email": resident.email, "role": Role.PROJECT_LEADER},
        )

        assert response.status_code == 403
        assert not resident.memberships.exists()


class TestWhatMayBeUsed:
    """A foreign key of another organisation or municipality is refused on the form, with what
    was typed kept; nothing is saved."""

    def test_new_project_in_another_municipality_is_refused(
        self, client: Client, kiruna: Organisation, kiruna_leader: User, gavle: Organisation
    ) -> None:
        client.force_login(kiruna_leader)

        response = client.post(
            "/en/projekt/nytt/",
            {
                "organisation": str(kiruna.pk),
                "name": "Kapat",
                "municipality": str(gavle.municipality_id),
                "phase": "initiation",
                "visibility": "public",
            },
        )

        assert response.status_code == 200
        assert "lies in the municipality itself" in response.text
        assert 'value="Kapat"' in response.text
        assert not Project.objects.exists()

    def test_edit_offers_and_accepts_only_the_organisations_municipality(
        self, client: Client, naringen: Project, gavle_leader: User, kiruna: Organisation
    ) -> None:
        client.force_login(gavle_leader)

        form = client.get(_edit_url(naringen)).text
        response = client.post(
            _edit_url(naringen), _form_data(naringen, municipality=str(kiruna.municipality_id))
        )

        assert f'value="{kiruna.municipality_id}"' not in form
        assert response.status_code == 200
        assert Project.objects.get(pk=naringen.pk).municipality.code == "2180"

    def test_unit_of_another_organisation_is_refused(
        self, client: Client, naringen: Project, gavle: Organisation, gavle_leader: User
    ) -> None:
        company = OrganisationFactory(type="company", municipality_code="2180")
        foreign = UnitFactory(organisation=company, name="Bolagets driftavdelning")
        own = UnitFactory(organisation=gavle, name="Samhällsbyggnad Gävle")
        client.force_login(gavle_leader)
        url = f"{naringen.get_absolute_url()}enheter/ny/"

        form = client.get(url).text
        refused = client.post(url, {"unit": str(foreign.pk)})
        accepted = client.post(url, {"unit": str(own.pk), "contribution": "Planering"})

        assert own.name in form
        assert foreign.name not in form
        assert refused.status_code == 200
        assert accepted.status_code == 302
        assert [link.unit for link in ProjectUnit.objects.all()] == [own]

    def test_project_leader_cannot_appoint_an_administrator(
        self, client: Client, naringen: Project, gavle_leader: User, resident: User
    ) -> None:
        client.force_login(gavle_leader)

        response = client.post(
            f"/en{naringen.get_absolute_url()[3:]}medlemmar/ny/",
            {"email": resident.email, "role": Role.ADMINISTRATOR},
        )

        assert response.status_code == 200
        assert "Only an administrator of the project can appoint administrators." in response.text
        assert not resident.memberships.exists()

    def test_parts_of_another_project_are_not_found(
        self, client: Client, naringen: Project, nya_kiruna: Project, gavle_leader: User
    ) -> None:
        funding = FundingFactory(project=nya_kiruna)
        client.force_login(gavle_leader)

        response = client.post(f"{naringen.get_absolute_url()}finansiering/{funding.pk}/ta-bort/")

        assert response.status_code == 404
        assert Funding.objects.filter(pk=funding.pk).exists()
