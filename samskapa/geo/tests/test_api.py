"""Read-only API of regions and municipalities."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.usefixtures("reference_data")


def test_municipalities_are_paginated(api_client: APIClient) -> None:
    first = api_client.get("/api/v1/municipalities/").json()
    last = api_client.get("/api/v1/municipalities/", {"page": 12}).json()

    assert first["count"] == 290
    assert len(first["results"]) == 25
    assert first["next"].endswith("page=2")
    assert first["previous"] is None
    assert len(last["results"]) == 290 - 11 * 25
    assert last["next"] is None


def test_municipalities_filtered_by_region(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/municipalities/", {"region__code": "25"})

    body = response.json()
    assert body["count"] == 14
    names = {row["name"] for row in body["results"]}
    assert {"Kiruna", "Luleå", "Gällivare"} <= names
    assert {row["region"]["name"] for row in body["results"]} == {"Norrbottens län"}


def test_municipality_detail_by_scb_code(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/municipalities/2584/")

    assert response.status_code == 200
    assert response.json()["name"] == "Kiruna"
    assert response.json()["region"] == {"code": "25", "name": "Norrbottens län"}


def test_unknown_municipality_answers_404_json(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/municipalities/9999/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_regions_are_listed(api_client: APIClient) -> None:
    body = api_client.get("/api/v1/regions/").json()

    assert body["count"] == 21
    assert body["results"][0] == {"code": "01", "name": "Stockholms län"}


def test_region_code_of_the_wrong_shape_answers_400(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/municipalities/", {"region__code": "Norrbotten"})

    assert response.status_code == 400
    assert "region__code" in response.json()
