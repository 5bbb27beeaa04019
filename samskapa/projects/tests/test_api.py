"""REST API of projects: visibility, filters, writes and the errors a client gets."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.projects.models import Project
from samskapa.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/projects/"


def _detail_url(project: Project) -> str:
    return f"{LIST_URL}{project.slug}/"


def _slugs(body: dict[str, Any]) -> set[str]:
    return {row["slug"] for row in body["results"]}


class TestList:
    def test_paginated_with_count_next_and_results(
        self, api_client: APIClient, gavle: Organisation
    ) -> None:
        ProjectFactory.create_batch(27, organisation=gavle)

        body = api_client.get(LIST_URL).json()

        assert body["count"] == 27
        assert len(body["results"]) == 25
        assert body["next"]
        assert len(api_client.get(LIST_URL, {"page": 2}).json()["results"]) == 2
        assert len(api_client.get(LIST_URL, {"page_size": 5}).json()["results"]) == 5

    def test_page_past_the_end_is_404_json(self, api_client: APIClient, naringen: Project) -> None:
        response = api_client.get(LIST_URL, {"page": 9})

        assert response.status_code == 404
        assert "detail" in response.json()

    def test_filter_by_municipality(
        self, api_client: APIClient, naringen: Project, kiruna: Organisation
    ) -> None:
        kiruna_project = ProjectFactory(organisation=kiruna)

        assert _slugs(api_client.get(LIST_URL, {"municipality": "2180"}).json()) == {naringen.slug}
        assert _slugs(api_client.get(LIST_URL, {"municipality": "2584"}).json()) == {
            kiruna_project.slug
        }
        assert api_client.get(LIST_URL, {"region": "21"}).json()["count"] == 1

    def test_bad_phase_filter_is_400(self, api_client: APIClient, naringen: Project) -> None:
        response = api_client.get(LIST_URL, {"phase": "finished-yesterday"})

        assert response.status_code == 400
        assert "phase" in response.json()

    def test_search_parameter_stems_swedish(
        self, api_client: APIClient, naringen: Project, kiruna: Organisation
    ) -> None:
        ProjectFactory(organisation=kiruna, name="Det nya Kiruna")

        assert _slugs(api_client.get(LIST_URL, {"q": "näringens"}).json()) == {naringen.slug}

    def test_hidden_project_is_absent_from_list_and_search_for_outsiders(
        self, api_client: APIClient, naringen: Project, hidden_project: Project, resident: User
    ) -> None:
        assert _slugs(api_client.get(LIST_URL).json()) == {naringen.slug}
        assert hidden_project.slug not in _slugs(api_client.get(LIST_URL, {"q": "Kiruna"}).json())
        api_client.force_authenticate(resident)
        assert _slugs(api_client.get(LIST_URL).json()) == {naringen.slug}
        assert _slugs(api_client.get(LIST_URL, {"q": "förstudie"}).json()) == set()

    def test_hidden_project_is_listed_for_its_organisation(
        self, api_client: APIClient, hidden_project: Project, kiruna_admin: User
    ) -> None:
        api_client.force_authenticate(kiruna_admin)

        assert _slugs(api_client.get(LIST_URL, {"q": "förstudie"}).json()) == {hidden_project.slug}


class TestDetail:
    def test_public_project(self, api_client: APIClient, naringen: Project) -> None:
        body = api_client.get(_detail_url(naringen)).json()

        assert body["name"] == "Näringen"
        assert body["municipality"] == "2180"
        assert body["organisation"] == naringen.organisation.slug

    def test_hidden_project_is_404_for_anonymous_and_resident(
        self, api_client: APIClient, hidden_project: Project, resident: User
    ) -> None:
        anonymous = api_client.get(_detail_url(hidden_project))
        api_client.force_authenticate(resident)
        logged_in = api_client.get(_detail_url(hidden_project))

        for response in (anonymous, logged_in):
            assert response.status_code == 404
            assert "detail" in response.json()
            assert hidden_project.name not in response.content.decode()

    def test_unknown_project_is_404_json(self, api_client: APIClient, reference_data: None) -> None:
        response = api_client.get(f"{LIST_URL}finns-inte/")

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"


class TestCreate:
    def _payload(self, organisation: Organisation, **overrides: Any) -> dict[str, Any]:
        return {
            "name": "Näringen etapp 2",
            "organisation": organisation.slug,
            "phase": "initiation",
            "dimensions": ["social", "ecological"],
            **overrides,
        }

    def test_leader_creates_and_leads_the_project(
        self, api_client: APIClient, gavle: Organisation, gavle_leader: User
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.post(LIST_URL, self._payload(gavle), format="json")

        assert response.status_code == 201, response.json()
        project = Project.objects.get(slug=response.json()["slug"])
        assert project.municipality.code == "2180"
        assert sorted(d.code for d in project.dimensions.all()) == ["ecological", "social"]
        assert project.memberships.get().user == gavle_leader

    def test_end_date_before_start_date_is_400_with_field_error(
        self, api_client: APIClient, gavle: Organisation, gavle_leader: User
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.post(
            LIST_URL,
            self._payload(gavle, start_date="2030-01-01", end_date="2029-12-31"),
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )

        assert response.status_code == 400
        assert response.json()["end_date"] == ["The end date cannot be before the start date."]
        assert not Project.objects.exists()

    def test_unknown_references_are_400(
        self, api_client: APIClient, gavle: Organisation, gavle_leader: User
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.post(
            LIST_URL,
            self._payload(gavle, municipality="9999", dimensions=["cultural"], phase="done"),
            format="json",
        )

        assert response.status_code == 400
        assert {"municipality", "dimensions", "phase"} <= set(response.json())

    def test_member_of_another_organisation_gets_403_json(
        self, api_client: APIClient, gavle: Organisation, kiruna_admin: User
    ) -> None:
        api_client.force_authenticate(kiruna_admin)

        response = api_client.post(LIST_URL, self._payload(gavle), format="json")

        assert response.status_code == 403
        assert "detail" in response.json()
        assert not Project.objects.exists()

    def test_anonymous_write_is_refused_with_json(
        self, api_client: APIClient, gavle: Organisation
    ) -> None:
        response = api_client.post(LIST_URL, self._payload(gavle), format="json")

        assert response.status_code in (401, 403)
        assert "detail" in response.json()
        assert not Project.objects.exists()


class TestUpdate:
    def test_leader_patches(
        self, api_client: APIClient, naringen: Project, gavle_leader: User
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.patch(
            _detail_url(naringen), {"phase": "construction", "sdg_targets": ["11.3"]}, format="json"
        )

        assert response.status_code == 200, response.json()
        assert response.json()["sdg_targets"] == ["11.3"]
        naringen.refresh_from_db()
        assert naringen.phase == "construction"
        assert naringen.history.latest().history_user == gavle_leader

    def test_project_level_leader_patches(self, api_client: APIClient, naringen: Project) -> None:
        leader = MembershipFactory(
            organisation=None, project=naringen, role=Role.PROJECT_LEADER
        ).user
        api_client.force_authenticate(leader)

        response = api_client.patch(_detail_url(naringen), {"area": "Näringen norr"}, format="json")

        assert response.status_code == 200

    def test_administrator_of_another_organisation_gets_403_json(
        self, api_client: APIClient, naringen: Project, kiruna_admin: User
    ) -> None:
        api_client.force_authenticate(kiruna_admin)

        response = api_client.patch(_detail_url(naringen), {"name": "Kapat"}, format="json")

        assert response.status_code == 403
        assert "detail" in response.json()
        assert Project.objects.get(pk=naringen.pk).name == "Näringen"

    def test_assessor_gets_403(self, api_client: APIClient, naringen: Project) -> None:
        assessor = MembershipFactory(organisation=None, project=naringen, role=Role.ASSESSOR).user
        api_client.force_authenticate(assessor)

        response = api_client.patch(_detail_url(naringen), {"name": "Kapat"}, format="json")

        assert response.status_code == 403

    def test_end_date_before_start_date_is_400(
        self, api_client: APIClient, naringen: Project, gavle_leader: User
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.patch(
            _detail_url(naringen), {"end_date": "2020-01-01"}, format="json"
        )

        assert response.status_code == 400
        assert "end_date" in response.json()

    def test_patch_of_a_hidden_project_is_404_for_outsiders(
        self, api_client: APIClient, hidden_project: Project, gavle_admin: User
    ) -> None:
        api_client.force_authenticate(gavle_admin)

        response = api_client.patch(_detail_url(hidden_project), {"name": "Kapat"}, format="json")

        assert response.status_code == 404

    def test_platform_administrator_patches_anything(
        self, api_client: APIClient, hidden_project: Project, platform_admin: User
    ) -> None:
        api_client.force_authenticate(platform_admin)

        response = api_client.patch(
            _detail_url(hidden_project), {"visibility": "public"}, format="json"
        )

        assert response.status_code == 200
        assert Project.objects.get(pk=hidden_project.pk).visibility == "public"


class TestWhatMayBeUsed:
    """A foreign key of another organisation or municipality is refused: 400 with the field,
    or 403 where the rule is to lead the organisation."""

    def test_project_in_another_municipality_is_400(
        self, api_client: APIClient, kiruna: Organisation, kiruna_leader: User
    ) -> None:
        api_client.force_authenticate(kiruna_leader)

        response = api_client.post(
            LIST_URL,
            {"name": "Kapat", "organisation": kiruna.slug, "municipality": "2180"},
            format="json",
        )

        assert response.status_code == 400
        assert "municipality" in response.json()
        assert not Project.objects.exists()

    def test_organisation_the_caller_does_not_lead_is_403(
        self, api_client: APIClient, gavle: Organisation, kiruna_leader: User
    ) -> None:
        api_client.force_authenticate(kiruna_leader)

        response = api_client.post(
            LIST_URL, {"name": "Kapat", "organisation": gavle.slug}, format="json"
        )

        assert response.status_code == 403
        assert not Project.objects.exists()

    def test_person_who_leads_nothing_is_refused_before_anything_is_read(
        self, api_client: APIClient, gavle: Organisation, resident: User
    ) -> None:
        api_client.force_authenticate(resident)

        response = api_client.post(
            LIST_URL, {"name": "Kapat", "organisation": gavle.slug}, format="json"
        )

        assert response.status_code == 403
        assert "detail" in response.json()

    def test_moving_a_project_to_another_municipality_is_400(
        self, api_client: APIClient, naringen: Project, gavle_leader: User
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.patch(_detail_url(naringen), {"municipality": "2584"}, format="json")

        assert response.status_code == 400
        assert "municipality" in response.json()
        assert Project.objects.get(pk=naringen.pk).municipality.code == "2180"
