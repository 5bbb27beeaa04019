"""Writes of networks, events, registrations, feedback and experience posts.

Every write checks its rule (``events/rules.py``), runs in a transaction, validates and records
the acting user in the history. Registration and cancellation lock the event's row
(``SELECT ... FOR UPDATE``) before they count seats, so two people racing for the last seat are
served one after the other and exactly one of them gets it; a partial unique constraint refuses
registering the same address twice even then.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import Visibility
from samskapa.core.predicates import is_superuser, may_act_for_organisation
from samskapa.core.services import notification_send
from samskapa.core.slugs import unique_slug
from samskapa.core.writes import UNSET, set_fields
from samskapa.events.models import (
    ACTIVE_STATUSES,
    AgendaItem,
    CalendarToken,
    Event,
    EventDocument,
    EventKind,
    ExperiencePost,
    Feedback,
    Network,
    NetworkMember,
    PostComment,
    Registration,
    RegistrationStatus,
)
from samskapa.events.selectors import (
    initiatives_linkable,
    methods_linkable,
    networks_for_event,
    organisations_posting_for,
)
from samskapa.geo.models import Municipality
from samskapa.methods.models import Method
from samskapa.organisations.models import Organisation
from samskapa.portfolio.models import Initiative

# Reminders go out this long before an event starts; the survey this long after it ended.
REMINDER_BEFORE = datetime.timedelta(days=2)
FEEDBACK_AFTER = datetime.timedelta(hours=2)
# Neither goes out for events further in the past than this (a late worker sends nothing stale).
FOLLOW_UP_WINDOW = datetime.timedelta(days=7)


def _when(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y H:i")


def _delete(instance: Any, *, actor: User) -> None:
    instance._history_user = actor
    instance.delete()


# --- Networks ----------------------------------------------------------------------------------


@transaction.atomic
def network_create(
    *,
    actor: User,
    coordinator: Organisation,
    name: str,
    summary: str = "",
    description: str = "",
    theme: str = "",
) -> Network:
    """Start a network coordinated by ``coordinator``, an organisation the actor organises for."""
    require(actor, "events.add_event", coordinator)
    network = Network(name=name, summary=summary, description=description, created_by=actor)
    network.slug = unique_slug(Network, name or "")
    save_with_history(network, actor=actor)
    member = NetworkMember(
        network=network, organisation=coordinator, theme=theme, is_coordinator=True
    )
    save_with_history(member, actor=actor)
    return network


@transaction.atomic
def network_update(
    *,
    actor: User,
    network: Network,
    name: str = UNSET,
    summary: str = UNSET,
    description: str = UNSET,
) -> Network:
    require(actor, "events.change_network", network)
    set_fields(network, name=name, summary=summary, description=description)
    save_with_history(network, actor=actor)
    return network


@transaction.atomic
def member_add(
    *,
    actor: User,
    network: Network,
    organisation: Organisation,
    theme: str = "",
    theme_description: str = "",
    contact_name: str = "",
    is_coordinator: bool = False,
    joined_on: datetime.date | None = None,
) -> NetworkMember:
    """Add a member organisation with its theme; the network's coordinators do this."""
    require(actor, "events.change_network", network)
    member = NetworkMember(
        network=network,
        organisation=organisation,
        theme=theme,
        theme_description=theme_description,
        contact_name=contact_name,
        is_coordinator=is_coordinator,
        joined_on=joined_on,
    )
    save_with_history(member, actor=actor)
    return member


@transaction.atomic
def member_update(
    *,
    actor: User,
    member: NetworkMember,
    theme: str = UNSET,
    theme_description: str = UNSET,
    contact_name: str = UNSET,
    is_coordinator: bool = UNSET,
    joined_on: datetime.date | None = UNSET,
    organisation: Organisation = UNSET,
) -> NetworkMember:
    require(actor, "events.change_network", member.network)
    if organisation is not UNSET and organisation.pk != member.organisation_id:
        raise ValidationError({"organisation": _("The organisation of a member cannot change.")})
    set_fields(
        member,
        theme=theme,
        theme_description=theme_description,
        contact_name=contact_name,
        is_coordinator=is_coordinator,
        joined_on=joined_on,
    )
    _keep_a_coordinator(member.network, leaving=None if member.is_coordinator else member)
    save_with_history(member, actor=actor)
    return member


@transaction.atomic
def member_remove(*, actor: User, member: NetworkMember) -> None:
    require(actor, "events.change_network", member.network)
    _keep_a_coordinator(member.network, leaving=member)
    _delete(member, actor=actor)


def _keep_a_coordinator(network: Network, *, leaving: NetworkMember | None) -> None:
    """Refuse a change that would leave the network without a coordinating member."""
    if (
        leaving is None
        or not NetworkMember.objects.filter(pk=leaving.pk, is_coordinator=True).exists()
    ):
        return
    others = NetworkMember.objects.filter(network=network, is_coordinator=True).exclude(
        pk=leaving.pk
    )
    if not others.exists():
        raise ValidationError(
            _(
                "A network needs at least one coordinating member. Make another member coordinator first."
            )
        )


# --- Events ------------------------------------------------------------------------------------


def _check_event(event: Event, *, actor: User) -> None:
    """Times in order, the registration window before the end, the network one the actor may use."""
    errors: dict[str, str] = {}
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = _("Registration must close after it opens.")
    elif closes and event.ends_at and closes > event.ends_at:
        errors["registration_closes_at"] = _("Registration cannot close after the event has ended.")
    if (
        event.network_id is not None
        and not networks_for_event(user=actor, current=_original_network(event))
        .filter(pk=event.network_id)
        .exists()
    ):
        errors["network"] = _(
            "Only networks one of your organisations is a member of can be chosen."
        )
    if errors:
        raise ValidationError(errors)


def _original_network(event: Event) -> Network | None:
    if event.pk is None:
        return None
    return Network.objects.filter(events__pk=event.pk).first()


@transaction.atomic
def event_create(
    *,
    actor: User,
    organiser: Organisation,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    kind: str = EventKind.THEME_MEETING,
    network: Network | None = None,
    host_municipality: Municipality | None = None,
    summary: str = "",
    description: str = "",
    place: str = "",
    online_url: str = "",
    capacity: int | None = None,
    registration_opens_at: datetime.datetime | None = None,
    registration_closes_at: datetime.datetime | None = None,
    organisation_quota: int | None = None,
    accessibility: str = "",
    materials: str = "",
    visibility: str = Visibility.PUBLIC,
) -> Event:
    """Announce an event organised by ``organiser``, an organisation the actor organises for."""
    require(actor, "events.add_event", organiser)
    event = Event(
        organiser=organiser,
        created_by=actor,
        title=title,
        kind=kind,
        network=network,
        host_municipality=host_municipality,
        summary=summary,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        capacity=capacity,
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        organisation_quota=organisation_quota,
        accessibility=accessibility,
        materials=materials,
        visibility=visibility,
    )
    _check_event(event, actor=actor)
    event.slug = unique_slug(Event, title or "")
    save_with_history(event, actor=actor)
    return event


@transaction.atomic
def event_update(
    *,
    actor: User,
    event: Event,
    organiser: Organisation = UNSET,
    title: str = UNSET,
    kind: str = UNSET,
    network: Network | None = UNSET,
    host_municipality: Municipality | None = UNSET,
    summary: str = UNSET,
    description: str = UNSET,
    starts_at: datetime.datetime = UNSET,
    ends_at: datetime.datetime = UNSET,
    place: str = UNSET,
    online_url: str = UNSET,
    capacity: int | None = UNSET,
    registration_opens_at: datetime.datetime | None = UNSET,
    registration_closes_at: datetime.datetime | None = UNSET,
    organisation_quota: int | None = UNSET,
    accessibility: str = UNSET,
    materials: str = UNSET,
    visibility: str = UNSET,
) -> Event:
    """Change an event. Fewer seats than people already holding one is refused; more seats give
    the first on the waiting list their seats at once."""
    require(actor, "events.change_event", event)
    if organiser is not UNSET and organiser.pk != event.organiser_id:
        require(actor, "events.add_event", organiser)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    set_fields(
        locked,
        organiser=organiser,
        title=title,
        kind=kind,
        network=network,
        host_municipality=host_municipality,
        summary=summary,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        capacity=capacity,
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        organisation_quota=organisation_quota,
        accessibility=accessibility,
        materials=materials,
        visibility=visibility,
    )
    _check_event(locked, actor=actor)
    seated = _confirmed(locked).count()
    if locked.capacity is not None and locked.capacity < seated:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)s people already hold a seat, so the event cannot have fewer seats. "
                    "Cancel registrations first if the room has shrunk."
                )
                % {"count": seated}
            }
        )
    save_with_history(locked, actor=actor)
    _fill_seats(locked)
    return locked


@transaction.atomic
def agenda_item_add(
    *,
    actor: User,
    event: Event,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    description: str = "",
    speakers: str = "",
) -> AgendaItem:
    require(actor, "events.change_event", event)
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("An agenda item must end after it starts.")})
    item = AgendaItem(
        event=event,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        description=description,
        speakers=speakers,
    )
    save_with_history(item, actor=actor)
    return item


@transaction.atomic
def agenda_item_remove(*, actor: User, item: AgendaItem) -> None:
    require(actor, "events.change_event", item.event)
    _delete(item, actor=actor)


@transaction.atomic
def document_add(
    *, actor: User, event: Event, title: str, url: str, kind: str = "notes"
) -> EventDocument:
    require(actor, "events.change_event", event)
    document = EventDocument(event=event, title=title, url=url, kind=kind)
    save_with_history(document, actor=actor)
    return document


@transaction.atomic
def document_remove(*, actor: User, document: EventDocument) -> None:
    require(actor, "events.change_event", document.event)
    _delete(document, actor=actor)


# --- Registration ------------------------------------------------------------------------------


def _confirmed(event: Event) -> Any:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)


def _waiting(event: Event) -> Any:
    return Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
        "created_at", "pk"
    )


def _check_window(event: Event, now: datetime.datetime) -> None:
    if event.ends_at <= now:
        raise ValidationError(_("The event is over; registration is closed."))
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ValidationError(
            _("Registration opens %(when)s.") % {"when": _when(event.registration_opens_at)}
        )
    if event.registration_closes_at and now >= event.registration_closes_at:
        raise ValidationError(
            _("Registration closed %(when)s.") % {"when": _when(event.registration_closes_at)}
        )


def _tell(registration: Registration, *, title: Any, body: Any = "") -> None:
    """Tell the participant (or, for a colleague without an account, whoever registered them)."""
    recipient = registration.user or registration.registered_by
    if recipient is not None:
        notification_send(
            recipients=[recipient],
            title=title,
            body=body,
            url=registration.event.get_absolute_url(),
        )


@transaction.atomic
def registration_create(
    *,
    actor: User,
    event: Event,
    organisation: Organisation | None = None,
    name: str = "",
    email: str = "",
    diet: str = "",
    accessibility_needs: str = "",
) -> Registration:
    """Register the actor, or (with ``organisation``) a colleague within the event's quota.

    A seat if one is free, otherwise a place at the end of the waiting list. The event's row is
    locked first, so concurrent registrations count seats one after the other.
    """
    require(actor, "events.register_event", event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    _check_window(locked, timezone.now())
    participant: User | None
    if organisation is None:
        participant, name, email = actor, actor.get_full_name() or actor.email, actor.email
    else:
        if locked.organisation_quota is None:
            raise ValidationError(
                {
                    "organisation": _(
                        "This event does not take registrations on behalf of organisations."
                    )
                }
            )
        if not may_act_for_organisation(actor, organisation.pk):
            raise ValidationError(
                {
                    "organisation": _(
                        "You can only register people from organisations you belong to."
                    )
                }
            )
        registered = Registration.objects.filter(
            event=locked, organisation=organisation, status__in=ACTIVE_STATUSES
        ).count()
        if registered >= locked.organisation_quota:
            raise ValidationError(
                {
                    "organisation": _(
                        "%(organisation)s has used all its %(quota)s places at this event."
                    )
                    % {"organisation": organisation.name, "quota": locked.organisation_quota}
                }
            )
        email = (email or "").strip()
        if not email:
            raise ValidationError({"email": _("Give the participant's e-mail address.")})
        participant = User.objects.filter(email__iexact=email, is_active=True).first()
    email = email.strip().lower()
    if Registration.objects.filter(event=locked, email=email, status__in=ACTIVE_STATUSES).exists():
        raise ValidationError(
            {"email": _("%(email)s is already registered for this event.") % {"email": email}}
            if organisation is not None
            else _("You are already registered for this event.")
        )
    seated = _confirmed(locked).count()
    full = locked.capacity is not None and seated >= locked.capacity
    registration = Registration(
        event=locked,
        user=participant,
        registered_by=actor,
        organisation=organisation,
        name=(name or email).strip(),
        email=email,
        status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
        diet=diet,
        accessibility_needs=accessibility_needs,
    )
    try:
        with transaction.atomic():
            save_with_history(registration, actor=actor)
    except IntegrityError as error:  # a racing duplicate that the check above could not see
        raise ValidationError(_("This person is already registered for the event.")) from error
    title = locked.title
    if full:
        _tell(
            registration,
            title=lambda: _("You are on the waiting list for %(event)s") % {"event": title},
            body=lambda: _("You will be told as soon as a seat becomes free."),
        )
    else:
        _tell(
            registration,
            title=lambda: _("You are registered for %(event)s") % {"event": title},
        )
    return registration


@transaction.atomic
def registration_cancel(*, actor: User, registration: Registration) -> Registration:
    """Cancel a registration; a seat given up goes to the first on the waiting list, who is told."""
    require(actor, "events.change_registration", registration)
    locked_event = Event.objects.select_for_update().get(pk=registration.event_id)
    current = Registration.objects.get(pk=registration.pk)
    if current.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration has already been cancelled."))
    current.status = RegistrationStatus.CANCELLED
    current.cancelled_at = timezone.now()
    save_with_history(current, actor=actor)
    _fill_seats(locked_event)
    return current


def _fill_seats(event: Event) -> list[Registration]:
    """Give free seats to the waiting list in order and tell each person; the event is locked."""
    if event.capacity is None:
        free = _waiting(event).count()
    else:
        free = event.capacity - _confirmed(event).count()
    promoted = list(_waiting(event)[: max(free, 0)])
    now = timezone.now()
    title = event.title
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.event = event
        save_with_history(registration, actor=None, reason="waiting list")
        _tell(
            registration,
            title=lambda: _("You have a seat at %(event)s") % {"event": title},
            body=lambda: _("A seat became free and is now yours. Cancel if you cannot come."),
        )
    return promoted


@transaction.atomic
def attendance_mark(
    *, actor: User, registration: Registration, attended: bool | None
) -> Registration:
    """Mark whether a participant came; the organisers do this."""
    require(actor, "events.change_event", registration.event)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Only people with a seat can be marked as present."))
    registration.attended = attended
    save_with_history(registration, actor=actor)
    return registration


# --- Calendar keys -----------------------------------------------------------------------------


@transaction.atomic
def calendar_token_create(*, actor: User) -> CalendarToken:
    """A new secret address for the actor's own calendar; any earlier one stops working."""
    CalendarToken.objects.filter(user=actor).delete()
    return CalendarToken.objects.create(user=actor, token=CalendarToken.new_token())


@transaction.atomic
def calendar_token_revoke(*, actor: User) -> None:
    CalendarToken.objects.filter(user=actor).delete()


# --- Feedback ----------------------------------------------------------------------------------


@transaction.atomic
def feedback_submit(
    *,
    actor: User,
    registration: Registration,
    overall: int,
    content: int,
    organisation: int,
    comment: str = "",
) -> Feedback:
    """The participant's answers to the survey, once, after the event has begun."""
    if registration.user_id != actor.pk and not is_superuser(actor):
        raise ValidationError(_("Only the participant can answer the survey."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Only people who had a seat can answer the survey."))
    if registration.event.starts_at > timezone.now():
        raise ValidationError(_("The survey opens when the event has begun."))
    if Feedback.objects.filter(registration=registration).exists():
        raise ValidationError(_("You have already answered the survey. Thank you!"))
    feedback = Feedback(
        registration=registration,
        overall=overall,
        content=content,
        organisation=organisation,
        comment=comment,
    )
    feedback.full_clean()
    feedback.save()
    return feedback


def _remind(registration: Registration) -> None:
    event = registration.event
    when, place = _when(event.starts_at), event.place or event.online_url
    _tell(
        registration,
        title=lambda: _("Reminder: %(event)s") % {"event": event.title},
        body=lambda: _("The event starts %(when)s. %(place)s") % {"when": when, "place": place},
    )


def _ask_for_feedback(registration: Registration) -> None:
    event = registration.event
    notification_send(
        recipients=[registration.user],
        title=lambda: _("How was %(event)s?") % {"event": event.title},
        body=lambda: _("Three quick ratings and a comment help the organisers."),
        url=reverse("events:feedback", kwargs={"slug": event.slug}),
    )


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone with a seat at an event that starts within ``REMINDER_BEFORE``, once."""
    now = now or timezone.now()
    sent = 0
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMINDER_BEFORE,
    ).values_list("pk", flat=True)
    for pk in list(due[:5000]):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("event", "user", "registered_by")
                .filter(pk=pk, reminded_at__isnull=True)
                .first()
            )
            if registration is None:
                continue
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            _remind(registration)
            sent += 1
    return sent


def feedback_requests_send(*, now: datetime.datetime | None = None) -> int:
    """Ask everyone who had a seat for feedback once the event has ended, once."""
    now = now or timezone.now()
    sent = 0
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        feedback_requested_at__isnull=True,
        user__isnull=False,
        event__ends_at__lte=now - FEEDBACK_AFTER,
        event__ends_at__gt=now - FOLLOW_UP_WINDOW,
    ).values_list("pk", flat=True)
    for pk in list(due[:5000]):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("event", "user")
                .filter(pk=pk, feedback_requested_at__isnull=True)
                .first()
            )
            if registration is None or registration.user is None:
                continue
            registration.feedback_requested_at = now
            registration.save(update_fields=["feedback_requested_at"])
            _ask_for_feedback(registration)
            sent += 1
    return sent


# --- Experience posts --------------------------------------------------------------------------


@transaction.atomic
def post_create(
    *,
    actor: User,
    network: Network,
    title: str,
    body: str,
    organisation: Organisation | None = None,
    event: Event | None = None,
    initiatives: Iterable[Initiative] = (),
    methods: Iterable[Method] = (),
) -> ExperiencePost:
    """Share an experience in the network, for a member organisation the actor belongs to."""
    require(actor, "events.post_experience", network)
    if (
        organisation is not None
        and not organisations_posting_for(user=actor, network=network)
        .filter(pk=organisation.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "organisation": _(
                    "Only a member organisation of the network you belong to can be named."
                )
            }
        )
    if event is not None and not actor.has_perm("events.view_event", event):
        raise ValidationError({"event": _("Only events you can see can be linked.")})
    initiatives = list(initiatives)
    visible = set(
        initiatives_linkable(user=actor)
        .filter(pk__in=[initiative.pk for initiative in initiatives])
        .values_list("pk", flat=True)
    )
    if any(initiative.pk not in visible for initiative in initiatives):
        raise ValidationError({"initiatives": _("Only initiatives you can see can be linked.")})
    methods = list(methods)
    linkable = methods_linkable(user=actor).filter(pk__in=[method.pk for method in methods])
    if len(set(linkable.values_list("pk", flat=True))) != len({method.pk for method in methods}):
        raise ValidationError({"methods": _("Only methods you can see can be linked.")})
    post = ExperiencePost(
        network=network,
        author=actor,
        organisation=organisation,
        title=title,
        body=body,
        event=event,
    )
    save_with_history(post, actor=actor)
    post.initiatives.set(initiatives)
    post.methods.set(methods)
    return post


@transaction.atomic
def comment_add(*, actor: User, post: ExperiencePost, body: str) -> PostComment:
    require(actor, "events.comment_post", post)
    comment = PostComment(post=post, author=actor, body=body)
    comment.full_clean()
    comment.save()
    if post.author is not None and post.author.pk != actor.pk:
        title = post.title
        notification_send(
            recipients=[post.author],
            title=lambda: _("New comment on %(post)s") % {"post": title},
            url=post.get_absolute_url(),
        )
    return comment
