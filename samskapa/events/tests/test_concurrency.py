"""Registrations sent at the same moment: exactly as many seats as there are.

Each request runs in a thread of its own, with its own database connection, against
PostgreSQL; the tests are transactional so that the threads see each other's commits.
"""

import itertools
import threading

import pytest
from django.db import connection

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.tests.concurrently import api_client_for, at_once
from samskapa.events.models import Event, Registration, RegistrationStatus
from samskapa.events.tests.factories import RegistrationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _racing(count: int, event: Event) -> list[object]:
    users = iter([UserFactory() for _ in range(count)])
    lock = threading.Lock()

    def register() -> object:
        with lock:
            user: User = next(users)
        url = f"/api/v1/events/{event.slug}/registrations/"
        return api_client_for(user).post(url, {}, format="json")

    return at_once(count, register)


def test_two_people_taking_the_last_seat_at_once_get_one_seat(event: Event) -> None:
    RegistrationFactory(event=event)  # one of the two seats is taken

    responses = _racing(2, event)

    assert [getattr(r, "status_code", r) for r in responses] == [201, 201]
    statuses = sorted(r.json()["status"] for r in responses)  # type: ignore[attr-defined]
    assert statuses == ["confirmed", "waiting"]
    assert (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 2
    )


def test_six_people_at_once_fill_two_seats_and_queue_the_rest_in_order(event: Event) -> None:
    responses = _racing(6, event)

    assert all(getattr(r, "status_code", r) == 201 for r in responses)
    registrations = list(Registration.objects.filter(event=event).order_by("created_at", "pk"))
    assert [r.status for r in registrations].count(RegistrationStatus.CONFIRMED) == 2
    positions = sorted(
        r.json()["waiting_position"]  # type: ignore[attr-defined]
        for r in responses
        if r.json()["status"] == "waiting"  # type: ignore[attr-defined]
    )
    assert positions == [1, 2, 3, 4]
    # The seats went to the first two in the queue's order, never to a later one.
    assert [r.status for r in itertools.islice(registrations, 2)] == ["confirmed", "confirmed"]
