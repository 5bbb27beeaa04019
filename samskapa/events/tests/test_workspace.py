"""What the events app gives Mitt arbete, the site search and the personal-data export."""

import datetime

import pytest
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.events.models import Event
from samskapa.events.tests.factories import EventFactory, RegistrationFactory, in_days
from samskapa.events.workspace import inbox_sections, personal_data, search_sources
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_organisers_see_their_coming_events_and_participants_their_surveys(
    event: Event, kiruna: Organisation, kiruna_leader: User, resident: User
) -> None:
    today = timezone.localdate()
    ended = EventFactory(
        organiser=kiruna,
        starts_at=timezone.now() - datetime.timedelta(days=1, hours=6),
        ends_at=timezone.now() - datetime.timedelta(days=1),
    )
    soon = EventFactory(organiser=kiruna, starts_at=in_days(10), ends_at=in_days(10, 16))
    RegistrationFactory(event=ended, user=resident)
    RegistrationFactory(event=event, user=resident)

    organiser = {s.key: s for s in inbox_sections(user=kiruna_leader, today=today)}
    # The event a month ahead is past the four weeks the section looks at.
    assert [e.pk for e in organiser["events_to_run"].items] == [soon.pk]
    assert "event_surveys" not in organiser
    participant = {s.key: s for s in inbox_sections(user=resident, today=today)}
    assert list(participant) == ["event_surveys"]
    assert [r.event_id for r in participant["event_surveys"].items] == [ended.pk]


def test_search_finds_only_visible_events(
    event: Event, kiruna: Organisation, resident: User
) -> None:
    EventFactory(title="Tematräff internt", organiser=kiruna, visibility=Visibility.MEMBERS)
    events = next(source for source in search_sources() if source.key == "event")

    assert [e.title for e in events.find(user=resident, query="tematräff")] == [event.title]


def test_personal_data_holds_registrations_and_answers(event: Event, resident: User) -> None:
    RegistrationFactory(event=event, user=resident, diet="Vegan")

    data = personal_data(user=resident)
    assert data["event_registrations"][0]["diet"] == "Vegan"
    assert data["event_registrations"][0]["event"] == event.title
    assert data["calendar_feed_enabled"] is False
