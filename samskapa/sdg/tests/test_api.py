"""Read-only API of goals and targets."""

import pytest
from django.utils.module_loading import import_string
from rest_framework.test import APIClient
from rest_framework.views import APIView

from samskapa.accounts.models import User
from samskapa.sdg.models import SuggestionFeedback
from samskapa.settings import base

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


def test_suggest_answers_ranked_targets_with_goal_and_words(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v1/sdg/suggest/",
        {"text": "Källarna översvämmas vid skyfall och dagvattnet rinner inte undan"},
        format="json",
    )

    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert 1 <= len(suggestions) <= 5
    assert {"code", "goal", "goal_name", "text", "score", "words"} <= set(suggestions[0])
    assert [s["score"] for s in suggestions] == sorted(
        (s["score"] for s in suggestions), reverse=True
    )
    assert {11, 13, 6} & {s["goal"] for s in suggestions[:3]}
    assert any("skyfall" in s["words"] for s in suggestions)


def test_suggest_takes_a_limit(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v1/sdg/suggest/", {"text": "Buss, cykel, park och skola", "limit": 2}, format="json"
    )

    assert len(response.json()["suggestions"]) == 2


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": 42},
        {"text": ["buss"]},
        {"text": "x" * 5001},
        {"text": "buss", "limit": 0},
        {"text": "buss", "limit": 99999999999999999999},
        {"text": "buss", "limit": "alla"},
    ],
)
def test_suggest_answers_400_to_bad_input(api_client: APIClient, body: dict[str, object]) -> None:
    response = api_client.post("/api/v1/sdg/suggest/", body, format="json")

    assert response.status_code == 400
    assert response.json()


def test_suggest_is_documented_in_the_schema(api_client: APIClient) -> None:
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/sdg/suggest/"]["post"]
    assert {"200", "400", "429"} <= set(operation["responses"])


def test_answers_need_an_account(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v1/sdg/suggest/answers/", {"target": "11.2", "accepted": True}, format="json"
    )

    assert response.status_code in (401, 403)
    assert SuggestionFeedback.objects.count() == 0


def test_an_answer_is_recorded_and_a_made_up_target_refused(
    api_client: APIClient, resident: User
) -> None:
    api_client.force_authenticate(resident)

    made_up = api_client.post(
        "/api/v1/sdg/suggest/answers/", {"target": "18.1", "accepted": True}, format="json"
    )
    taken = api_client.post(
        "/api/v1/sdg/suggest/answers/",
        {"target": "11.2", "accepted": True, "text": "Bussen"},
        format="json",
    )

    assert made_up.status_code == 400
    assert taken.status_code == 201
    assert taken.json()["target"] == "11.2"
    assert SuggestionFeedback.objects.get().user == resident


def test_suggest_is_throttled(api_client: APIClient, monkeypatch: pytest.MonkeyPatch) -> None:
    classes = [import_string(name) for name in base.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]]
    for throttle in classes:
        monkeypatch.setattr(throttle, "THROTTLE_RATES", {"anon": "2/min", "user": "2/min"})
    monkeypatch.setattr(APIView, "throttle_classes", classes)

    codes = [
        api_client.post("/api/v1/sdg/suggest/", {"text": "buss"}, format="json").status_code
        for _ in range(3)
    ]

    assert codes == [200, 200, 429]
