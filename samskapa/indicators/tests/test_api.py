"""The API of follow-up: lists scoped by visibility, values recorded by leaders only, 400s."""

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.indicators.models import Indicator, Measurement

pytestmark = pytest.mark.django_db


def test_list_shows_progress_and_hides_members_only(indicator: Indicator, gavle: object) -> None:
    hidden = Indicator.objects.create(
        name="Intern", unit="%", organisation=indicator.organisation, visibility=Visibility.MEMBERS
    )
    body = APIClient().get("/api/v1/indicators/").json()
    names = [row["name"] for row in body["results"]]
    assert indicator.name in names and hidden.name not in names
    row = next(r for r in body["results"] if r["name"] == indicator.name)
    assert row["progress"]["status"] == "at_risk"


def test_leader_records_a_value_others_may_not(
    indicator: Indicator, gavle_leader: User, kiruna_leader: User
) -> None:
    url = f"/api/v1/indicators/{indicator.pk}/measurements/"
    client = APIClient()
    client.force_authenticate(kiruna_leader)
    assert client.post(url, {"period": 2025, "value": "50"}, format="json").status_code == 403
    client.force_authenticate(gavle_leader)
    created = client.post(url, {"period": 2025, "value": "50.5"}, format="json")
    assert created.status_code == 201, created.content
    assert Measurement.objects.get(indicator=indicator, period=2025).value == 50.5
    huge = client.post(url, {"period": 2025, "value": "1e30"}, format="json")
    assert huge.status_code == 400
    wrong = client.post(url, {"period": "soon", "value": []}, format="json")
    assert wrong.status_code == 400 and "period" in wrong.json()
