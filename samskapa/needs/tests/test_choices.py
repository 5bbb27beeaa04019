"""Every choice that points at another object is one the person may use.

A need's campaign, organisation and municipality, a responsible unit, a cluster, the needs of a
cluster, the project of a campaign: each write refuses another project's, another
organisation's or an unseen one, in the service, through the API (400, or 403 where the rule
is the project's) and in the forms.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.geo.models import Municipality
from samskapa.needs import services
from samskapa.needs.models import Campaign, Cluster, Need
from samskapa.needs.tests.factories import CampaignFactory, NeedFactory
from samskapa.organisations.models import Membership, Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory, UnitFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_campaign(naringen: Project) -> Campaign:
    return CampaignFactory(project=naringen, title="Näringens inventering")


@pytest.fixture
def foreign_campaign(nya_kiruna: Project) -> Campaign:
    """An open campaign of Kiruna's public project."""
    return CampaignFactory(project=nya_kiruna, title="Kirunas inventering")


@pytest.fixture
def secret_campaign(hidden_project: Project) -> Campaign:
    """An open campaign of Kiruna's members-only project, which outsiders cannot see."""
    return CampaignFactory(project=hidden_project, title="Intern inventering")


@pytest.fixture
def kiruna_municipality(reference_data: None) -> Municipality:
    return Municipality.objects.get(code="2584")


@pytest.fixture
def company(reference_data: None, resident: User) -> Organisation:
    """An organisation the resident works for."""
    return MembershipFactory(user=resident, role=Role.MEMBER).organisation


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _need_data(**extra: object) -> dict[str, object]:
    return {"title": "Bänkar", "description": "Vid ån", "visibility": "public", **extra}


class TestService:
    def test_campaign_of_another_project_is_refused(
        self, naringen: Project, resident: User, foreign_campaign: Campaign
    ) -> None:
        with pytest.raises(ValidationError) as refused:
            services.need_submit(
                actor=resident,
                project=naringen,
                title="T",
                description="D",
                campaign=foreign_campaign,
            )
        assert "campaign" in refused.value.message_dict

    def test_organisation_of_others_is_refused(
        self, naringen: Project, resident: User, kiruna: Organisation
    ) -> None:
        with pytest.raises(ValidationError) as refused:
            services.need_submit(
                actor=resident, project=naringen, title="T", description="D", organisation=kiruna
            )
        assert "organisation" in refused.value.message_dict

    def test_municipality_outside_the_project_is_refused(
        self, naringen: Project, resident: User, kiruna_municipality: Municipality
    ) -> None:
        with pytest.raises(ValidationError) as refused:
            services.need_submit(
                actor=resident,
                project=naringen,
                title="T",
                description="D",
                municipality=kiruna_municipality,
            )
        assert "municipality" in refused.value.message_dict
        assert not Need.objects.exists()

    def test_update_checks_new_choices_and_keeps_old_ones(
        self,
        naringen: Project,
        resident: User,
        company: Organisation,
        kiruna: Organisation,
        kiruna_municipality: Municipality,
        gavle_leader: User,
    ) -> None:
        need = services.need_submit(
            actor=resident, project=naringen, title="T", description="D", organisation=company
        )
        Membership.objects.filter(user=resident).delete()
        # The organisation stays, even for its author who left it and for a leader.
        services.need_update(actor=resident, need=need, title="Ny titel")
        services.need_update(actor=gavle_leader, need=need, area="Ån")
        for field, value in (("organisation", kiruna), ("municipality", kiruna_municipality)):
            need.refresh_from_db()
            with pytest.raises(ValidationError) as refused:
                services.need_update(actor=resident, need=need, **{field: value})
            assert list(refused.value.message_dict) == [field]
        need.refresh_from_db()
        assert (need.organisation, need.municipality) == (company, naringen.municipality)

    def test_unit_of_another_organisation_is_refused(
        self, naringen: Project, gavle_leader: User, kiruna: Organisation
    ) -> None:
        need = NeedFactory(project=naringen)
        with pytest.raises(ValidationError) as refused:
            services.need_assign_unit(
                actor=gavle_leader, need=need, unit=UnitFactory(organisation=kiruna)
            )
        assert "unit" in refused.value.message_dict

    def test_cluster_choices_stay_in_the_project(
        self, naringen: Project, nya_kiruna: Project, gavle_leader: User, platform_admin: User
    ) -> None:
        ours, theirs = NeedFactory(project=naringen), NeedFactory(project=nya_kiruna)
        foreign = Cluster.objects.create(project=nya_kiruna, name="Kiruna")
        cluster = services.cluster_create(actor=gavle_leader, project=naringen, name="K")
        with pytest.raises(ValidationError) as refused:
            services.cluster_create(actor=gavle_leader, project=naringen, name="X", needs=[theirs])
        assert "needs" in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            services.need_move_to_cluster(actor=gavle_leader, need=ours, cluster=foreign)
        assert "cluster" in refused.value.message_dict
        # Even the platform administrator, who may manage both, cannot merge across projects.
        with pytest.raises(ValidationError) as refused:
            services.cluster_merge(actor=platform_admin, source=foreign, target=cluster)
        assert "target" in refused.value.message_dict


class TestApi:
    def test_submit_refuses_choices_of_others(
        self,
        naringen: Project,
        resident: User,
        foreign_campaign: Campaign,
        secret_campaign: Campaign,
        kiruna: Organisation,
        hidden_project: Project,
    ) -> None:
        client = _api(resident)
        for field, value in (
            ("campaign", foreign_campaign.pk),
            ("campaign", secret_campaign.pk),
            ("organisation", kiruna.slug),
            ("municipality", "2584"),
        ):
            body = {"project": naringen.slug, **_need_data(**{field: value})}
            answer = client.post("/api/v1/needs/", body, format="json")
            assert answer.status_code == 400, (field, answer.json())
            assert field in answer.json()
        hidden = client.post(
            "/api/v1/needs/", {"project": hidden_project.slug, **_need_data()}, format="json"
        )
        assert hidden.status_code == 400
        assert "project" in hidden.json()
        assert not Need.objects.exists()

    def test_submit_accepts_own_choices(
        self, naringen: Project, resident: User, open_campaign: Campaign, company: Organisation
    ) -> None:
        body = {
            "project": naringen.slug,
            **_need_data(campaign=open_campaign.pk, organisation=company.slug, municipality="2180"),
        }
        answer = _api(resident).post("/api/v1/needs/", body, format="json")
        assert answer.status_code == 201, answer.json()

    def test_update_refuses_choices_of_others(
        self, needs: dict[str, Need], author: User, foreign_campaign: Campaign, kiruna: Organisation
    ) -> None:
        url = f"/api/v1/needs/{needs['public'].pk}/"
        for field, value in (
            ("campaign", foreign_campaign.pk),
            ("organisation", kiruna.slug),
            ("municipality", "2584"),
        ):
            answer = _api(author).patch(url, {field: value}, format="json")
            assert answer.status_code == 400, (field, answer.json())
            assert field in answer.json()

    def test_campaign_in_a_project_of_others(
        self, gavle_leader: User, nya_kiruna: Project, hidden_project: Project
    ) -> None:
        body = {"title": "K", "opens_on": "2026-05-01", "closes_on": "2026-06-01"}
        client = _api(gavle_leader)
        seen = client.post("/api/v1/campaigns/", {"project": nya_kiruna.slug, **body})
        unseen = client.post("/api/v1/campaigns/", {"project": hidden_project.slug, **body})
        unknown_group = client.post(
            "/api/v1/campaigns/",
            {"project": nya_kiruna.slug, "stakeholder_groups": ["finns-inte"], **body},
            format="json",
        )
        assert seen.status_code == 403
        assert unseen.status_code == 400
        assert "project" in unseen.json()
        assert unknown_group.status_code == 400
        assert "stakeholder_groups" in unknown_group.json()
        assert not Campaign.objects.exists()


class TestForms:
    def test_submit_form_refuses_choices_of_others(
        self,
        naringen: Project,
        resident: User,
        foreign_campaign: Campaign,
        open_campaign: Campaign,
        company: Organisation,
        kiruna: Organisation,
        kiruna_municipality: Municipality,
    ) -> None:
        client = _client(resident)
        for field, value in (
            ("campaign", foreign_campaign.pk),
            ("organisation", kiruna.pk),
            ("municipality", kiruna_municipality.pk),
        ):
            page = client.post("/en/behov/nytt/?project=naringen", _need_data(**{field: value}))
            assert page.status_code == 200
            assert 'role="alert"' in page.text
        assert not Need.objects.exists()

    def test_update_form_refuses_choices_of_others(
        self,
        needs: dict[str, Need],
        author: User,
        open_campaign: Campaign,
        foreign_campaign: Campaign,
        kiruna_municipality: Municipality,
    ) -> None:
        need = needs["public"]
        for field, value in (
            ("campaign", foreign_campaign.pk),
            ("municipality", kiruna_municipality.pk),
        ):
            page = _client(author).post(
                f"/en/behov/{need.pk}/andra/", _need_data(title="Ändrad", **{field: value})
            )
            assert page.status_code == 200
            assert 'role="alert"' in page.text
        need.refresh_from_db()
        assert need.title == "Offentligt behov"

    def test_unit_of_another_organisation(
        self, needs: dict[str, Need], gavle_leader: User, kiruna: Organisation
    ) -> None:
        need = needs["public"]
        foreign = UnitFactory(organisation=kiruna)
        own = UnitFactory(organisation=need.project.organisation)
        client = _client(gavle_leader)

        refused = client.post(f"/en/behov/{need.pk}/enhet/", {"unit": foreign.pk}, follow=True)
        need.refresh_from_db()
        assert need.responsible_unit is None
        assert "Choose one of the organisation&#x27;s units." in refused.text
        client.post(f"/en/behov/{need.pk}/enhet/", {"unit": own.pk})
        need.refresh_from_db()
        assert need.responsible_unit == own

    def test_clusters_of_another_project(
        self, naringen: Project, nya_kiruna: Project, gavle_leader: User
    ) -> None:
        ours, theirs = NeedFactory(project=naringen), NeedFactory(project=nya_kiruna)
        cluster = Cluster.objects.create(project=naringen, name="Cykel")
        foreign = Cluster.objects.create(project=nya_kiruna, name="Kiruna")
        client = _client(gavle_leader)

        client.post("/en/behov/projekt/naringen/kluster/nytt/", {"name": "X", "needs": [theirs.pk]})
        client.post(f"/en/behov/{ours.pk}/flytta/", {"cluster": foreign.pk})
        client.post(f"/en/behov/kluster/{cluster.pk}/sla-ihop/", {"target": foreign.pk})
        split = client.post(
            f"/en/behov/kluster/{cluster.pk}/dela/", {"name": "Y", "needs": [ours.pk]}, follow=True
        )

        assert set(Cluster.objects.values_list("name", flat=True)) == {"Cykel", "Kiruna"}
        ours.refresh_from_db()
        assert ours.cluster is None
        assert 'data-color="danger" role="alert"' in split.text

    def test_closed_campaign_cannot_be_chosen(
        self, naringen: Project, resident: User, open_campaign: Campaign
    ) -> None:
        closed = CampaignFactory(
            project=naringen,
            opens_on=datetime.date(2020, 1, 1),
            closes_on=datetime.date(2020, 2, 1),
        )
        page = _client(resident).post(
            "/en/behov/nytt/?project=naringen", _need_data(campaign=closed.pk)
        )
        assert page.status_code == 200
        assert not Need.objects.exists()
