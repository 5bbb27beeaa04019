"""Notifications: in the app at once, by e-mail after the commit, and never twice."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.models import Notification
from samskapa.core.services import notification_mark_read, notification_send
from samskapa.core.tasks import send_notification_emails
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.services import membership_add

pytestmark = pytest.mark.django_db

CaptureCallbacks = Callable[..., Any]


def test_each_recipient_gets_one_notification_and_one_email(
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    anna, bertil = UserFactory(email="anna@example.se"), UserFactory(email="bertil@example.se")
    gone = UserFactory(is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        notifications = notification_send(
            recipients=[anna, bertil, anna, gone, None],
            title="Nytt behov i Näringen",
            body="Ett nytt behov har lämnats in.",
            url="/sv/projekt/naringen/",
        )

    assert sorted(n.recipient.email for n in notifications) == [
        "anna@example.se",
        "bertil@example.se",
    ]
    assert not Notification.objects.filter(recipient=gone).exists()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anna@example.se",
        "bertil@example.se",
    ]
    message = mail.outbox[0]
    assert message.subject == "[Samskapa] Nytt behov i Näringen"
    assert "Nytt behov i Näringen\n\nEtt nytt behov har lämnats in." in message.body
    assert "Läs mer: http://127.0.0.1:8000/sv/projekt/naringen/\n" in message.body


def test_no_email_when_not_asked_for(django_capture_on_commit_callbacks: CaptureCallbacks) -> None:
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[person], title="Bara i appen", email=False)

    assert Notification.objects.filter(recipient=person).count() == 1
    assert mail.outbox == []


def test_email_waits_for_the_commit(
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification_send(recipients=[UserFactory()], title="Avbrutet")

    assert len(callbacks) == 1
    assert mail.outbox == []


def test_running_the_email_task_twice_sends_once() -> None:
    (notification,) = notification_send(recipients=[UserFactory()], title="Hej")

    assert send_notification_emails(notification_ids=[notification.pk]) == 1
    assert send_notification_emails(notification_ids=[notification.pk]) == 0
    assert len(mail.outbox) == 1


def test_membership_add_emails_once_even_if_the_task_runs_again(
    gavle: Organisation,
    gavle_admin: User,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    newcomer = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        membership_add(actor=gavle_admin, user=newcomer, role=Role.MEMBER, organisation=gavle)
    ids = list(Notification.objects.filter(recipient=newcomer).values_list("pk", flat=True))
    send_notification_emails(notification_ids=ids)

    assert len(ids) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [newcomer.email]


def test_mark_read_touches_only_the_actors_notifications() -> None:
    anna, bertil = UserFactory(), UserFactory()
    first = notification_send(recipients=[anna], title="1", email=False)[0]
    second = notification_send(recipients=[anna], title="2", email=False)[0]
    bertils = notification_send(recipients=[bertil], title="3", email=False)[0]

    assert notification_mark_read(actor=anna, notification=first) == 1
    assert notification_mark_read(actor=anna, notification=bertils) == 0
    assert notification_mark_read(actor=anna) == 1

    second.refresh_from_db()
    bertils.refresh_from_db()
    assert second.read_at is not None
    assert bertils.read_at is None
