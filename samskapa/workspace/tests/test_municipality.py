"""A municipality found by its name: its page, the "Din kommun" search, and the site search."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from samskapa.core.models import Visibility
from samskapa.core.search import fold, spellings
from samskapa.geo.models import Municipality
from samskapa.geo.reference import municipality_slugs
from samskapa.geo.selectors import municipalities_named
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.needs.tests.factories import CampaignFactory, NeedFactory
from samskapa.organisations.models import Organisation
from samskapa.portfolio.tests.factories import InitiativeFactory
from samskapa.programmes.tests.factories import ProgrammeFactory
from samskapa.projects.models import Project
from samskapa.projects.selectors import project_list
from samskapa.projects.tests.factories import ProjectFactory
from samskapa.workspace.selectors import site_search

pytestmark = pytest.mark.usefixtures("reference_data")


def test_folding_and_spellings_cover_the_swedish_letters() -> None:
    assert fold("Gävle") == fold("gavle") == "gavle"
    assert fold("Malmö") == "malmo"
    assert "härryda" in spellings("harryda")
    assert spellings("gävle")[0] == "gävle"
    assert "gavle" not in spellings("gävle")


def test_habo_and_habo_keep_apart_in_the_address() -> None:
    slugs = municipality_slugs({"0305": "Håbo", "0643": "Habo", "2180": "Gävle"})

    assert slugs == {"0305": "habo-0305", "0643": "habo", "2180": "gavle"}
    assert Municipality.objects.get(code="0305").slug == "habo-0305"


@pytest.mark.parametrize(
    ("typed", "name"), [("gavle", "Gävle"), ("harryda", "Härryda"), ("MALMO", "Malmö")]
)
def test_a_name_typed_without_diacritics_finds_the_municipality(typed: str, name: str) -> None:
    assert municipalities_named(typed)[0].name == name


def test_the_start_page_offers_every_municipality_by_name(client: Client) -> None:
    page = client.get("/sv/").content.decode()

    assert "Din kommun" in page
    assert 'data-combobox="navigate"' in page
    assert '"name": "G\\u00e4vle"' in page or '"name": "Gävle"' in page


def test_a_typed_name_leads_to_the_page(client: Client) -> None:
    response = client.get("/sv/kommun/", {"q": "gavle"})

    assert response.status_code == 302
    assert response["Location"] == "/sv/kommun/gavle/"


def test_several_matches_are_listed_and_none_is_said(client: Client) -> None:
    several = client.get("/sv/kommun/", {"q": "stad"}).content.decode()
    none = client.get("/sv/kommun/", {"q": "Atlantis"}).content.decode()

    assert "Karlstad" in several and "Halmstad" in several
    assert "Ingen kommun heter så" in none


def test_the_code_in_the_address_leads_to_the_name(client: Client) -> None:
    response = client.get("/sv/kommun/2180/")

    assert response.status_code == 301
    assert response["Location"] == "/sv/kommun/gavle/"
    assert client.get("/sv/kommun/9999/").status_code == 404
    assert client.get("/sv/kommun/atlantis/").status_code == 404


def test_the_page_shows_what_is_public_there_and_nothing_hidden(
    client: Client, naringen: Project, gavle: Organisation, kiruna: Organisation
) -> None:
    today = timezone.localdate()
    hidden = ProjectFactory(
        organisation=gavle, name="Intern utredning", visibility=Visibility.MEMBERS
    )
    ProjectFactory(organisation=kiruna, name="Det nya Kiruna")
    CampaignFactory(
        project=naringen,
        title="Vad behöver Näringen?",
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=10),
    )
    ChallengeFactory(
        project=naringen, title="Trygga gångstråk", deadline=today + datetime.timedelta(days=20)
    )
    NeedFactory(project=naringen, title="Fler sittplatser vid kajen")
    IdeaFactory(title="Bänkar med solpaneler")
    InitiativeFactory(lead_organisation=gavle, title="Solbänkar i hamnen")
    programme = ProgrammeFactory(organisation=gavle, name="Innovationsprogram Gävleborg")
    programme.municipalities.add(gavle.municipality)

    page = client.get("/sv/kommun/gavle/").content.decode()

    for shown in [
        "Näringen",
        "Vad behöver Näringen?",
        "Trygga gångstråk",
        "Fler sittplatser vid kajen",
        "Bänkar med solpaneler",
        "Solbänkar i hamnen",
        "Innovationsprogram Gävleborg",
        "/sv/portfolj/kommun/2180/",
    ]:
        assert shown in page, shown
    assert hidden.name not in page
    assert "Det nya Kiruna" not in page


def test_the_page_costs_the_same_queries_with_more_rows(
    client: Client, naringen: Project, gavle: Organisation, django_assert_max_num_queries: object
) -> None:
    def queries_for_page() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sv/kommun/gavle/").status_code == 200
        return len(captured)

    NeedFactory(project=naringen)
    IdeaFactory()
    few = queries_for_page()
    for number in range(8):
        ProjectFactory(organisation=gavle, name=f"Projekt {number}")
        NeedFactory(project=naringen)
        IdeaFactory()
        InitiativeFactory(lead_organisation=gavle)

    assert queries_for_page() == few


def test_searching_a_place_ranks_its_projects_first(
    naringen: Project, kiruna: Organisation, gavle: Organisation
) -> None:
    lessons = ProjectFactory(organisation=gavle, name="Lärdomar", description="Vi lär av Kiruna.")
    nya = ProjectFactory(organisation=kiruna, name="Det nya centrumet", summary="Stadsflytt.")

    found = list(project_list(user=AnonymousUser(), query="Kiruna"))

    assert found[0] == nya
    assert len(found) == 2
    assert set(project_list(user=AnonymousUser(), query="gavle")) == {naringen, lessons}


def test_site_search_covers_challenges_programmes_and_initiatives(
    naringen: Project, gavle: Organisation
) -> None:
    ChallengeFactory(project=naringen, title="Gröna tak i hamnen")
    ProgrammeFactory(organisation=gavle, name="Gröna tak-programmet")
    InitiativeFactory(lead_organisation=gavle, title="Gröna tak på förskolor")

    hits = {
        hit.source.key: hit.results for hit in site_search(user=AnonymousUser(), query="grona tak")
    }

    assert [c.title for c in hits["challenge"]] == ["Gröna tak i hamnen"]
    assert [p.name for p in hits["programme"]] == ["Gröna tak-programmet"]
    assert [i.title for i in hits["initiative"]] == ["Gröna tak på förskolor"]


def test_each_hit_shows_its_type(client: Client, naringen: Project) -> None:
    ChallengeFactory(project=naringen, title="Gröna tak i hamnen")

    page = client.get("/sv/sok/", {"q": "hamnen"}).content.decode()

    assert '<span class="ds-tag" data-color="neutral">Utmaning</span>' in page


def test_lists_offer_the_municipality_by_name(client: Client, naringen: Project) -> None:
    for address in [
        "/sv/projekt/",
        "/sv/ideer/",
        "/sv/program/",
        "/sv/organisationer/",
        "/sv/portfolj/initiativ/",
    ]:
        page = client.get(address, {"municipality": "2180"}).content.decode()
        assert '<option value="2180" selected>Gävle</option>' in page, address
        assert "Kommunkod" not in page, address


def test_a_long_pasted_query_is_searched_without_growing_out_of_bounds(naringen: Project) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        found = list(project_list(user=AnonymousUser(), query="gavle stadsdel " * 300))

    # Gävle is named, so its project is found by its place.
    assert found == [naringen]
    assert max(len(query["sql"]) for query in captured) < 200_000
