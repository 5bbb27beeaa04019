"""What networks and events offer the workspace: "Mitt arbete", search, personal data."""

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.predicates import has_any_role, is_superuser, organisation_ids
from samskapa.core.search import SearchSource
from samskapa.events.models import (
    CalendarToken,
    Event,
    ExperiencePost,
    Feedback,
    PostComment,
    Registration,
    RegistrationStatus,
)
from samskapa.events.rules import ORGANISER_ROLES
from samskapa.events.selectors import event_list, network_list, with_seats
from samskapa.events.services import FOLLOW_UP_WINDOW

# Organisers see their events of the coming four weeks.
ORGANISING_AHEAD = datetime.timedelta(days=28)


def events_to_run(*, user: User, today: datetime.date) -> QuerySet[Event]:
    """Events the user organises that start within four weeks, with their seat counts."""
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    events = Event.objects.filter(starts_at__gte=start, starts_at__lt=start + ORGANISING_AHEAD)
    if not is_superuser(user):
        events = events.filter(organiser_id__in=organisation_ids(user, ORGANISER_ROLES))
    return with_seats(events.select_related("organiser")).order_by("starts_at", "pk")


def surveys_to_answer(*, user: User, today: datetime.date) -> QuerySet[Registration]:
    """The user's seats at events that ended in the last week and whose survey they have not
    answered."""
    end = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    now = timezone.now()
    return (
        Registration.objects.filter(
            user=user,
            status=RegistrationStatus.CONFIRMED,
            event__ends_at__lte=now,
            event__ends_at__gt=end - FOLLOW_UP_WINDOW,
        )
        .filter(~Exists(Feedback.objects.filter(registration=OuterRef("pk"))))
        .select_related("event")
        .order_by("-event__ends_at", "pk")
    )


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """Events to run (organisers) and surveys to answer (everyone); two queries each."""
    sections = []
    if has_any_role(user, ORGANISER_ROLES):
        sections.append(
            inbox_section(
                key="events_to_run",
                template="events/includes/inbox_events.html",
                queryset=events_to_run(user=user, today=today),
            )
        )
    surveys = inbox_section(
        key="event_surveys",
        template="events/includes/inbox_surveys.html",
        queryset=surveys_to_answer(user=user, today=today),
    )
    if surveys.count:
        sections.append(surveys)
    return sections


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="event",
            heading=_("Events"),
            empty_text=_("No events matched."),
            template="events/includes/search_events.html",
            find=event_list,
        ),
        SearchSource(
            key="network",
            heading=_("Networks"),
            empty_text=_("No networks matched."),
            template="events/includes/search_networks.html",
            find=network_list,
        ),
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """The person's registrations, survey answers, posts and comments, for their data export."""
    registrations = Registration.objects.filter(user=user).select_related("event", "organisation")
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "starts_at": registration.event.starts_at.isoformat(),
                "status": registration.status,
                "on_behalf_of": registration.organisation.name
                if registration.organisation
                else None,
                "diet": registration.diet,
                "accessibility_needs": registration.accessibility_needs,
                "attended": registration.attended,
                "registered_at": registration.created_at.isoformat(),
            }
            for registration in registrations
        ],
        "event_feedback": [
            {
                "event": feedback.registration.event.title,
                "overall": feedback.overall,
                "content": feedback.content,
                "organisation": feedback.organisation,
                "comment": feedback.comment,
            }
            for feedback in Feedback.objects.filter(registration__user=user).select_related(
                "registration__event"
            )
        ],
        "experience_posts": [
            {"title": post.title, "text": post.body, "published": post.created_at.isoformat()}
            for post in ExperiencePost.objects.filter(author=user)
        ],
        "post_comments": [
            {
                "post": comment.post.title,
                "text": comment.body,
                "written": comment.created_at.isoformat(),
            }
            for comment in PostComment.objects.filter(author=user).select_related("post")
        ],
        "calendar_feed_enabled": CalendarToken.objects.filter(user=user).exists(),
    }
