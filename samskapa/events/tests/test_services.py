"""Registration with seats and a waiting list, quotas, bad input, reminders and feedback."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.models import Notification
from samskapa.events import services
from samskapa.events.models import (
    Event,
    ExperiencePost,
    Feedback,
    Network,
    Registration,
    RegistrationStatus,
)
from samskapa.events.tests.factories import EventFactory, RegistrationFactory, in_days
from samskapa.organisations.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def statuses(event: Event) -> list[tuple[str, str]]:
    return list(
        Registration.objects.filter(event=event)
        .order_by("created_at", "pk")
        .values_list("email", "status")
    )


def test_seats_fill_then_the_waiting_list_in_order(event: Event, people: list[User]) -> None:
    for person in people:
        services.registration_create(actor=person, event=event)

    assert statuses(event) == [
        (people[0].email, "confirmed"),
        (people[1].email, "confirmed"),
        (people[2].email, "waiting"),
        (people[3].email, "waiting"),
    ]
    told = Notification.objects.get(recipient=people[2])
    assert "väntelista" in told.title


def test_a_cancellation_gives_the_seat_to_the_first_waiting_and_tells_them(
    event: Event, people: list[User]
) -> None:
    registrations = [services.registration_create(actor=p, event=event) for p in people]

    services.registration_cancel(actor=people[0], registration=registrations[0])

    assert statuses(event)[1:] == [
        (people[1].email, "confirmed"),
        (people[2].email, "confirmed"),
        (people[3].email, "waiting"),
    ]
    assert Notification.objects.filter(recipient=people[2], title__contains="plats").exists()
    # Giving up a waiting place promotes nobody.
    services.registration_cancel(actor=people[3], registration=registrations[3])
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2


def test_only_the_participant_or_an_organiser_may_cancel(
    event: Event, people: list[User], kiruna_leader: User
) -> None:
    registration = services.registration_create(actor=people[0], event=event)

    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=people[1], registration=registration)
    services.registration_cancel(actor=kiruna_leader, registration=registration)
    with pytest.raises(ValidationError, match="already been cancelled"):
        services.registration_cancel(actor=kiruna_leader, registration=registration)


def test_registering_twice_is_refused_and_keeps_the_first(event: Event, resident: User) -> None:
    first = services.registration_create(actor=resident, event=event, diet="Vegan")

    with pytest.raises(ValidationError, match="already registered"):
        services.registration_create(actor=resident, event=event)
    assert list(Registration.objects.filter(event=event)) == [first]
    # After cancelling, registering again is fine.
    services.registration_cancel(actor=resident, registration=first)
    services.registration_create(actor=resident, event=event)


def test_a_closed_registration_window_is_refused(kiruna: Organisation, resident: User) -> None:
    closed = EventFactory(organiser=kiruna, registration_closes_at=timezone.now())
    not_yet = EventFactory(organiser=kiruna, registration_opens_at=in_days(3))
    past = EventFactory(organiser=kiruna, starts_at=in_days(-2), ends_at=in_days(-2, 16))

    for event, message in ((closed, "closed"), (not_yet, "opens"), (past, "over")):
        with pytest.raises(ValidationError, match=message):
            services.registration_create(actor=resident, event=event)
    assert not Registration.objects.exists()


def test_an_organisation_registers_colleagues_within_its_quota(
    event: Event, goteborg: Organisation, goteborg_member: User
) -> None:
    Event.objects.filter(pk=event.pk).update(organisation_quota=2, capacity=10)
    event.refresh_from_db()
    for n in range(2):
        services.registration_create(
            actor=goteborg_member,
            event=event,
            organisation=goteborg,
            name=f"Kollega {n}",
            email=f"Kollega{n}@Goteborg.se",
        )

    with pytest.raises(ValidationError, match="used all its 2 places"):
        services.registration_create(
            actor=goteborg_member, event=event, organisation=goteborg, name="C", email="c@g.se"
        )
    assert set(Registration.objects.values_list("email", flat=True)) == {
        "kollega0@goteborg.se",
        "kollega1@goteborg.se",
    }


def test_only_members_register_for_an_organisation_and_only_where_allowed(
    event: Event, goteborg: Organisation, goteborg_member: User, resident: User
) -> None:
    with pytest.raises(ValidationError, match="does not take registrations on behalf"):
        services.registration_create(
            actor=goteborg_member, event=event, organisation=goteborg, name="A", email="a@g.se"
        )
    Event.objects.filter(pk=event.pk).update(organisation_quota=3)
    event.refresh_from_db()
    with pytest.raises(ValidationError, match="organisations you belong to"):
        services.registration_create(
            actor=resident, event=event, organisation=goteborg, name="A", email="a@g.se"
        )


def test_fewer_seats_than_taken_is_refused_and_more_seats_promote(
    event: Event, people: list[User], kiruna_leader: User
) -> None:
    for person in people[:3]:
        services.registration_create(actor=person, event=event)

    with pytest.raises(ValidationError) as refused:
        services.event_update(actor=kiruna_leader, event=event, capacity=1)
    assert "2 people already hold a seat" in str(refused.value)
    event.refresh_from_db()
    assert event.capacity == 2

    services.event_update(actor=kiruna_leader, event=event, capacity=5)
    assert Registration.objects.filter(event=event, status="confirmed").count() == 3


def test_an_event_must_end_after_it_starts(kiruna: Organisation, kiruna_leader: User) -> None:
    start = in_days(10)
    with pytest.raises(ValidationError, match="end after it starts"):
        services.event_create(
            actor=kiruna_leader, organiser=kiruna, title="Baklänges", starts_at=start, ends_at=start
        )
    assert not Event.objects.exists()


def test_only_organisers_announce_events_for_their_organisation(
    kiruna: Organisation, goteborg_member: User, kiruna_leader: User, network: Network
) -> None:
    with pytest.raises(PermissionDenied):
        services.event_create(
            actor=goteborg_member,
            organiser=kiruna,
            title="Kapning",
            starts_at=in_days(5),
            ends_at=in_days(5, 12),
        )
    created = services.event_create(
        actor=kiruna_leader,
        organiser=kiruna,
        network=network,
        title="Tematräff",
        starts_at=in_days(5),
        ends_at=in_days(5, 12),
    )
    assert created.slug == "tematraff"


def test_attendance_is_marked_by_organisers_only(
    event: Event, resident: User, kiruna_leader: User
) -> None:
    registration = services.registration_create(actor=resident, event=event)

    with pytest.raises(PermissionDenied):
        services.attendance_mark(actor=resident, registration=registration, attended=True)
    services.attendance_mark(actor=kiruna_leader, registration=registration, attended=True)
    registration.refresh_from_db()
    assert registration.attended is True


def test_reminders_and_feedback_requests_go_out_once(kiruna: Organisation) -> None:
    now = timezone.now()
    soon = EventFactory(organiser=kiruna, starts_at=now + datetime.timedelta(days=1))
    later = EventFactory(organiser=kiruna, starts_at=now + datetime.timedelta(days=10))
    ended = EventFactory(
        organiser=kiruna,
        starts_at=now - datetime.timedelta(hours=8),
        ends_at=now - datetime.timedelta(hours=3),
    )
    seated = RegistrationFactory(event=soon)
    RegistrationFactory(event=later)
    RegistrationFactory(event=soon, status=RegistrationStatus.WAITING)
    attended = RegistrationFactory(event=ended)

    assert services.reminders_send(now=now) == 1
    assert services.reminders_send(now=now) == 0
    assert Notification.objects.filter(
        recipient=seated.user, title__startswith="Påminnelse"
    ).exists()
    assert services.feedback_requests_send(now=now) == 1
    assert services.feedback_requests_send(now=now) == 0
    assert Notification.objects.filter(recipient=attended.user).count() == 1


def test_feedback_once_after_the_event_by_the_participant(kiruna: Organisation) -> None:
    ended = EventFactory(organiser=kiruna, starts_at=in_days(-1), ends_at=in_days(-1, 16))
    upcoming = EventFactory(organiser=kiruna)
    registration = RegistrationFactory(event=ended)
    early = RegistrationFactory(event=upcoming)
    answers = {"overall": 4, "content": 5, "organisation": 3, "comment": "Bra dag"}

    with pytest.raises(ValidationError, match="Only the participant"):
        services.feedback_submit(actor=UserFactory(), registration=registration, **answers)
    with pytest.raises(ValidationError, match="opens when the event has begun"):
        services.feedback_submit(actor=early.user, registration=early, **answers)
    with pytest.raises(ValidationError):
        services.feedback_submit(
            actor=registration.user, registration=registration, **{**answers, "overall": 9}
        )
    services.feedback_submit(actor=registration.user, registration=registration, **answers)
    with pytest.raises(ValidationError, match="already answered"):
        services.feedback_submit(actor=registration.user, registration=registration, **answers)
    assert Feedback.objects.count() == 1


def test_members_post_experiences_and_comments_reach_the_author(
    network: Network, kiruna: Organisation, kiruna_member: User, resident: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.post_create(actor=resident, network=network, title="Ej medlem", body="...")
    with pytest.raises(ValidationError, match="member organisation"):
        services.post_create(
            actor=kiruna_member,
            network=network,
            title="T",
            body="B",
            organisation=Organisation.objects.exclude(pk=kiruna.pk).first(),
        )
    post = services.post_create(
        actor=kiruna_member, network=network, title="Lärdom", body="Alla med", organisation=kiruna
    )

    services.comment_add(actor=resident, post=post, body="Tack!")
    assert Notification.objects.filter(
        recipient=kiruna_member, url=post.get_absolute_url()
    ).exists()


def test_a_post_links_methods_of_the_toolbox_the_author_may_see(
    network: Network, kiruna: Organisation, kiruna_member: User, resident: User
) -> None:
    from samskapa.methods.models import MethodStatus
    from samskapa.methods.tests.factories import MethodFactory

    published = MethodFactory(status=MethodStatus.PUBLISHED)
    someone_elses_proposal = MethodFactory(status=MethodStatus.PROPOSED, proposed_by=resident)
    with pytest.raises(ValidationError, match="Only methods you can see"):
        services.post_create(
            actor=kiruna_member,
            network=network,
            title="T",
            body="B",
            methods=[published, someone_elses_proposal],
        )
    assert not ExperiencePost.objects.exists()

    post = services.post_create(
        actor=kiruna_member,
        network=network,
        title="Vandringen",
        body="Den fungerade",
        methods=[published],
    )
    assert list(post.methods.all()) == [published]
    assert list(published.experience_posts.all()) == [post]
