"""The events API: lists scoped to the caller, registration and its refusals as JSON."""

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.events.models import Event, Network, Registration
from samskapa.events.tests.factories import EventFactory, RegistrationFactory
from samskapa.organisations.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_list_shows_public_events_with_seats_and_hides_members_only(
    api_client: APIClient, event: Event, kiruna: Organisation
) -> None:
    EventFactory(organiser=kiruna, visibility=Visibility.MEMBERS)
    RegistrationFactory(event=event)

    body = api_client.get("/api/v1/events/").json()
    assert [(e["slug"], e["confirmed_count"]) for e in body["results"]] == [(event.slug, 1)]
    assert api_client.get("/api/v1/events/?q=%00").status_code in (200, 400)
    assert api_client.get("/api/v1/events/?municipality=abc").status_code == 400


def test_register_twice_and_cancel(api_client: APIClient, event: Event, resident: User) -> None:
    api_client.force_authenticate(resident)
    path = f"/api/v1/events/{event.slug}/registrations/"

    created = api_client.post(path, {"diet": "Vegan"}, format="json")
    assert created.status_code == 201 and created.json()["status"] == "confirmed"
    again = api_client.post(path, {}, format="json")
    assert again.status_code == 400
    assert "redan anmäld" in str(again.json())  # in the caller's language, Swedish
    assert [r["id"] for r in api_client.get(path).json()["results"]] == [created.json()["id"]]

    cancelled = api_client.post(f"{path}{created.json()['id']}/cancel/", format="json")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_others_cannot_cancel_and_visitors_cannot_register(
    api_client: APIClient, event: Event, people: list[User]
) -> None:
    registration = RegistrationFactory(event=event, user=people[0])
    path = f"/api/v1/events/{event.slug}/registrations/"

    assert api_client.post(path, {}, format="json").status_code in (401, 403)
    api_client.force_authenticate(people[1])
    assert api_client.post(f"{path}{registration.pk}/cancel/", format="json").status_code == 403
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_members_only_event_is_not_found_for_outsiders(
    api_client: APIClient, kiruna: Organisation, resident: User
) -> None:
    hidden = EventFactory(organiser=kiruna, visibility=Visibility.MEMBERS)
    api_client.force_authenticate(resident)

    assert api_client.get(f"/api/v1/events/{hidden.slug}/").status_code == 404
    assert (
        api_client.post(
            f"/api/v1/events/{hidden.slug}/registrations/", {}, format="json"
        ).status_code
        == 404
    )


def test_organisers_change_events_and_bad_times_answer_400(
    api_client: APIClient, event: Event, kiruna_leader: User, resident: User
) -> None:
    path = f"/api/v1/events/{event.slug}/"
    api_client.force_authenticate(resident)
    assert api_client.patch(path, {"title": "Kapad"}, format="json").status_code == 403

    api_client.force_authenticate(kiruna_leader)
    bad = api_client.patch(path, {"ends_at": "2000-01-01T00:00:00Z"}, format="json")
    assert bad.status_code == 400 and "ends_at" in bad.json()
    assert api_client.patch(path, {"capacity": 10**12}, format="json").status_code == 400
    assert (
        api_client.patch(path, {"title": "Ny titel"}, format="json").json()["title"] == "Ny titel"
    )


def test_networks_with_members(api_client: APIClient, network: Network) -> None:
    listed = api_client.get("/api/v1/networks/").json()["results"]
    assert [(n["slug"], n["member_count"]) for n in listed] == [(network.slug, 2)]
    detail = api_client.get(f"/api/v1/networks/{network.slug}/").json()
    assert {m["theme"] for m in detail["members"]} == {"Organisationskultur"}
