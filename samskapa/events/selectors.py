"""Reads of networks and events: visibility, lists with counts, the calendar, the organisers' lists.

``events_visible_to`` is the rule ``events.view_event`` as a query (``events/rules.py``); change
them together. Networks and experience posts are public.
"""

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.core.access import Viewer, access, require
from samskapa.core.models import Visibility
from samskapa.core.predicates import is_superuser, organisation_ids
from samskapa.events.models import (
    AgendaItem,
    CalendarToken,
    Event,
    EventDocument,
    ExperiencePost,
    Feedback,
    Network,
    NetworkMember,
    PostComment,
    Registration,
    RegistrationStatus,
)
from samskapa.events.rules import ORGANISER_ROLES
from samskapa.methods.models import Method
from samskapa.methods.selectors import methods_visible_to
from samskapa.organisations.models import Organisation
from samskapa.portfolio.models import Initiative
from samskapa.portfolio.selectors import initiatives_visible_to

# --- Networks ----------------------------------------------------------------------------------


def networks_visible_to(*, user: Viewer) -> QuerySet[Network]:
    """Every network: networks are public (``events.view_network``)."""
    return Network.objects.all()


def network_list(*, user: Viewer, query: str = "") -> QuerySet[Network]:
    """Networks with how many members they have, by name; ``query`` searches name and summary."""
    networks = networks_visible_to(user=user).annotate(member_count=Count("members"))
    query = (query or "").strip()
    if query:
        networks = networks.filter(
            Q(name__icontains=query) | Q(summary__icontains=query) | Q(description__icontains=query)
        )
    return networks.order_by("name", "pk")


def access_network(*, user: Viewer, slug: str, rule: str | None = None) -> Network:
    """The network ``slug`` (404 if there is none), if ``user`` may do ``rule`` on it (403)."""
    return access(
        Network.objects.all(),
        user=user,
        view_permission="events.view_network",
        permission=rule,
        slug=slug,
    )


def network_members(*, network: Network) -> QuerySet[NetworkMember]:
    """The member directory: coordinators first, then by name, with organisation and place."""
    return (
        NetworkMember.objects.filter(network=network)
        .select_related("organisation__municipality")
        .order_by("-is_coordinator", "organisation__name", "pk")
    )


def network_posts(*, network: Network) -> QuerySet[ExperiencePost]:
    """The network's experience posts, newest first, with author, organisation, event and the
    number of comments in the same query."""
    return (
        ExperiencePost.objects.filter(network=network)
        .select_related("network", "author", "organisation", "event")
        .annotate(comment_count=Count("comments"))
        .order_by("-created_at", "-pk")
    )


@dataclass
class NewsItem:
    """One line of a network's news feed: a post or an event, at its date."""

    when: datetime.datetime
    post: ExperiencePost | None = None
    event: Event | None = None


def network_news(*, user: Viewer, network: Network, limit: int = 10) -> list[NewsItem]:
    """The network's latest posts and its next and latest events, newest first; two queries."""
    posts = list(network_posts(network=network)[:limit])
    events = list(
        events_visible_to(user=user)
        .filter(network=network)
        .select_related("host_municipality")
        .order_by("-starts_at")[:limit]
    )
    items = [NewsItem(when=post.created_at, post=post) for post in posts] + [
        NewsItem(when=event.starts_at, event=event) for event in events
    ]
    return sorted(items, key=lambda item: item.when, reverse=True)[:limit]


def access_post(
    *, user: Viewer, network_slug: str, pk: int, rule: str | None = None
) -> ExperiencePost:
    """Experience post ``pk`` of the network, with what its page shows (404/403)."""
    return access(
        ExperiencePost.objects.select_related("network", "author", "organisation", "event"),
        user=user,
        view_permission="events.view_post",
        permission=rule,
        network__slug=network_slug,
        pk=pk,
    )


def post_comments(*, post: ExperiencePost) -> QuerySet[PostComment]:
    return (
        PostComment.objects.filter(post=post).select_related("author").order_by("created_at", "pk")
    )


def post_initiatives(*, user: Viewer, post: ExperiencePost) -> QuerySet[Initiative]:
    """The initiatives the post links to that ``user`` may see."""
    return initiatives_visible_to(user=user).filter(experience_posts=post).order_by("title")


def initiatives_linkable(*, user: Viewer) -> QuerySet[Initiative]:
    return initiatives_visible_to(user=user).order_by("title")


def post_methods(*, user: Viewer, post: ExperiencePost) -> QuerySet[Method]:
    """The methods of the toolbox the post links to that ``user`` may see."""
    return methods_visible_to(user=user).filter(experience_posts=post).order_by("title")


def methods_linkable(*, user: Viewer) -> QuerySet[Method]:
    return methods_visible_to(user=user).order_by("title")


def organisations_posting_for(*, user: User, network: Network) -> QuerySet[Organisation]:
    """Member organisations of ``network`` in which ``user`` has a role (whom they post for)."""
    members = NetworkMember.objects.filter(network=network).values("organisation_id")
    organisations = Organisation.objects.filter(pk__in=members)
    if not is_superuser(user):
        organisations = organisations.filter(pk__in=organisation_ids(user))
    return organisations.order_by("name")


# --- Events ------------------------------------------------------------------------------------


def events_visible_to(*, user: Viewer) -> QuerySet[Event]:
    """Public events, plus members-only events of the user's organisations and their networks.

    The rule ``events.view_event`` as a query.
    """
    events = Event.objects.all()
    if is_superuser(user):
        return events
    mine = organisation_ids(user)
    if not mine:
        return events.filter(visibility=Visibility.PUBLIC)
    in_network = NetworkMember.objects.filter(
        network_id=OuterRef("network_id"), organisation_id__in=mine
    )
    return events.filter(
        Q(visibility=Visibility.PUBLIC) | Q(organiser_id__in=mine) | Exists(in_network)
    )


def with_seats(events: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate ``confirmed_count`` and ``waiting_count``."""
    return events.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
    )


def event_list(*, user: Viewer, query: str = "") -> QuerySet[Event]:
    """Events for the list page, the API and the search, soonest first, with their seat counts.

    The list's filters (upcoming or past, kind, network, organiser, municipality) are
    ``events.filters.EventFilter``.
    """
    events = with_seats(
        events_visible_to(user=user).select_related("organiser", "network", "host_municipality")
    )
    query = (query or "").strip()
    if query:
        events = events.filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(description__icontains=query)
        )
    return events.order_by("starts_at", "pk")


def access_event(*, user: Viewer, slug: str, rule: str | None = None) -> Event:
    """The event ``slug`` with what its page shows: 404 unless ``user`` may see it, 403 unless
    they may also do ``rule`` on it."""
    return access(
        with_seats(Event.objects.all())
        .select_related("organiser", "network", "host_municipality")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("starts_at", "pk")),
            Prefetch("documents", queryset=EventDocument.objects.order_by("kind", "title", "pk")),
        ),
        user=user,
        view_permission="events.view_event",
        permission=rule,
        slug=slug,
    )


def access_registration(
    *, user: Viewer, event_slug: str, pk: int, rule: str = "events.change_registration"
) -> Registration:
    """Registration ``pk`` of the event, if ``user`` may see the event (404) and act on the
    registration (403): the participant, whoever registered them, or the organisers."""
    event = access_event(user=user, slug=event_slug)
    registration = get_object_or_404(
        Registration.objects.select_related("organisation"), event=event, pk=pk
    )
    registration.event = event
    require(user, rule, registration)
    return registration


def my_registrations(*, user: Viewer, event: Event) -> QuerySet[Registration]:
    """The active registrations ``user`` made for the event or that are theirs."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(
            event=event, status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
        )
        .filter(Q(user=user) | Q(registered_by=user))
        .select_related("organisation")
        .order_by("created_at", "pk")
    )


def waiting_position(*, registration: Registration) -> int | None:
    """Where on the waiting list the registration stands (1 is next), or None if it is not on it."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITING
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def event_registrations(*, event: Event) -> QuerySet[Registration]:
    """Every registration of the event for its organisers: seated first, then the waiting list
    in order, then the cancelled."""
    return (
        Registration.objects.filter(event=event)
        .select_related("organisation")
        .order_by("status", "created_at", "pk")
    )


def organisations_registering_for(*, user: Viewer) -> QuerySet[Organisation]:
    """Organisations on whose behalf ``user`` may register colleagues: any role in them."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if is_superuser(user):
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(pk__in=organisation_ids(user)).order_by("name")


def organisations_organising_for(
    *, user: Viewer, current: Organisation | None = None
) -> QuerySet[Organisation]:
    """Organisations ``user`` may organise events for (and the current organiser)."""
    organisations = Organisation.objects.all()
    if not is_superuser(user):
        allowed = Q(pk__in=organisation_ids(user, ORGANISER_ROLES))
        if current is not None:
            allowed |= Q(pk=current.pk)
        organisations = organisations.filter(allowed)
    return organisations.order_by("name")


def networks_for_event(*, user: Viewer, current: Network | None = None) -> QuerySet[Network]:
    """Networks an event of ``user`` may belong to: those of which one of their organisations is
    a member (and the current one)."""
    networks = Network.objects.all()
    if not is_superuser(user):
        allowed = Q(
            pk__in=NetworkMember.objects.filter(organisation_id__in=organisation_ids(user)).values(
                "network_id"
            )
        )
        if current is not None:
            allowed |= Q(pk=current.pk)
        networks = networks.filter(allowed)
    return networks.order_by("name")


def feedback_summary(*, event: Event) -> dict[str, Any]:
    """Number of answers, the mean of each rating, and the comments, for the organisers."""
    answers = Feedback.objects.filter(registration__event=event)
    summary = answers.aggregate(
        count=Count("pk"),
        overall=Avg("overall"),
        content=Avg("content"),
        organisation=Avg("organisation"),
    )
    summary["comments"] = list(
        answers.exclude(comment="").order_by("created_at").values_list("comment", flat=True)
    )
    return summary


# --- Calendar ----------------------------------------------------------------------------------


def upcoming(events: QuerySet[Event], *, now: datetime.datetime | None = None) -> QuerySet[Event]:
    """Events that have not ended yet."""
    return events.filter(ends_at__gte=now or timezone.now())


def feed_events(*, user: Viewer) -> QuerySet[Event]:
    """Events a feed may hold for ``user``: from a month back on (so a calendar keeps what was
    just held), soonest first."""
    since = timezone.now() - datetime.timedelta(days=31)
    return (
        events_visible_to(user=user)
        .filter(ends_at__gte=since)
        .select_related("organiser", "host_municipality")
        .order_by("starts_at", "pk")
    )


def public_feed_events() -> QuerySet[Event]:
    """The public feed: public events only, whoever asks."""
    return feed_events(user=AnonymousUser()).filter(visibility=Visibility.PUBLIC)


def user_feed_registrations(*, token: str) -> tuple[User, QuerySet[Event]] | None:
    """The person whose feed key is ``token`` and the events they hold a seat or waiting place
    for; None for an unknown (or revoked) key."""
    found = CalendarToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        return None
    events = (
        Event.objects.filter(
            registrations__user=found.user,
            registrations__status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
            ends_at__gte=timezone.now() - datetime.timedelta(days=31),
        )
        .select_related("organiser", "host_municipality")
        .distinct()
        .order_by("starts_at", "pk")
    )
    return found.user, events


@dataclass
class CalendarDay:
    day: datetime.date
    in_month: bool
    events: list[Event]


def month_calendar(*, user: Viewer, year: int, month: int) -> list[list[CalendarDay]]:
    """The weeks (Monday first) of a month, each day with the events that run on it; one query."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time(), tzinfo=zone)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), tzinfo=zone)
    events = list(
        events_visible_to(user=user)
        .filter(starts_at__lt=end, ends_at__gt=start)
        .order_by("starts_at", "pk")
    )
    by_day: dict[datetime.date, list[Event]] = {}
    for event in events:
        day = timezone.localtime(event.starts_at).date()
        last_day = timezone.localtime(event.ends_at - datetime.timedelta(microseconds=1)).date()
        while day <= last_day:
            by_day.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)
    return [
        [
            CalendarDay(day=day, in_month=day.month == month, events=by_day.get(day, []))
            for day in week
        ]
        for week in weeks
    ]
