"""The toolbox API: the same visibility, rules and validation as the pages."""

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.methods.models import Method, MethodStatus
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db

LIST = "/api/v1/methods/"

NEW = {
    "title": "Platsvandring",
    "summary": "Gå runt.",
    "purpose": "Se platsen.",
    "phase": "need",
    "dimensions": ["social"],
    "steps": [{"title": "Samla gruppen", "minutes": 30}],
}


def test_list_filters_and_hides_proposals(
    api_client: APIClient, method: Method, proposal: Method
) -> None:
    slugs = [item["slug"] for item in api_client.get(LIST).json()["results"]]
    assert slugs == [method.slug]
    assert api_client.get(LIST, {"phase": "pilot"}).json()["results"] == []
    assert api_client.get(LIST, {"max_minutes": "abc"}).status_code == 400
    assert api_client.get(f"{LIST}{proposal.slug}/").status_code == 404


def test_propose_as_resident_and_refuse_visitors(api_client: APIClient, resident: User) -> None:
    assert api_client.post(LIST, NEW, format="json").status_code in (401, 403)
    api_client.force_authenticate(resident)
    response = api_client.post(LIST, NEW, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == MethodStatus.PROPOSED
    assert response.json()["total_minutes"] == 30


def test_bad_steps_answer_400(api_client: APIClient, resident: User) -> None:
    api_client.force_authenticate(resident)
    for steps in ([], [{"title": "X", "minutes": 0}], "nope", [{"title": "X\x00", "minutes": 5}]):
        response = api_client.post(LIST, {**NEW, "steps": steps}, format="json")
        assert response.status_code == 400, steps


def test_report_with_ratings(
    api_client: APIClient, method: Method, kungalv: Organisation, kungalv_member: User
) -> None:
    url = f"{LIST}{method.slug}/reports/"
    body = {
        "organisation": kungalv.slug,
        "used_on": "2019-05-01",
        "place": "Ytterby",
        "group": "Samhällsbyggnad",
        "outcome": "Bra",
        "lessons": "Tidigt",
        "ratings": [{"aspect": "usefulness", "score": 5}],
    }
    assert api_client.post(url, body, format="json").status_code in (401, 403)
    api_client.force_authenticate(kungalv_member)
    bad = {**body, "ratings": [{"aspect": "usefulness", "score": 9}]}
    assert api_client.post(url, bad, format="json").status_code == 400
    response = api_client.post(url, body, format="json")
    assert response.status_code == 201, response.json()
    detail = api_client.get(f"{LIST}{method.slug}/").json()
    assert detail["report_count"] == 1 and detail["reports"][0]["place"] == "Ytterby"


def test_resident_cannot_report(api_client: APIClient, method: Method, resident: User) -> None:
    api_client.force_authenticate(resident)
    response = api_client.post(f"{LIST}{method.slug}/reports/", {}, format="json")
    assert response.status_code == 403
