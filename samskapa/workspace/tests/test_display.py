"""Display polish a resident notices: wording, plurals, dates, empty choices, the icon."""

import datetime

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from samskapa.accounts.models import User
from samskapa.ideas.tests.factories import IdeaFactory
from samskapa.needs.tests.factories import NeedFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.usefixtures("reference_data")


def test_nobody_supports_yet_instead_of_zero_people(client: Client, naringen: Project) -> None:
    need = NeedFactory(project=naringen)
    idea = IdeaFactory()

    need_page = client.get(need.get_absolute_url()).text
    idea_page = client.get(idea.get_absolute_url()).text

    assert "Ingen stöder ännu" in need_page and "0 personer" not in need_page
    assert "Ingen stöder idén ännu." in idea_page and "0 personer" not in idea_page


@pytest.mark.parametrize(("language", "expected"), [("sv", "31 okt 2026"), ("en", "31 Oct 2026")])
def test_short_dates_follow_the_language(language: str, expected: str) -> None:
    with translation.override(language):
        rendered = Template('{{ day|date:"SHORT_DATE_FORMAT" }}').render(
            Context({"day": datetime.date(2026, 10, 31)})
        )
    assert rendered == expected


def test_an_empty_choice_has_a_label(client: Client, gavle_leader: User, naringen: Project) -> None:
    client.force_login(gavle_leader)
    for address in [
        f"/sv/ideer/projekt/{naringen.slug}/ny-utmaning/",
        "/sv/portfolj/initiativ/nytt/",
    ]:
        page = client.get(address).text
        assert "---------" not in page, address


def test_the_site_has_an_icon(client: Client) -> None:
    assert 'rel="icon"' in client.get("/sv/").text
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_a_try_out_shows_the_sites_own_error_pages() -> None:
    from samskapa.settings import local

    assert local.DEBUG is False
