"""iCalendar (RFC 5545) feeds of events, written with the ``icalendar`` library.

Times are written in Europe/Stockholm with a VTIMEZONE, so a calendar program shows 13:00 as
13:00 on both sides of the daylight-saving change. Each event keeps one UID for life, so a
subscribed calendar updates it in place.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from samskapa.core.emails import site_link
from samskapa.events.models import Event

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _uid(event: Event) -> str:
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "samskapa"
    return f"event-{event.pk}@{host}"


def calendar_of(events: Iterable[Event], *, name: str) -> Calendar:
    """A calendar holding ``events``, named ``name``."""
    zone = ZoneInfo(settings.TIME_ZONE)
    feed = Calendar()
    feed.add("prodid", "-//Samskapa//Evenemang//SV")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC)
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", _uid(event))
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        entry.add("dtstart", event.starts_at.astimezone(zone))
        entry.add("dtend", event.ends_at.astimezone(zone))
        entry.add("last-modified", event.updated_at.astimezone(datetime.UTC))
        location = ", ".join(
            part
            for part in (
                event.place,
                event.host_municipality.name if event.host_municipality else "",
            )
            if part
        )
        if location or event.online_url:
            entry.add("location", location or event.online_url)
        description = "\n\n".join(part for part in (event.summary, event.online_url) if part)
        if description:
            entry.add("description", description)
        entry.add("url", site_link(event.get_absolute_url()))
        entry.add(
            "organizer",
            f"mailto:{settings.DEFAULT_FROM_EMAIL}",
            parameters={"cn": event.organiser.name},
        )
        feed.add_component(entry)
    feed.add_missing_timezones()
    return feed


def calendar_response(events: Iterable[Event], *, name: str, filename: str) -> HttpResponse:
    """The feed as a download a calendar program can subscribe to."""
    response = HttpResponse(calendar_of(events, name=name).to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename) or ""
    # Feeds are read by calendar programs every few hours; a private one must not be shared.
    response["Cache-Control"] = "private, max-age=900"
    return response
