import pytest
from rest_framework.test import APIClient

from samskapa.core import pagination
from samskapa.core.models import SustainabilityDimension
from samskapa.geo.models import Municipality
from samskapa.ideas.tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cap_of_three(monkeypatch):
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 3)


def test_list_below_the_cap_shows_the_exact_count(client, cap_of_three):
    IdeaFactory.create_batch(3)

    response = client.get("/sv/ideer/")

    assert "3 idéer" in response.content.decode()
    assert "Fler än" not in response.content.decode()


def test_list_above_the_cap_says_more_than(client, cap_of_three):
    IdeaFactory.create_batch(5)

    response = client.get("/sv/ideer/")
    page = response.content.decode()

    assert "Fler än 3 idéer" in page
    # The capped count still lists the first page in full.
    assert page.count('class="ds-card') >= 3


def test_api_count_stops_at_the_cap(cap_of_three):
    IdeaFactory.create_batch(5)

    body = APIClient().get("/api/v1/ideas/?page_size=2").json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"]


@pytest.fixture
def narrowed_cap_of_two(monkeypatch):
    monkeypatch.setattr(pagination, "NARROWED_COUNT_CAP", 2)


def test_a_filtered_list_counts_fewer(client, cap_of_three, narrowed_cap_of_two):
    ideas = IdeaFactory.create_batch(4)
    social = SustainabilityDimension.objects.get(code="social")
    for idea in ideas:
        idea.dimensions.add(social)

    whole = client.get("/sv/ideer/").content.decode()
    filtered = client.get("/sv/ideer/", {"dimension": "social"}).content.decode()
    api = APIClient().get("/api/v1/ideas/?dimension=social&page_size=1").json()

    assert "Fler än 3 idéer" in whole
    assert "Fler än 2 idéer" in filtered
    assert api["count"] == 2


def test_a_filtered_list_below_its_cap_is_exact(client, narrowed_cap_of_two):
    IdeaFactory.create_batch(2, municipality=Municipality.objects.get(code="1401"))
    IdeaFactory.create_batch(3)

    page = client.get("/sv/ideer/", {"municipality": "1401"}).content.decode()

    assert "2 idéer" in page
    assert "Fler än" not in page
