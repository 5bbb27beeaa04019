"""One filter set for the needs list, the CSV export and the API; bad values never answer 500.

On the page a value that cannot be used gives the whole list and says so; the export and the
API answer 400.
"""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.core.models import StakeholderGroup
from samskapa.needs.models import Need
from samskapa.needs.tests.factories import CampaignFactory, NeedFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

WHOLE_LIST = "Some filters could not be used, so the whole list is shown"
HOSTILE = ["campaign=abc", "campaign=1.5", "campaign=²", "sort=oldest", f"sort={'x' * 10_000}"]


def _titles(page: str, needs: dict[str, Need]) -> set[str]:
    return {need.title for need in needs.values() if need.title in page}


@pytest.mark.parametrize("query", HOSTILE)
def test_page_shows_the_whole_list_with_a_message(
    client: Client, needs: dict[str, Need], query: str
) -> None:
    page = client.get(f"/en/behov/?{query}")

    assert page.status_code == 200
    assert WHOLE_LIST in page.text
    assert _titles(page.text, needs) == {"Offentligt behov"}


@pytest.mark.parametrize("query", HOSTILE)
def test_export_and_api_answer_400(client: Client, needs: dict[str, Need], query: str) -> None:
    export = client.get(f"/en/behov/behov.csv?{query}")
    api = APIClient().get(f"/api/v1/needs/?{query}")

    assert export.status_code == 400
    assert "could not be exported" in export.text
    assert api.status_code == 400
    assert api["Content-Type"].startswith("application/json")


def test_valid_filters_narrow_page_export_and_api_alike(
    client: Client, naringen: Project, author: User
) -> None:
    residents = StakeholderGroup.objects.get(code="residents")
    campaign = CampaignFactory(project=naringen)
    NeedFactory(project=naringen, title="Cykelbanor", stakeholder_group=residents)
    NeedFactory(project=naringen, title="Cykelparkering", campaign=campaign)
    NeedFactory(project=naringen, title="Skolväg")

    by_group = client.get("/en/behov/?group=residents").text
    by_campaign = client.get(f"/en/behov/?campaign={campaign.pk}").text
    api_by_group = APIClient().get("/api/v1/needs/", {"stakeholder_group": "residents"}).json()
    export = client.get("/en/behov/behov.csv?group=residents")

    assert "Cykelbanor" in by_group and "Skolväg" not in by_group
    assert "Cykelparkering" in by_campaign and "Cykelbanor" not in by_campaign
    assert [row["title"] for row in api_by_group["results"]] == ["Cykelbanor"]
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Cykelbanor" in text and "Skolväg" not in text


def test_search_with_sort_by_support(client: Client, naringen: Project) -> None:
    NeedFactory(project=naringen, title="Belysning vid ån", support_count=1)
    NeedFactory(project=naringen, title="Belysning på torget", support_count=5)

    rows = APIClient().get("/api/v1/needs/", {"q": "belysning", "sort": "supported"}).json()

    assert [row["title"] for row in rows["results"]] == ["Belysning på torget", "Belysning vid ån"]


def test_moderation_queue_state(needs: dict[str, Need], moderator: User) -> None:
    client = Client()
    client.force_login(moderator)

    hidden = client.get("/en/behov/moderering/?state=hidden").text
    bad = client.get("/en/behov/moderering/?state=gone")

    assert "Dolt behov" in hidden and "Offentligt behov" not in hidden
    assert bad.status_code == 200
    assert WHOLE_LIST in bad.text
    assert "Offentligt behov" in bad.text


class TestSubmitFormAddress:
    """``/behov/nytt/?project=…&campaign=…`` names the campaign to submit the need in."""

    @pytest.mark.parametrize("campaign", ["abc", "99999999999999999999", "-1", "²"])
    def test_a_campaign_that_is_no_open_campaign_is_left_out(
        self, naringen: Project, resident: User, campaign: str
    ) -> None:
        CampaignFactory(project=naringen)
        client = Client()
        client.force_login(resident)

        page = client.get(f"/sv/behov/nytt/?project=naringen&campaign={campaign}")
        english = client.get(f"/en/behov/nytt/?project=naringen&campaign={campaign}")

        assert page.status_code == 200
        assert "The campaign in the address is not open" in english.text

    def test_an_open_campaign_is_chosen(self, naringen: Project, resident: User) -> None:
        campaign = CampaignFactory(project=naringen)
        client = Client()
        client.force_login(resident)

        page = client.get(f"/en/behov/nytt/?project=naringen&campaign={campaign.pk}").text

        assert f'<option value="{campaign.pk}" selected>' in page
        assert "The campaign in the address" not in page


@pytest.mark.parametrize("query", ["exclude=²", "exclude=abc", f"title={'x' * 10_000}"])
def test_similar_needs_take_any_input(naringen: Project, query: str) -> None:
    answer = Client().get(f"/sv/behov/liknande/?project=naringen&{query}")

    assert answer.status_code == 200
