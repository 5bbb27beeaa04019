"""The programmes API: pagination, filters, members-only programmes never leaking, 401/403,
and 4xx JSON for bad input."""

import datetime

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import Milestone, MilestoneStatus, Phase, Programme
from samskapa.programmes.tests.factories import MilestoneFactory, ProgrammeFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

LIST = "/api/v1/programmes/"


def _detail(programme: Programme, rest: str = "") -> str:
    return f"{LIST}{programme.slug}/{rest}"


def _new(organisation: Organisation, **overrides: object) -> dict[str, object]:
    return {
        "name": "Innovationsprogram 2027–2029",
        "organisation": organisation.slug,
        "start_date": "2027-01-01",
        "end_date": "2029-12-31",
        "portfolio_due_on": "2027-06-30",
        "municipalities": ["2180"],
        **overrides,
    }


class TestList:
    def test_paginated_with_counts(
        self, api_client: APIClient, programme: Programme, late_milestone: Milestone
    ) -> None:
        ProgrammeFactory.create_batch(29, organisation=programme.organisation)
        response = api_client.get(LIST)
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 30
        assert len(body["results"]) == 25
        assert body["next"]
        (row,) = api_client.get(f"{LIST}?q=Gävle").json()["results"]
        assert (row["participant_count"], row["late_milestone_count"]) == (1, 1)

    def test_filter_by_municipality(self, api_client: APIClient, programme: Programme) -> None:
        ProgrammeFactory()
        programme.municipalities.add(programme.organisation.municipality)
        slugs = [
            row["slug"] for row in api_client.get(f"{LIST}?municipality=2180").json()["results"]
        ]
        assert slugs == [programme.slug]

    @pytest.mark.parametrize("query", ["?municipality=abc", "?municipality=21800", "?page=99"])
    def test_bad_query_answers_4xx_json(self, api_client: APIClient, query: str) -> None:
        response = api_client.get(f"{LIST}{query}")
        assert 400 <= response.status_code < 500
        assert response["Content-Type"].startswith("application/json")

    def test_members_only_never_leaks(
        self,
        api_client: APIClient,
        programme: Programme,
        members_programme: Programme,
        resident: User,
        partner_member: User,
    ) -> None:
        MilestoneFactory(programme=members_programme)
        for user in (None, resident):
            api_client.force_authenticate(user)
            slugs = [row["slug"] for row in api_client.get(LIST).json()["results"]]
            assert slugs == [programme.slug]
            assert api_client.get(_detail(members_programme)).status_code == 404
            assert api_client.get(_detail(members_programme, "milestones/")).status_code == 404
        api_client.force_authenticate(partner_member)
        assert api_client.get(_detail(members_programme)).status_code == 200
        assert api_client.get(_detail(members_programme, "milestones/")).json()["count"] == 1

    def test_queries_do_not_grow(
        self, api_client: APIClient, gavle: Organisation, django_assert_max_num_queries: object
    ) -> None:
        for _ in range(12):
            programme = ProgrammeFactory(organisation=gavle)
            programme.municipalities.add(gavle.municipality)
        with django_assert_max_num_queries(3):  # type: ignore[operator]
            assert api_client.get(LIST).status_code == 200


class TestDetail:
    def test_participants_phases_and_milestones_with_is_late(
        self,
        api_client: APIClient,
        programme: Programme,
        late_milestone: Milestone,
        naringen: Project,
        hidden_project: Project,
    ) -> None:
        MilestoneFactory(programme=programme, title="Senare", due_on=datetime.date(2027, 6, 30))
        programme.projects.add(naringen, hidden_project)
        body = api_client.get(_detail(programme)).json()
        assert [p["role"] for p in body["participants"]] == ["lead"]
        assert [phase["name"] for phase in body["phases"]] == ["Förstudier och piloter"]
        assert [(m["title"], m["is_late"]) for m in body["milestones"]] == [
            ("Förstudierapporter klara", True),
            ("Senare", False),
        ]
        assert body["linked_projects"] == [naringen.slug]
        assert body["late_milestone_count"] == 1

    def test_update_by_leader_only(
        self,
        api_client: APIClient,
        programme: Programme,
        gavle_leader: User,
        kiruna_admin: User,
        partner_member: User,
    ) -> None:
        assert api_client.patch(_detail(programme), {"name": "x"}, format="json").status_code == 401
        for outsider in (kiruna_admin, partner_member):
            api_client.force_authenticate(outsider)
            response = api_client.patch(_detail(programme), {"name": "x"}, format="json")
            assert response.status_code == 403
        api_client.force_authenticate(gavle_leader)
        response = api_client.patch(_detail(programme), {"summary": "Ny"}, format="json")
        assert response.status_code == 200, response.content
        assert response.json()["summary"] == "Ny"

    def test_update_with_bad_dates_answers_400(
        self, api_client: APIClient, programme: Programme, gavle_leader: User
    ) -> None:
        api_client.force_authenticate(gavle_leader)
        response = api_client.patch(
            _detail(programme), {"portfolio_due_on": "2030-01-01"}, format="json"
        )
        assert response.status_code == 400
        assert "portfolio_due_on" in response.json()


class TestCreate:
    def test_needs_login(self, api_client: APIClient, gavle: Organisation) -> None:
        assert api_client.post(LIST, _new(gavle), format="json").status_code == 401

    @pytest.mark.parametrize("who", ["resident", "kiruna_admin"])
    def test_others_are_refused(
        self, api_client: APIClient, request: pytest.FixtureRequest, who: str, gavle: Organisation
    ) -> None:
        api_client.force_authenticate(request.getfixturevalue(who))
        response = api_client.post(LIST, _new(gavle), format="json")
        assert response.status_code == 403
        assert "detail" in response.json()

    def test_leader_creates(
        self, api_client: APIClient, gavle_leader: User, gavle: Organisation
    ) -> None:
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(LIST, _new(gavle), format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["slug"] == "innovationsprogram-2027-2029"
        assert [p["organisation"] for p in body["participants"]] == [gavle.slug]
        assert body["municipalities"] == ["2180"]

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"end_date": "2026-01-01"}, "end_date"),
            ({"portfolio_due_on": "2031-01-01"}, "portfolio_due_on"),
            ({"start_date": "not a date"}, "start_date"),
            ({"municipalities": ["9999"]}, "municipalities"),
            ({"projects": ["finns-inte"]}, "projects"),
        ],
    )
    def test_bad_input_answers_400_json(
        self,
        api_client: APIClient,
        gavle_leader: User,
        gavle: Organisation,
        overrides: dict[str, object],
        field: str,
    ) -> None:
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(LIST, _new(gavle, **overrides), format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert not Programme.objects.exists()

    def test_hidden_project_looks_missing(
        self,
        api_client: APIClient,
        gavle_leader: User,
        gavle: Organisation,
        hidden_project: Project,
    ) -> None:
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(LIST, _new(gavle, projects=[hidden_project.slug]), format="json")
        assert response.status_code == 400
        assert "projects" in response.json()


class TestMilestones:
    def test_list_is_paginated_with_is_late(
        self, api_client: APIClient, programme: Programme, late_milestone: Milestone
    ) -> None:
        MilestoneFactory.create_batch(26, programme=programme)
        body = api_client.get(_detail(programme, "milestones/")).json()
        assert body["count"] == 27
        assert len(body["results"]) == 25
        assert body["results"][0]["is_late"] is True

    def test_create_by_leader(
        self, api_client: APIClient, programme: Programme, phase: Phase, gavle_leader: User
    ) -> None:
        data = {
            "title": "Halvtidsutvärdering",
            "phase": phase.pk,
            "due_on": "2027-09-30",
            "responsible": programme.organisation.slug,
        }
        assert api_client.post(_detail(programme, "milestones/"), data).status_code == 401
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(_detail(programme, "milestones/"), data, format="json")
        assert response.status_code == 201, response.content
        assert response.json()["is_late"] is False

    def test_create_refused_to_others(
        self, api_client: APIClient, programme: Programme, kiruna_admin: User, resident: User
    ) -> None:
        data = {"title": "Kapad", "due_on": "2027-09-30"}
        for outsider in (kiruna_admin, resident):
            api_client.force_authenticate(outsider)
            response = api_client.post(_detail(programme, "milestones/"), data, format="json")
            assert response.status_code == 403
        assert not Milestone.objects.exists()

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ({"due_on": "2030-01-01"}, "due_on"),
            ({"status": "done", "completed_on": "2027-01-01"}, "completed_on"),
            ({"status": "finished"}, "status"),
            ({"phase": 999999}, "phase"),
        ],
    )
    def test_bad_input_answers_400_json(
        self,
        api_client: APIClient,
        programme: Programme,
        gavle_leader: User,
        data: dict[str, object],
        field: str,
    ) -> None:
        api_client.force_authenticate(gavle_leader)
        payload = {"title": "Fel", "due_on": "2027-09-30", **data}
        response = api_client.post(_detail(programme, "milestones/"), payload, format="json")
        assert response.status_code == 400
        assert field in response.json()

    def test_phase_of_another_programme_answers_400(
        self, api_client: APIClient, programme: Programme, gavle_leader: User, gavle: Organisation
    ) -> None:
        other = Phase.objects.create(
            programme=ProgrammeFactory(organisation=gavle),
            name="Annan",
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2026, 6, 30),
        )
        api_client.force_authenticate(gavle_leader)
        payload = {"title": "Fel fas", "due_on": "2027-09-30", "phase": other.pk}
        response = api_client.post(_detail(programme, "milestones/"), payload, format="json")
        assert response.status_code == 400
        assert "phase" in response.json()

    def test_patch_status_done_sets_completed(
        self,
        api_client: APIClient,
        programme: Programme,
        late_milestone: Milestone,
        gavle_leader: User,
        kiruna_admin: User,
    ) -> None:
        url = _detail(programme, f"milestones/{late_milestone.pk}/")
        assert api_client.get(url).json()["is_late"] is True
        api_client.force_authenticate(kiruna_admin)
        assert api_client.patch(url, {"status": "done"}, format="json").status_code == 403
        api_client.force_authenticate(gavle_leader)
        response = api_client.patch(url, {"status": "done"}, format="json")
        assert response.status_code == 200
        assert response.json()["completed_on"] == "2026-11-25"
        assert response.json()["is_late"] is False
        response = api_client.patch(url, {"status": MilestoneStatus.PLANNED}, format="json")
        assert (response.json()["completed_on"], response.json()["is_late"]) == (None, True)

    def test_milestone_of_another_programme_answers_404(
        self, api_client: APIClient, programme: Programme, gavle: Organisation
    ) -> None:
        other = MilestoneFactory(programme=ProgrammeFactory(organisation=gavle))
        assert api_client.get(_detail(programme, f"milestones/{other.pk}/")).status_code == 404


class TestWhatMayBeUsed:
    """A foreign key of another organisation or programme is refused: 400 with the field, or
    403 where the rule is to lead the organisation."""

    def test_project_of_another_organisation_is_400(
        self,
        api_client: APIClient,
        gavle_leader: User,
        gavle: Organisation,
        nya_kiruna: Project,
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.post(LIST, _new(gavle, projects=[nya_kiruna.slug]), format="json")

        assert response.status_code == 400
        assert "projects" in response.json()
        assert not Programme.objects.exists()

    def test_linking_another_organisations_project_later_is_400(
        self, api_client: APIClient, programme: Programme, gavle_leader: User, nya_kiruna: Project
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.patch(
            _detail(programme), {"projects": [nya_kiruna.slug]}, format="json"
        )

        assert response.status_code == 400
        assert "projects" in response.json()
        assert not programme.projects.exists()

    def test_handing_the_lead_to_another_organisation_is_403(
        self, api_client: APIClient, programme: Programme, gavle_leader: User, kiruna: Organisation
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.patch(
            _detail(programme), {"organisation": kiruna.slug}, format="json"
        )

        assert response.status_code == 403
        assert Programme.objects.get(pk=programme.pk).organisation == programme.organisation

    def test_responsible_organisation_outside_the_programme_is_400(
        self, api_client: APIClient, programme: Programme, gavle_leader: User, kiruna: Organisation
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.post(
            _detail(programme, "milestones/"),
            {"title": "Kapad", "due_on": "2027-09-30", "responsible": kiruna.slug},
            format="json",
        )

        assert response.status_code == 400
        assert "responsible" in response.json()
        assert not Milestone.objects.exists()

    def test_milestone_moved_to_a_phase_of_another_programme_is_400(
        self,
        api_client: APIClient,
        programme: Programme,
        late_milestone: Milestone,
        gavle_leader: User,
        gavle: Organisation,
    ) -> None:
        other = Phase.objects.create(
            programme=ProgrammeFactory(organisation=gavle),
            name="Annan",
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2026, 6, 30),
        )
        api_client.force_authenticate(gavle_leader)

        response = api_client.patch(
            _detail(programme, f"milestones/{late_milestone.pk}/"),
            {"phase": other.pk},
            format="json",
        )

        assert response.status_code == 400
        assert "phase" in response.json()
