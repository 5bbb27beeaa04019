"""REST API of needs: visibility, writes and 4xx answers in JSON."""

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.needs.models import Need
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


def _as(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_list_never_leaks(needs: dict[str, Need], resident: User, author: User) -> None:
    anon = _as(None).get("/api/v1/needs/").json()
    mine = _as(author).get("/api/v1/needs/", {"q": "behov"}).json()

    assert {row["title"] for row in anon["results"]} == {"Offentligt behov"}
    assert anon["count"] == 1
    assert {row["title"] for row in mine["results"]} == {
        "Offentligt behov",
        "Medlemsbehov",
        "Privat behov",
    }
    assert _as(resident).get(f"/api/v1/needs/{needs['private'].pk}/").status_code == 404


def test_create_and_bad_input(naringen: Project, resident: User) -> None:
    assert _as(None).post("/api/v1/needs/", {"project": "naringen"}).status_code in (401, 403)
    bad = _as(resident).post("/api/v1/needs/", {"project": "naringen", "title": ""}, format="json")
    assert bad.status_code == 400
    assert "title" in bad.json()
    ok = _as(resident).post(
        "/api/v1/needs/",
        {
            "project": "naringen",
            "title": "Bänkar",
            "description": "Vid ån",
            "dimensions": ["social"],
        },
        format="json",
    )
    assert ok.status_code == 201, ok.json()


def test_support_and_moderation(needs: dict[str, Need], resident: User, moderator: User) -> None:
    need = needs["public"]
    url = f"/api/v1/needs/{need.pk}/support/"
    assert _as(resident).post(url).json()["support_count"] == 1
    assert _as(resident).delete(url).json()["support_count"] == 0
    assert _as(resident).post(f"/api/v1/needs/{needs['private'].pk}/support/").status_code == 404

    moderation = f"/api/v1/needs/{need.pk}/moderation/"
    assert _as(resident).post(moderation, {"action": "hide", "reason": "x"}).status_code == 403
    assert _as(moderator).post(moderation, {"action": "hide", "reason": ""}).status_code == 400
    assert _as(moderator).post(moderation, {"action": "hide", "reason": "Spam"}).status_code == 201
    assert _as(resident).get(f"/api/v1/needs/{need.pk}/").status_code == 404


def test_campaign_dates_refused(naringen: Project, gavle_leader: User, resident: User) -> None:
    data = {
        "project": "naringen",
        "title": "K",
        "opens_on": "2026-05-01",
        "closes_on": "2026-04-01",
    }
    assert _as(gavle_leader).post("/api/v1/campaigns/", data).status_code == 400
    data["closes_on"] = "2026-06-01"
    assert _as(resident).post("/api/v1/campaigns/", data).status_code == 403
    assert _as(gavle_leader).post("/api/v1/campaigns/", data).status_code == 201


def test_filters_are_those_of_the_list_page(
    needs: dict[str, Need], naringen: Project, author: User
) -> None:
    from samskapa.core.models import SustainabilityDimension
    from samskapa.needs.tests.factories import NeedFactory

    social = SustainabilityDimension.objects.get(code="social")
    needs["public"].dimensions.add(social)
    NeedFactory(title="Behov i ett annat projekt")
    client = _as(author)

    in_project = client.get("/api/v1/needs/", {"project": naringen.slug}).json()
    by_dimension = client.get("/api/v1/needs/", {"dimension": "social"}).json()

    assert {row["title"] for row in in_project["results"]} == {
        "Offentligt behov",
        "Medlemsbehov",
        "Privat behov",
    }
    assert [row["title"] for row in by_dimension["results"]] == ["Offentligt behov"]
    bad = client.get("/api/v1/needs/", {"campaign": "abc"})
    assert bad.status_code == 400
    assert "campaign" in bad.json()


def test_support_twice_counts_once_and_withdrawing_none_is_fine(
    needs: dict[str, Need], resident: User
) -> None:
    url = f"/api/v1/needs/{needs['public'].pk}/support/"
    client = _as(resident)

    never = client.delete(url)
    first, again = client.post(url), client.post(url)
    withdrawn, withdrawn_again = client.delete(url), client.delete(url)

    assert never.status_code == 200
    assert never.json() == {"id": needs["public"].pk, "support_count": 0, "supported": False}
    assert (first.status_code, first.json()["support_count"]) == (201, 1)
    assert (again.status_code, again.json()["support_count"]) == (200, 1)
    assert withdrawn.json()["support_count"] == withdrawn_again.json()["support_count"] == 0
    assert withdrawn_again.status_code == 200
    needs["public"].refresh_from_db()
    assert needs["public"].support_count == 0


def test_support_page_twice_counts_once(needs: dict[str, Need], resident: User) -> None:
    from django.test import Client

    client = Client()
    client.force_login(resident)
    for _ in range(2):
        client.post(f"/sv/behov/{needs['public'].pk}/stod/", {"action": "support"})

    needs["public"].refresh_from_db()
    assert needs["public"].support_count == 1
