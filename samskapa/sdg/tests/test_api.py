"""Read-only API of goals and targets."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.usefixtures("reference_data")


def test_goals_are_listed_whole_in_the_language_asked_for(api_client: APIClient) -> None:
    swedish = api_client.get("/api/v1/sdg/goals/", HTTP_ACCEPT_LANGUAGE="sv")
    english = api_client.get("/api/v1/sdg/goals/", HTTP_ACCEPT_LANGUAGE="en")

    assert swedish.status_code == english.status_code == 200
    assert len(swedish.json()) == 17
    assert swedish.json()[10]["short"] == "Hållbara städer och samhällen"
    assert english.json()[10]["short"] == "Sustainable cities and communities"


def test_targets_are_paginated_and_filtered_by_goal(api_client: APIClient) -> None:
    everything = api_client.get("/api/v1/sdg/targets/").json()
    goal_11 = api_client.get("/api/v1/sdg/targets/", {"goal__number": 11}).json()

    assert everything["count"] == 169
    assert len(everything["results"]) == 25
    assert everything["next"]
    assert goal_11["count"] == 10
    assert {row["goal"] for row in goal_11["results"]} == {11}


def test_goals_cannot_be_written(api_client: APIClient) -> None:
    response = api_client.post("/api/v1/sdg/goals/", {"number": 18}, format="json")

    assert response.status_code in (401, 403)
    assert "detail" in response.json()


@pytest.mark.parametrize("number", ["elva", "18", "99999999999999999999", "1.5"])
def test_goal_number_that_is_no_goal_answers_400(api_client: APIClient, number: str) -> None:
    response = api_client.get("/api/v1/sdg/targets/", {"goal__number": number})

    assert response.status_code == 400
    assert "goal__number" in response.json()
