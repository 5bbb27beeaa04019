"""Balance views of the portfolio: counts per view, the funnel, visibility, pages and API.

One hand-built portfolio (``portfolio``) is used throughout: Gävle's programme with Näringen as
its project. What an anonymous visitor, a member of Gävle kommun and a project leader count
differs only by the members-only initiative and the members-only and private needs.
"""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.assessment.models import Assignment, AssignmentStatus
from samskapa.core.models import HelixSector, SustainabilityDimension, Visibility
from samskapa.geo.models import Municipality
from samskapa.ideas.models import Idea
from samskapa.ideas.tests.factories import IdeaFactory
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation, OrganisationType
from samskapa.organisations.tests.factories import OrganisationFactory
from samskapa.portfolio import balance
from samskapa.portfolio.models import Initiative, Level, Stage
from samskapa.portfolio.tests.factories import InitiativeFactory, ProgrammeFactory
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project
from samskapa.projects.tests.factories import ProjectFactory
from samskapa.sdg.models import Target

pytestmark = pytest.mark.django_db


# --- The hand-built portfolio ------------------------------------------------------------------


def _partner(sector: HelixSector, name: str) -> Organisation:
    kind = {
        HelixSector.PUBLIC: OrganisationType.PUBLIC_AGENCY,
        HelixSector.BUSINESS: OrganisationType.COMPANY,
        HelixSector.ACADEMIA: OrganisationType.UNIVERSITY,
        HelixSector.CIVIL_SOCIETY: OrganisationType.CIVIL_SOCIETY,
    }[sector]
    return OrganisationFactory(name=name, type=kind, helix_sector=sector)


def _initiative(
    *,
    programme: Programme | None,
    lead: Organisation,
    stage: Stage,
    furthest: Stage | None = None,
    dimensions: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    partners: tuple[Organisation, ...] = (),
    risk: Level = Level.MEDIUM,
    effect: Level = Level.MEDIUM,
    **fields: Any,
) -> Initiative:
    initiative = InitiativeFactory(
        programme=programme,
        lead_organisation=lead,
        stage=stage,
        furthest_stage=furthest or stage,
        risk=risk,
        expected_effect=effect,
        **fields,
    )
    initiative.dimensions.set(SustainabilityDimension.objects.filter(code__in=dimensions))
    initiative.sdg_targets.set(Target.objects.filter(code__in=targets))
    initiative.partners.set(partners)
    return initiative


def _assess(idea: Idea, *, submitted: bool) -> Assignment:
    return Assignment.objects.create(
        idea=idea,
        assessor=UserFactory(),
        status=AssignmentStatus.SUBMITTED if submitted else AssignmentStatus.INVITED,
        submitted_at=timezone.now() if submitted else None,
    )


@dataclass
class Portfolio:
    programme: Programme
    members_only: Initiative
    parked: Initiative
    outside: Initiative


@pytest.fixture
def portfolio(gavle: Organisation, kiruna: Organisation, naringen: Project) -> Portfolio:
    """Gävle's programme with Näringen: needs, ideas, assessments and five initiatives.

    Visible to everyone: pilot A, implementation B, C stopped after its pilot, D parked at the
    pre-study. Members of Gävle kommun also see E (idea stage, members-only). Kiruna has one
    initiative outside the programme.
    """
    programme = ProgrammeFactory(
        name="Innovationsprogram 2026–2028", slug="innovationsprogram", organisation=gavle
    )
    programme.projects.add(naringen)
    company = _partner(HelixSector.BUSINESS, "Smartstad AB")
    company_two = _partner(HelixSector.BUSINESS, "Sensorbolaget AB")
    university = _partner(HelixSector.ACADEMIA, "Högskolan i Gävle")
    association = _partner(HelixSector.CIVIL_SOCIETY, "Grannar i Näringen")

    for _ in range(3):
        NeedFactory(project=naringen)
    NeedFactory(project=naringen, visibility=Visibility.MEMBERS)
    NeedFactory(project=naringen, visibility=Visibility.PRIVATE, author=UserFactory())
    NeedFactory(project=naringen, is_hidden=True)

    assessed, invited, _plain = (IdeaFactory(project=naringen) for _ in range(3))
    _assess(assessed, submitted=True)
    _assess(assessed, submitted=True)  # two assessors, still one assessed idea
    _assess(invited, submitted=False)
    _assess(IdeaFactory(project=naringen, is_hidden=True), submitted=True)

    _initiative(
        programme=programme,
        lead=gavle,
        stage=Stage.PILOT,
        dimensions=("social", "ecological"),
        targets=("11.1", "11.2", "3.4"),
        partners=(company, university),
        risk=Level.LOW,
        effect=Level.HIGH,
    )
    _initiative(
        programme=programme,
        lead=gavle,
        stage=Stage.IMPLEMENTATION,
        dimensions=("economic",),
        targets=("9.1",),
        partners=(association, company_two),
    )
    _initiative(
        programme=programme,
        lead=gavle,
        stage=Stage.STOPPED,
        furthest=Stage.PILOT,
        dimensions=("social",),
        targets=("11.1",),
        partners=(company,),
        risk=Level.HIGH,
        effect=Level.HIGH,
    )
    parked = _initiative(
        programme=programme,
        lead=gavle,
        stage=Stage.PARKED,
        furthest=Stage.PRESTUDY,
        parked_from_stage=Stage.PRESTUDY,
        parked_reason="Väntar på den nya detaljplanen.",
        dimensions=("social",),
    )
    members_only = _initiative(
        programme=programme,
        lead=gavle,
        stage=Stage.IDEA,
        dimensions=("social",),
        targets=("11.3",),
        partners=(university,),
        risk=Level.LOW,
        effect=Level.LOW,
        visibility=Visibility.MEMBERS,
        title="Hemligt initiativ om parkering",
    )
    outside = _initiative(programme=None, lead=kiruna, stage=Stage.SCALING, title="Kiruna flyttar")
    return Portfolio(programme, members_only, parked, outside)


def _counts(series: balance.Series) -> dict[str, int]:
    return {bar.key: bar.count for bar in series.bars}


def _scope(portfolio: Portfolio) -> balance.Scope:
    return balance.Scope(programme=portfolio.programme)


# --- The computations --------------------------------------------------------------------------


class TestBalanceOfAProgramme:
    def test_stages_in_pipeline_order_with_stopped_and_parked(self, portfolio: Portfolio) -> None:
        figures = balance.portfolio_balance(user=AnonymousUser(), scope=_scope(portfolio))
        assert [bar.key for bar in figures.stages.bars] == [
            "idea",
            "prestudy",
            "pilot",
            "implementation",
            "scaling",
            "completed",
            "stopped",
            "parked",
        ]
        assert _counts(figures.stages) == {
            "idea": 0,
            "prestudy": 0,
            "pilot": 1,
            "implementation": 1,
            "scaling": 0,
            "completed": 0,
            "stopped": 1,
            "parked": 1,
        }
        assert (figures.initiative_count, figures.active_count, figures.parked_count) == (4, 2, 1)

    def test_dimensions_count_initiatives_in_the_pipeline(self, portfolio: Portfolio) -> None:
        figures = balance.portfolio_balance(user=AnonymousUser(), scope=_scope(portfolio))
        # The stopped and the parked initiative are social too, and are left out.
        assert _counts(figures.dimensions) == {"ecological": 1, "economic": 1, "social": 1}

    def test_each_goal_counts_an_initiative_once(self, portfolio: Portfolio) -> None:
        figures = balance.portfolio_balance(user=AnonymousUser(), scope=_scope(portfolio))
        counts = _counts(figures.sdg_goals)
        assert list(counts) == [str(number) for number in range(1, 18)]
        assert {goal: n for goal, n in counts.items() if n} == {"3": 1, "9": 1, "11": 1}
        with translation.override("en"):
            english = balance.portfolio_balance(user=AnonymousUser(), scope=_scope(portfolio))
        assert english.sdg_goals.bars[10].label == "11. Sustainable cities and communities"

    def test_helix_counts_initiatives_with_a_partner_of_the_sector(
        self, portfolio: Portfolio
    ) -> None:
        figures = balance.portfolio_balance(user=AnonymousUser(), scope=_scope(portfolio))
        # B has two companies and counts once; the lead organisation (public) is not a partner.
        assert _counts(figures.helix_sectors) == {
            "public": 0,
            "business": 2,
            "academia": 1,
            "civil_society": 1,
        }

    def test_risk_against_effect(self, portfolio: Portfolio) -> None:
        figures = balance.portfolio_balance(user=AnonymousUser(), scope=_scope(portfolio))
        cells = {
            (cell["risk"], cell["expected_effect"]): cell["count"]
            for cell in figures.risk_effect.as_list()
        }
        assert len(cells) == 9
        assert {key: n for key, n in cells.items() if n} == {
            ("low", "high"): 1,
            ("medium", "medium"): 1,
        }
        assert figures.risk_effect.total == 2

    def test_funnel_from_needs_to_implementation(self, portfolio: Portfolio) -> None:
        figures = balance.portfolio_balance(user=AnonymousUser(), scope=_scope(portfolio))
        # The stopped initiative had reached its pilot and counts there; hidden needs and
        # ideas, the private and the members-only need do not count.
        assert _counts(figures.funnel) == {
            "needs": 3,
            "ideas": 3,
            "assessed": 1,
            "pilot": 3,
            "implementation": 1,
        }

    def test_a_member_counts_the_members_only_initiative_and_need(
        self, portfolio: Portfolio, gavle_member: User
    ) -> None:
        figures = balance.portfolio_balance(user=gavle_member, scope=_scope(portfolio))
        assert _counts(figures.stages)["idea"] == 1
        assert (figures.initiative_count, figures.active_count) == (5, 3)
        assert _counts(figures.dimensions)["social"] == 2
        assert _counts(figures.sdg_goals)["11"] == 2
        assert _counts(figures.helix_sectors)["academia"] == 2
        assert figures.risk_effect.rows[0].cells[0].count == 1  # low risk, low effect
        assert _counts(figures.funnel)["needs"] == 4  # public and members-only

    def test_a_leader_also_counts_the_private_need(
        self, portfolio: Portfolio, gavle_leader: User
    ) -> None:
        figures = balance.portfolio_balance(user=gavle_leader, scope=_scope(portfolio))
        # Leaders moderate: the private need and the hidden one are theirs to see.
        assert _counts(figures.funnel)["needs"] == 6

    def test_someone_elses_member_counts_like_a_visitor(
        self, portfolio: Portfolio, kiruna_admin: User
    ) -> None:
        figures = balance.portfolio_balance(user=kiruna_admin, scope=_scope(portfolio))
        assert figures.initiative_count == 4
        assert _counts(figures.funnel)["needs"] == 3

    def test_furthest_stage_counts_in_the_funnel(self, portfolio: Portfolio) -> None:
        portfolio.parked.furthest_stage = Stage.IMPLEMENTATION
        portfolio.parked.save()
        figures = balance.portfolio_balance(user=AnonymousUser(), scope=_scope(portfolio))
        assert _counts(figures.funnel)["pilot"] == 4
        assert _counts(figures.funnel)["implementation"] == 2


class TestBalanceOfAMunicipality:
    def test_counts_what_is_placed_there(self, portfolio: Portfolio) -> None:
        kiruna = Municipality.objects.get(code="2584")
        figures = balance.portfolio_balance(
            user=AnonymousUser(), scope=balance.Scope(municipality=kiruna)
        )
        assert figures.initiative_count == 1
        assert _counts(figures.stages)["scaling"] == 1
        assert _counts(figures.funnel) == {
            "needs": 0,
            "ideas": 0,
            "assessed": 0,
            "pilot": 1,
            "implementation": 1,
        }

    def test_gavle_has_the_programme_and_its_needs(self, portfolio: Portfolio) -> None:
        gavle = Municipality.objects.get(code="2180")
        figures = balance.portfolio_balance(
            user=AnonymousUser(), scope=balance.Scope(municipality=gavle)
        )
        assert figures.initiative_count == 4
        assert _counts(figures.funnel)["needs"] == 3


class TestLists:
    def test_initiatives_in_pipeline_order_without_the_parked(self, portfolio: Portfolio) -> None:
        rows = balance.portfolio_initiatives(user=AnonymousUser(), scope=_scope(portfolio))
        assert [row.stage for row in rows] == [Stage.PILOT, Stage.IMPLEMENTATION, Stage.STOPPED]

    def test_parked_shelf_with_reason(self, portfolio: Portfolio) -> None:
        shelf = list(balance.parked_initiatives(user=AnonymousUser(), scope=_scope(portfolio)))
        assert shelf == [portfolio.parked]
        assert shelf[0].parked_reason == "Väntar på den nya detaljplanen."


class TestOverview:
    def test_funnel_programmes_and_municipalities(
        self, portfolio: Portfolio, gavle_member: User
    ) -> None:
        overview = balance.portfolio_overview(user=AnonymousUser())
        assert _counts(overview.funnel) == {
            "needs": 3,
            "ideas": 3,
            "assessed": 1,
            "pilot": 4,  # Kiruna's scaling initiative too
            "implementation": 2,
        }
        assert [(row.programme.slug, row.initiative_count) for row in overview.programmes] == [
            ("innovationsprogram", 4)
        ]
        assert [(row.code, row.initiative_count) for row in overview.municipalities] == [
            ("2180", 4),
            ("2584", 1),
        ]
        mine = balance.portfolio_overview(user=gavle_member)
        assert _counts(mine.funnel)["needs"] == 4
        assert [row.initiative_count for row in mine.programmes] == [5]
        assert (mine.municipalities[0].code, mine.municipalities[0].initiative_count) == (
            "2180",
            5,
        )

    def test_members_only_programme_is_listed_for_its_members_only(
        self, kiruna: Organisation, kiruna_admin: User, gavle_member: User
    ) -> None:
        ProgrammeFactory(slug="kiruna-intern", organisation=kiruna, visibility=Visibility.MEMBERS)
        assert balance.portfolio_overview(user=AnonymousUser()).programmes == ()
        assert balance.portfolio_overview(user=gavle_member).programmes == ()
        rows = balance.portfolio_overview(user=kiruna_admin).programmes
        assert [row.programme.slug for row in rows] == ["kiruna-intern"]

    def test_counts_are_kept_a_few_minutes_per_visibility(self, portfolio: Portfolio) -> None:
        assert _counts(balance.portfolio_overview(user=AnonymousUser()).funnel)["needs"] == 3
        NeedFactory(project=portfolio.programme.projects.get())
        # The overview does not count 300,000 needs on every visit.
        assert _counts(balance.portfolio_overview(user=AnonymousUser()).funnel)["needs"] == 3
        cache.delete(balance.overview_cache_key(AnonymousUser()))
        assert _counts(balance.portfolio_overview(user=AnonymousUser()).funnel)["needs"] == 4


# --- Pages -------------------------------------------------------------------------------------

PROGRAMME_URL = "/sv/portfolj/program/innovationsprogram/"
GAVLE_URL = "/sv/portfolj/kommun/2180/"


class TestPages:
    def test_programme_page_for_a_visitor(self, client: Client, portfolio: Portfolio) -> None:
        response = client.get(PROGRAMME_URL)
        assert response.status_code == 200
        page = response.text
        assert "Innovationsprogram 2026–2028" in page
        for chart in ("funnel", "stages", "dimensions", "helix", "sdg"):
            assert f'id="chart-{chart}"' in page
            assert f'id="chart-{chart}-data"' in page
        assert page.count("<caption>") >= 6  # five charts and the risk matrix
        assert "Väntar på den nya detaljplanen." in page
        assert "Hemligt initiativ om parkering" not in page
        assert "Kiruna flyttar" not in page
        assert 'src="/static/vendor/chartjs/chart.umd.min.js"' in page

    def test_programme_page_for_a_member(
        self, client: Client, portfolio: Portfolio, gavle_member: User
    ) -> None:
        client.force_login(gavle_member)
        response = client.get(PROGRAMME_URL)
        assert "Hemligt initiativ om parkering" in response.text

    def test_chart_data_is_translated_by_the_server(
        self, client: Client, portfolio: Portfolio
    ) -> None:
        english = client.get("/en/portfolj/program/innovationsprogram/")
        stages = english.context["balance"].stages.chart_data
        assert stages["labels"][:2] == ["Idea", "Pre-study"]
        assert '"Not now"' in english.text

    def test_members_only_programme_is_404_for_others(
        self,
        client: Client,
        kiruna: Organisation,
        kiruna_admin: User,
        gavle_leader: User,
        resident: User,
    ) -> None:
        ProgrammeFactory(slug="kiruna-intern", organisation=kiruna, visibility=Visibility.MEMBERS)
        url = "/sv/portfolj/program/kiruna-intern/"
        assert client.get(url).status_code == 404
        for outsider in (resident, gavle_leader):
            client.force_login(outsider)
            assert client.get(url).status_code == 404
        client.force_login(kiruna_admin)
        assert client.get(url).status_code == 200

    def test_unknown_programme_and_municipality_are_404(self, client: Client, db: None) -> None:
        assert client.get("/sv/portfolj/program/finns-inte/").status_code == 404
        assert client.get("/sv/portfolj/kommun/9999/").status_code == 404

    def test_municipality_page(self, client: Client, portfolio: Portfolio) -> None:
        response = client.get("/sv/portfolj/kommun/2584/")
        assert response.status_code == 200
        assert "Kiruna flyttar" in response.text
        assert "Kiruna" in response.text

    def test_overview_links_to_programmes_and_municipalities(
        self, client: Client, portfolio: Portfolio
    ) -> None:
        response = client.get("/sv/portfolj/")
        assert response.status_code == 200
        assert PROGRAMME_URL in response.text
        assert GAVLE_URL in response.text
        assert "/sv/portfolj/kommun/2584/" in response.text
        assert 'id="chart-funnel-data"' in response.text

    def test_initiatives_and_parked_shelf_are_paged_separately(
        self, client: Client, gavle: Organisation
    ) -> None:
        programme = ProgrammeFactory(slug="stort", organisation=gavle)
        for n in range(23):
            _initiative(programme=programme, lead=gavle, stage=Stage.PILOT, title=f"Pilot {n:02}")
        for n in range(12):
            _initiative(
                programme=programme,
                lead=gavle,
                stage=Stage.PARKED,
                parked_from_stage=Stage.PRESTUDY,
                parked_reason=f"Skäl {n:02}",
                title=f"Parkerad {n:02}",
            )
        url = "/sv/portfolj/program/stort/"
        first = client.get(url)
        assert first.context["page_obj"].paginator.num_pages == 2
        assert len(first.context["page_obj"].object_list) == 20
        assert len(first.context["parked_page"].object_list) == 10
        both = client.get(url, {"page": 2, "parked": 2})
        assert [i.title for i in both.context["page_obj"].object_list] == [
            "Pilot 20",
            "Pilot 21",
            "Pilot 22",
        ]
        assert len(both.context["parked_page"].object_list) == 2
        assert "?page=2&amp;parked=1" in both.text  # back to the first page of the shelf
        assert client.get(url, {"page": 99}).context["page_obj"].number == 2

    def test_empty_portfolio(self, client: Client, gavle: Organisation) -> None:
        ProgrammeFactory(slug="tomt", organisation=gavle)
        response = client.get("/sv/portfolj/program/tomt/")
        assert response.status_code == 200
        assert 'id="chart-funnel"' in response.text
        assert 'id="chart-stages"' not in response.text


# --- API ---------------------------------------------------------------------------------------


class TestApi:
    def test_programme_portfolio(self, api_client: APIClient, portfolio: Portfolio) -> None:
        response = api_client.get("/api/v1/programmes/innovationsprogram/portfolio/")
        assert response.status_code == 200
        data = response.json()
        assert data["scope"] == {
            "type": "programme",
            "id": "innovationsprogram",
            "name": "Innovationsprogram 2026–2028",
        }
        assert data["initiative_count"] == 4
        assert {row["key"]: row["count"] for row in data["funnel"]} == {
            "needs": 3,
            "ideas": 3,
            "assessed": 1,
            "pilot": 3,
            "implementation": 1,
        }
        assert {row["key"]: row["count"] for row in data["helix_sectors"]}["business"] == 2
        assert len(data["sdg_goals"]) == 17
        assert len(data["risk_effect"]) == 9
        assert {row["key"] for row in data["stages"]} >= {"stopped", "parked"}

    def test_member_sees_more(
        self, api_client: APIClient, portfolio: Portfolio, gavle_member: User
    ) -> None:
        api_client.force_authenticate(gavle_member)
        data = api_client.get("/api/v1/programmes/innovationsprogram/portfolio/").json()
        assert data["initiative_count"] == 5

    def test_municipality_portfolio(self, api_client: APIClient, portfolio: Portfolio) -> None:
        response = api_client.get("/api/v1/municipalities/2584/portfolio/")
        assert response.status_code == 200
        assert response.json()["scope"]["name"] == "Kiruna"
        assert response.json()["initiative_count"] == 1
        # The municipality itself is still where it was.
        assert api_client.get("/api/v1/municipalities/2584/").json()["name"] == "Kiruna"

    def test_members_only_programme_and_unknown_codes_are_404_json(
        self,
        api_client: APIClient,
        kiruna: Organisation,
        kiruna_admin: User,
        resident: User,
    ) -> None:
        ProgrammeFactory(slug="kiruna-intern", organisation=kiruna, visibility=Visibility.MEMBERS)
        url = "/api/v1/programmes/kiruna-intern/portfolio/"
        response = api_client.get(url)
        assert response.status_code == 404
        assert "detail" in response.json()
        api_client.force_authenticate(resident)
        assert api_client.get(url).status_code == 404
        api_client.force_authenticate(kiruna_admin)
        assert api_client.get(url).status_code == 200
        assert api_client.get("/api/v1/municipalities/9999/portfolio/").status_code == 404

    def test_writes_are_refused(self, api_client: APIClient, portfolio: Portfolio) -> None:
        api_client.force_authenticate(UserFactory(is_superuser=True))
        response = api_client.post("/api/v1/programmes/innovationsprogram/portfolio/", {})
        assert response.status_code in (403, 405)


# --- Query counts ------------------------------------------------------------------------------


def _grow(portfolio: Portfolio, *, times: int) -> None:
    """Add ``times`` more of everything the pages count, in both scopes."""
    project = portfolio.programme.projects.get()
    gavle = portfolio.members_only.lead_organisation
    partner = _partner(HelixSector.ACADEMIA, "Forskningsinstitutet")
    for n in range(times):
        NeedFactory(project=project)
        idea = IdeaFactory(project=project)
        _assess(idea, submitted=True)
        stage = [Stage.PILOT, Stage.PARKED, Stage.STOPPED, Stage.SCALING][n % 4]
        _initiative(
            programme=portfolio.programme,
            lead=gavle,
            stage=stage,
            furthest=Stage.PILOT if stage in (Stage.PARKED, Stage.STOPPED) else stage,
            parked_from_stage=Stage.PILOT if stage == Stage.PARKED else "",
            dimensions=("social", "economic"),
            targets=("11.1", "7.2"),
            partners=(partner,),
        )
        ProjectFactory(organisation=gavle)


def _queries(client: Client | APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


URLS = [
    "/sv/portfolj/",
    PROGRAMME_URL,
    GAVLE_URL,
    "/api/v1/programmes/innovationsprogram/portfolio/",
    "/api/v1/municipalities/2180/portfolio/",
]


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_query_count_does_not_grow_with_the_data(
    who: str, portfolio: Portfolio, gavle_member: User
) -> None:
    client, api = Client(), APIClient()
    user: Any = AnonymousUser()
    if who == "member":
        client.force_login(gavle_member)
        api.force_authenticate(gavle_member)
        user = gavle_member

    def measure() -> list[int]:
        counts = []
        for url in URLS:
            cache.delete(balance.overview_cache_key(user))
            counts.append(_queries(api if url.startswith("/api/") else client, url))
        return counts

    measure()  # the first page after signing in looks up the legal documents in force
    small = measure()
    _grow(portfolio, times=25)
    assert measure() == small
    # A logged-in member's programme page is the richest: 11 queries, whatever the size.
    assert max(small) <= 11


def test_overview_funnel_is_read_from_the_cache(client: Client, portfolio: Portfolio) -> None:
    first = _queries(client, "/sv/portfolj/")
    assert _queries(client, "/sv/portfolj/") < first


def test_dates_of_the_programme_are_shown(client: Client, portfolio: Portfolio) -> None:
    portfolio.programme.portfolio_due_on = datetime.date(2026, 6, 30)
    portfolio.programme.save()
    assert "30 juni 2026" in client.get(PROGRAMME_URL).text
