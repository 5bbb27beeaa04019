"""One filter set for the idea list page and the API; bad values never answer 500."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.ideas.models import Challenge
from samskapa.ideas.tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db

WHOLE_LIST = "Some filters could not be used, so the whole list is shown"
HOSTILE = [
    "challenge=abc",
    "challenge=0",
    "challenge=²",
    "sort=oldest",
    f"q={'x' * 10_000}",
    "municipality=12345",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_page_shows_the_whole_list_with_a_message(client: Client, query: str) -> None:
    IdeaFactory(title="Belysning längs ån")

    page = client.get(f"/en/ideer/?{query}")

    assert page.status_code == 200
    assert WHOLE_LIST in page.text
    assert "Belysning längs ån" in page.text


@pytest.mark.parametrize("query", [*HOSTILE, "ordering=title"])
def test_api_answers_400(query: str) -> None:
    answer = APIClient().get(f"/api/v1/ideas/?{query}")

    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("application/json")


def test_page_and_api_filter_alike(client: Client, challenge: Challenge) -> None:
    IdeaFactory(title="Fristående idé")
    IdeaFactory(title="Svar på utmaningen", challenge=challenge, project=challenge.project)

    page = client.get(f"/en/ideer/?challenge={challenge.pk}&sort=supported").text
    api = APIClient().get("/api/v1/ideas/", {"challenge": challenge.pk}).json()

    assert "Svar på utmaningen" in page and "Fristående idé" not in page
    assert f'name="challenge" value="{challenge.pk}"' in page
    assert [row["title"] for row in api["results"]] == ["Svar på utmaningen"]


@pytest.mark.parametrize("challenge", ["abc", "²", "99999999999999999999"])
def test_submit_form_address_takes_any_challenge_value(resident: User, challenge: str) -> None:
    client = Client()
    client.force_login(resident)

    answer = client.get(f"/sv/ideer/ny/?challenge={challenge}")

    assert answer.status_code in (200, 404)
