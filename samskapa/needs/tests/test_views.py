"""Pages of the needs inventory: happy paths, refusals, and forms that keep what was typed."""

import pytest
from django.test import Client

from samskapa.accounts.models import User
from samskapa.needs.models import Campaign, Need, NeedSupport
from samskapa.needs.tests.factories import CampaignFactory, NeedFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_list_and_detail_hide_private_need(needs: dict[str, Need], resident: User) -> None:
    body = _client(resident).get("/sv/behov/").text

    assert "Offentligt behov" in body
    assert "Privat behov" not in body
    assert _client(resident).get(f"/sv/behov/{needs['private'].pk}/").status_code == 404
    assert _client().get(f"/en/behov/{needs['public'].pk}/").status_code == 200


def test_resident_submits_need(naringen: Project, resident: User) -> None:
    response = _client(resident).post(
        "/sv/behov/nytt/?project=naringen",
        {"title": "Fler bänkar", "description": "Vid ån.", "visibility": "public"},
    )

    need = Need.objects.get(title="Fler bänkar")
    assert response.status_code == 302
    assert need.municipality_id == naringen.municipality_id


def test_bad_input_keeps_typed_values(naringen: Project, resident: User) -> None:
    response = _client(resident).post(
        "/sv/behov/nytt/?project=naringen", {"title": "Mitt behov", "description": ""}
    )

    assert response.status_code == 200
    assert 'value="Mitt behov"' in response.text
    assert 'role="alert"' in response.text


def test_campaign_dates_in_wrong_order(
    naringen: Project, gavle_leader: User, resident: User
) -> None:
    url = "/sv/behov/projekt/naringen/kampanjer/ny/"
    data = {"title": "Vårens inventering", "opens_on": "2026-05-01", "closes_on": "2026-04-01"}

    assert _client(resident).post(url, data).status_code == 403
    response = _client(gavle_leader).post(url, data)

    assert response.status_code == 200
    assert 'value="Vårens inventering"' in response.text
    assert "stängningsdatum" in response.text.lower() or "closing date" in response.text.lower()
    assert not Campaign.objects.exists()


def test_link_from_a_campaign_preselects_it(naringen: Project, resident: User) -> None:
    campaign = CampaignFactory(project=naringen)

    response = _client(resident).get(
        "/sv/behov/nytt/", {"project": "naringen", "campaign": str(campaign.pk)}
    )

    assert response.status_code == 200
    assert f'<option value="{campaign.pk}" selected>' in response.text


@pytest.mark.parametrize("campaign", ["abc", "-1", "99999999999999999999", "1.5", "²"])
def test_campaign_that_is_not_an_id_preselects_none(
    naringen: Project, resident: User, campaign: str
) -> None:
    CampaignFactory(project=naringen)

    response = _client(resident).get(
        "/sv/behov/nytt/", {"project": "naringen", "campaign": campaign}
    )

    assert response.status_code == 200
    assert '<option value="" selected>' in response.text


@pytest.mark.parametrize("target", ["abc", "-1", "//evil.example/", "https://evil.example/"])
def test_support_returns_to_the_need_when_next_is_not_a_path_of_the_site(
    naringen: Project, resident: User, target: str
) -> None:
    need = NeedFactory(project=naringen)

    response = _client(resident).post(
        f"/sv/behov/{need.pk}/stod/", {"action": "support", "next": target}
    )

    assert response.status_code == 302
    assert response["Location"] == need.get_absolute_url()
    assert NeedSupport.objects.filter(need=need, user=resident).exists()


def test_support_returns_to_the_page_it_was_sent_from(naringen: Project, resident: User) -> None:
    need = NeedFactory(project=naringen)

    response = _client(resident).post(
        f"/sv/behov/{need.pk}/stod/", {"action": "support", "next": "/sv/behov/?q=cykel"}
    )

    assert response["Location"] == "/sv/behov/?q=cykel"


def test_support_with_htmx_and_without(naringen: Project, resident: User) -> None:
    need = NeedFactory(project=naringen)
    client = _client(resident)

    plain = client.post(f"/sv/behov/{need.pk}/stod/", {"action": "support"})
    assert plain.status_code == 302
    partial = client.post(
        f"/sv/behov/{need.pk}/stod/", {"action": "withdraw"}, HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 200
    assert 'role="status"' in partial.text
    assert not NeedSupport.objects.exists()


def test_similar_endpoint_returns_live_partial(naringen: Project, resident: User) -> None:
    NeedFactory(project=naringen, title="Trygga cykelbanor", description="cykla tryggt")

    response = _client(resident).get(
        "/sv/behov/liknande/", {"project": "naringen", "title": "cykelbanor vid ån"}
    )

    assert "Trygga cykelbanor" in response.text
    assert "/stod/" in response.text


def test_moderation_from_detail_and_queue(
    needs: dict[str, Need], moderator: User, resident: User
) -> None:
    need = needs["public"]
    assert (
        _client(resident)
        .post(f"/sv/behov/{need.pk}/moderera/", {"action": "hide", "reason": "x"})
        .status_code
        == 403
    )
    _client(moderator).post(f"/sv/behov/{need.pk}/moderera/", {"action": "hide", "reason": ""})
    need.refresh_from_db()
    assert not need.is_hidden
    _client(moderator).post(f"/sv/behov/{need.pk}/moderera/", {"action": "hide", "reason": "Spam"})
    need.refresh_from_db()
    assert need.is_hidden
    queue = _client(moderator).get("/sv/behov/moderering/").text
    assert "Privat behov" in queue
    assert "Privat behov" not in _client(resident).get("/sv/behov/moderering/").text


def test_leader_pages_and_refusals(
    needs: dict[str, Need], gavle_leader: User, resident: User
) -> None:
    for url in ("/sv/behov/projekt/naringen/kluster/", "/sv/behov/projekt/naringen/prioritering/"):
        assert _client(gavle_leader).get(url).status_code == 200
        assert _client(resident).get(url).status_code == 403


def test_weights_all_zero_shows_message(naringen: Project, gavle_leader: User) -> None:
    response = _client(gavle_leader).post(
        "/sv/behov/projekt/naringen/prioritering/",
        {"reach": "0", "urgency": "0", "goal_fit": "0", "support": "0"},
    )

    assert response.status_code == 200
    assert 'role="alert"' in response.text


def test_prioritisation_saves_every_row_in_one_form(naringen: Project, gavle_leader: User) -> None:
    first, second = NeedFactory(project=naringen), NeedFactory(project=naringen)
    page = _client(gavle_leader).get("/sv/behov/projekt/naringen/prioritering/").text
    assert page.count('type="submit">Spara alla poäng</button>') == 1
    assert "Till exempel" in page

    response = _client(gavle_leader).post(
        "/sv/behov/projekt/naringen/prioritering/poang/",
        {
            "need": [first.pk, second.pk],
            f"n{first.pk}-reach": "4",
            f"n{first.pk}-urgency": "2",
            f"n{second.pk}-goal_fit": "5",
        },
        follow=True,
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.reach, first.urgency, first.goal_fit) == (4, 2, None)
    assert (second.reach, second.urgency, second.goal_fit) == (None, None, 5)
    assert "Poängen för 2 behov har sparats." in response.text


def test_prioritisation_refuses_bad_scores_and_other_people(
    naringen: Project, gavle_leader: User, resident: User
) -> None:
    need = NeedFactory(project=naringen)
    address = "/sv/behov/projekt/naringen/prioritering/poang/"

    refused = _client(resident).post(address, {"need": [need.pk], f"n{need.pk}-reach": "3"})
    bad = _client(gavle_leader).post(
        address, {"need": [need.pk], f"n{need.pk}-reach": "9"}, follow=True
    )

    need.refresh_from_db()
    assert refused.status_code == 403
    assert need.reach is None
    assert 'role="alert"' in bad.text


def test_moving_a_need_starts_with_no_choice(naringen: Project, gavle_leader: User) -> None:
    from samskapa.needs.models import Cluster

    need = NeedFactory(project=naringen)
    here = Cluster.objects.create(project=naringen, name="Cykel")
    there = Cluster.objects.create(project=naringen, name="Gång")
    need.cluster = here
    need.save()
    client = _client(gavle_leader)

    page = client.get("/sv/behov/projekt/naringen/kluster/").text
    assert '<option value="" selected>Välj vart det ska flyttas</option>' in page

    unchosen = client.post(f"/sv/behov/{need.pk}/flytta/", {"cluster": ""}, follow=True)
    need.refresh_from_db()
    assert need.cluster == here
    assert 'role="alert"' in unchosen.text

    client.post(f"/sv/behov/{need.pk}/flytta/", {"cluster": there.pk})
    need.refresh_from_db()
    assert need.cluster == there
    client.post(f"/sv/behov/{need.pk}/flytta/", {"cluster": "none"})
    need.refresh_from_db()
    assert need.cluster is None
