"""REST API of organisations: lists, registration, editing and the errors a client gets."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.organisations.models import Membership, Organisation, Role
from samskapa.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/organisations/"


def _detail_url(organisation: Organisation) -> str:
    return f"{LIST_URL}{organisation.slug}/"


def _new(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Smartstad Norr AB",
        "type": "company",
        "helix_sector": "business",
        "municipality": "2584",
        **overrides,
    }


class TestList:
    def test_paginated_with_count_next_and_results(
        self, api_client: APIClient, reference_data: None
    ) -> None:
        OrganisationFactory.create_batch(30)

        body = api_client.get(LIST_URL).json()

        assert body["count"] == 30
        assert len(body["results"]) == 25
        assert body["next"]
        second = api_client.get(body["next"]).json()
        assert len(second["results"]) == 5
        first_slugs = {row["slug"] for row in body["results"]}
        assert first_slugs.isdisjoint(row["slug"] for row in second["results"])

    def test_filter_by_municipality_and_type(
        self, api_client: APIClient, gavle: Organisation, kiruna: Organisation
    ) -> None:
        company = OrganisationFactory(
            name="Smartstad Norr AB",
            type="company",
            helix_sector="business",
            municipality_code="2584",
        )

        in_kiruna = api_client.get(LIST_URL, {"municipality": "2584"}).json()
        companies = api_client.get(LIST_URL, {"type": "company"}).json()

        assert {row["slug"] for row in in_kiruna["results"]} == {kiruna.slug, company.slug}
        assert [row["slug"] for row in companies["results"]] == [company.slug]

    def test_unknown_filter_value_is_400(self, api_client: APIClient, reference_data: None) -> None:
        response = api_client.get(LIST_URL, {"type": "spaceship"})

        assert response.status_code == 400
        assert "type" in response.json()

    def test_detail_shows_units(self, api_client: APIClient, gavle: Organisation) -> None:
        gavle.units.create(name="Samhällsbyggnad Gävle", kind="administration")

        body = api_client.get(_detail_url(gavle)).json()

        assert body["name"] == "Gävle kommun"
        assert body["municipality"] == "2180"
        assert [unit["name"] for unit in body["units"]] == ["Samhällsbyggnad Gävle"]

    def test_unknown_organisation_is_404_json(
        self, api_client: APIClient, reference_data: None
    ) -> None:
        response = api_client.get(f"{LIST_URL}finns-inte/")

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()


class TestCreate:
    def test_logged_in_person_registers_and_becomes_administrator(
        self, api_client: APIClient, resident: User
    ) -> None:
        api_client.force_authenticate(resident)

        response = api_client.post(LIST_URL, _new(org_number="5566778899"), format="json")

        assert response.status_code == 201, response.json()
        assert response.json()["org_number"] == "556677-8899"
        organisation = Organisation.objects.get(slug=response.json()["slug"])
        assert Membership.objects.filter(
            user=resident, organisation=organisation, role=Role.ADMINISTRATOR
        ).exists()

    def test_twelve_digit_org_number_is_accepted(
        self, api_client: APIClient, resident: User
    ) -> None:
        api_client.force_authenticate(resident)

        response = api_client.post(LIST_URL, _new(org_number="165566778899"), format="json")

        assert response.status_code == 201, response.json()
        assert response.json()["org_number"] == "556677-8899"

    @pytest.mark.parametrize(
        ("org_number", "message"),
        [
            ("556677-8898", "The check digit does not match"),
            ("55667-78899", "Enter the organisation number as ten digits"),
            ("811218-9876", "personal identity number"),
        ],
    )
    def test_bad_org_number_is_400_with_the_field_error(
        self, api_client: APIClient, resident: User, org_number: str, message: str
    ) -> None:
        api_client.force_authenticate(resident)

        response = api_client.post(
            LIST_URL, _new(org_number=org_number), format="json", HTTP_ACCEPT_LANGUAGE="en"
        )

        assert response.status_code == 400
        assert message in response.json()["org_number"][0]
        assert not Organisation.objects.exists()

    def test_missing_fields_are_400(self, api_client: APIClient, resident: User) -> None:
        api_client.force_authenticate(resident)

        response = api_client.post(LIST_URL, {"name": ""}, format="json")

        assert response.status_code == 400
        assert {"name", "type", "helix_sector"} <= set(response.json())

    def test_duplicate_org_number_is_400(
        self, api_client: APIClient, resident: User, gavle: Organisation
    ) -> None:
        Organisation.objects.filter(pk=gavle.pk).update(org_number="212000-2270")
        api_client.force_authenticate(resident)

        response = api_client.post(LIST_URL, _new(org_number="212000-2270"), format="json")

        assert response.status_code == 400
        assert Organisation.objects.count() == 1

    def test_anonymous_write_is_refused_with_json(
        self, api_client: APIClient, reference_data: None
    ) -> None:
        response = api_client.post(LIST_URL, _new(), format="json")

        assert response.status_code in (401, 403)
        assert "detail" in response.json()
        assert not Organisation.objects.exists()


class TestUpdate:
    def test_administrator_patches(
        self, api_client: APIClient, gavle: Organisation, gavle_admin: User
    ) -> None:
        api_client.force_authenticate(gavle_admin)

        response = api_client.patch(
            _detail_url(gavle), {"website": "https://www.gavle.se"}, format="json"
        )

        assert response.status_code == 200, response.json()
        assert Organisation.objects.get(pk=gavle.pk).website == "https://www.gavle.se"
        assert gavle.history.latest().history_user == gavle_admin

    def test_administrator_of_another_organisation_gets_403_json(
        self, api_client: APIClient, gavle: Organisation, kiruna_admin: User
    ) -> None:
        api_client.force_authenticate(kiruna_admin)

        response = api_client.patch(_detail_url(gavle), {"name": "Kapad"}, format="json")

        assert response.status_code == 403
        assert "detail" in response.json()
        assert Organisation.objects.get(pk=gavle.pk).name == "Gävle kommun"

    def test_bad_org_number_on_patch_is_400(
        self, api_client: APIClient, gavle: Organisation, gavle_admin: User
    ) -> None:
        api_client.force_authenticate(gavle_admin)

        response = api_client.patch(_detail_url(gavle), {"org_number": "abc"}, format="json")

        assert response.status_code == 400
        assert "org_number" in response.json()

    def test_anonymous_patch_is_refused(self, api_client: APIClient, gavle: Organisation) -> None:
        response = api_client.patch(_detail_url(gavle), {"name": "Kapad"}, format="json")

        assert response.status_code in (401, 403)
        assert Organisation.objects.get(pk=gavle.pk).name == "Gävle kommun"
