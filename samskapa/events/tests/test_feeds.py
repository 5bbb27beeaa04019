"""Calendar feeds parsed back: right times across the daylight-saving change, right events,
and the private feed only behind its key."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.events import services
from samskapa.events.models import Event, Network
from samskapa.events.tests.factories import EventFactory, RegistrationFactory
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def parse(response: object) -> dict[str, object]:
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("text/calendar")  # type: ignore[index]
    calendar = Calendar.from_ical(response.content)  # type: ignore[attr-defined]
    return {str(entry["summary"]): entry for entry in calendar.walk("VEVENT")}


@pytest.fixture
def around_dst(kiruna: Organisation, network: Network) -> list[Event]:
    """13:00–15:00 Swedish time on the Friday before and the Monday after summer time begins
    (Sunday 29 March 2026)."""
    return [
        EventFactory(
            title=title,
            organiser=kiruna,
            network=network,
            starts_at=datetime.datetime(2026, 3, day, 13, tzinfo=STOCKHOLM),
            ends_at=datetime.datetime(2026, 3, day, 15, tzinfo=STOCKHOLM),
        )
        for title, day in (("Före sommartid", 27), ("Efter sommartid", 30))
    ]


@pytest.fixture(autouse=True)
def before_the_change(monkeypatch: pytest.MonkeyPatch) -> None:
    """The feeds run on 1 March 2026, so both events are ahead."""
    moment = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_public_feed_keeps_local_time_across_the_daylight_saving_change(
    client: Client, around_dst: list[Event]
) -> None:
    entries = parse(client.get("/sv/evenemang/kalender.ics"))

    before, after = entries["Före sommartid"], entries["Efter sommartid"]
    for entry in (before, after):
        start = entry["dtstart"].dt  # type: ignore[index]
        assert (start.hour, start.minute) == (13, 0)
        assert str(start.tzinfo) == "Europe/Stockholm"
    # 13:00 is 12:00 UTC in winter and 11:00 UTC in summer.
    assert before["dtstart"].dt.astimezone(datetime.UTC).hour == 12  # type: ignore[index]
    assert after["dtstart"].dt.astimezone(datetime.UTC).hour == 11  # type: ignore[index]
    assert after["dtend"].dt.astimezone(datetime.UTC).hour == 13  # type: ignore[index]
    assert str(before["uid"]) != str(after["uid"])  # type: ignore[index]
    calendar = Calendar.from_ical(client.get("/sv/evenemang/kalender.ics").content)
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]


def test_public_feed_leaves_out_members_only_events(
    client: Client, around_dst: list[Event], kiruna: Organisation, kiruna_member: User
) -> None:
    EventFactory(title="Internt möte", organiser=kiruna, visibility=Visibility.MEMBERS)
    client.force_login(kiruna_member)

    assert "Internt möte" not in parse(client.get("/sv/evenemang/kalender.ics"))


def test_network_organisation_and_single_event_feeds(
    client: Client,
    around_dst: list[Event],
    network: Network,
    kiruna: Organisation,
    goteborg: Organisation,
) -> None:
    EventFactory(title="Annat", organiser=goteborg)

    assert set(parse(client.get(f"/sv/natverk/{network.slug}/kalender.ics"))) == {
        "Före sommartid",
        "Efter sommartid",
    }
    assert "Annat" not in parse(
        client.get(f"/sv/evenemang/organisation/{kiruna.slug}/kalender.ics")
    )
    assert set(parse(client.get(f"/sv/evenemang/{around_dst[0].slug}/kalender.ics"))) == {
        "Före sommartid"
    }


def test_private_feed_needs_its_key_and_stops_when_revoked(
    client: Client, around_dst: list[Event], resident: User
) -> None:
    RegistrationFactory(event=around_dst[1], user=resident)
    token = services.calendar_token_create(actor=resident).token

    assert client.get("/sv/evenemang/min-kalender/fel-nyckel.ics").status_code == 404
    assert set(parse(client.get(f"/sv/evenemang/min-kalender/{token}.ics"))) == {"Efter sommartid"}

    renewed = services.calendar_token_create(actor=resident).token
    assert client.get(f"/sv/evenemang/min-kalender/{token}.ics").status_code == 404
    services.calendar_token_revoke(actor=resident)
    assert client.get(f"/sv/evenemang/min-kalender/{renewed}.ics").status_code == 404


def test_a_members_only_event_cannot_be_added_by_outsiders(
    client: Client, kiruna: Organisation
) -> None:
    hidden = EventFactory(organiser=kiruna, visibility=Visibility.MEMBERS)

    assert client.get(f"/sv/evenemang/{hidden.slug}/kalender.ics").status_code == 404
