"""Notification e-mails: one line subjects, one recipient's failure is theirs alone, retried."""

import logging
import smtplib
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.test import override_settings

from samskapa.accounts.tests.factories import UserFactory
from samskapa.celery import app as celery_app
from samskapa.core.emails import email_subject
from samskapa.core.models import Notification
from samskapa.core.services import notification_send
from samskapa.core.tasks import (
    EMAIL_MAX_RETRIES,
    NotificationEmailsFailed,
    send_notification_emails,
)

pytestmark = pytest.mark.django_db

CaptureCallbacks = Callable[..., Any]
BROKEN = "trasig@example.se"


class FlakyMailServer:
    """The locmem backend, refusing ``BROKEN`` the first ``failures`` times it is asked to."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.attempts: list[str] = []

    def send_messages(self, backend: locmem.EmailBackend, messages: list[Any]) -> int:
        for message in messages:
            self.attempts.extend(message.to)
            if BROKEN in message.to and self.failures > 0:
                self.failures -= 1
                raise smtplib.SMTPRecipientsRefused({BROKEN: (550, b"No such user")})
        return ORIGINAL_SEND(backend, messages)


ORIGINAL_SEND = locmem.EmailBackend.send_messages


@pytest.fixture
def mail_server(request: pytest.FixtureRequest) -> Iterator[FlakyMailServer]:
    """The mail server refuses ``BROKEN`` (``param`` times, or always)."""
    server = FlakyMailServer(failures=getattr(request, "param", 10_000))

    def send(backend: locmem.EmailBackend, messages: list[Any]) -> int:
        return server.send_messages(backend, messages)

    with mock.patch.object(locmem.EmailBackend, "send_messages", send):
        yield server


@pytest.fixture
def retries_in_process() -> Iterator[None]:
    """Tasks run in the test, and a retry runs at once instead of being raised to the caller.

    That is what a worker does, without the wait: with ``task_eager_propagates`` (the test
    settings) Celery raises the ``Retry`` to whoever queued the task instead.
    """
    previous = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = previous


def recipients_of_the_outbox() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_title_with_line_breaks_becomes_a_one_line_subject(
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    person = UserFactory(email="anna@example.se")

    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notification_send(
            recipients=[person], title="Nytt behov:\r\nBcc: alla@example.se\n\tTrygga  vägar"
        )

    (message,) = mail.outbox
    assert message.subject == "[Samskapa] Nytt behov: Bcc: alla@example.se Trygga vägar"
    assert message.to == ["anna@example.se"]
    assert message.bcc == []
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_long_title_is_shortened_in_the_subject() -> None:
    subject = email_subject("Behov " * 100)

    assert len(subject) == 150
    assert subject.startswith("[Samskapa] Behov Behov")
    assert subject.endswith("…")


@override_settings(SITE_NAME="Samskapa Gävle", SITE_URL="https://samskapa.gavle.example/")
def test_subject_and_link_use_the_sites_name_and_address(
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[UserFactory()], title="Hej", url="/sv/projekt/naringen/")

    (message,) = mail.outbox
    assert message.subject == "[Samskapa Gävle] Hej"
    assert "Läs mer: https://samskapa.gavle.example/sv/projekt/naringen/\n" in message.body
    assert "Hälsningar,\nSamskapa Gävle\nhttps://samskapa.gavle.example/\n" in message.body


def test_one_failing_recipient_neither_stops_the_others_nor_is_marked_as_emailed(
    mail_server: FlakyMailServer,
    retries_in_process: None,
    django_capture_on_commit_callbacks: CaptureCallbacks,
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken = UserFactory(email=BROKEN)
    others = [UserFactory(email="anna@example.se"), UserFactory(email="bertil@example.se")]

    with (
        mock.patch.object(
            send_notification_emails, "retry", wraps=send_notification_emails.retry
        ) as retry,
        caplog.at_level(logging.WARNING, logger="samskapa.core.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        # The broken address comes first in the batch: the others must still get their e-mail.
        notification_send(recipients=[broken, *others], title="Ny roll")

    assert recipients_of_the_outbox() == ["anna@example.se", "bertil@example.se"]
    emailed = dict(Notification.objects.values_list("recipient__email", "emailed_at"))
    assert emailed[BROKEN] is None
    assert emailed["anna@example.se"] is not None
    assert emailed["bertil@example.se"] is not None
    # Retried for the failed one only, waiting twice as long each time, then given up.
    assert mail_server.attempts.count(BROKEN) == EMAIL_MAX_RETRIES + 1
    assert mail_server.attempts.count("anna@example.se") == 1
    broken_id = Notification.objects.get(recipient=broken).pk
    assert [call.kwargs["args"] for call in retry.call_args_list] == [([broken_id],)] * (
        EMAIL_MAX_RETRIES + 1
    )
    assert [call.kwargs["countdown"] for call in retry.call_args_list] == [
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
    ]
    assert "SMTPRecipientsRefused" in caplog.text
    assert f"Gave up e-mailing notifications [{broken_id}]" in caplog.text


@pytest.mark.parametrize("mail_server", [2], indirect=True)
def test_a_recipient_that_fails_for_a_while_gets_the_email_once_on_a_retry(
    mail_server: FlakyMailServer,
    retries_in_process: None,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    broken = UserFactory(email=BROKEN)

    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notification_send(recipients=[broken], title="Ny roll")

    assert mail_server.attempts == [BROKEN, BROKEN, BROKEN]
    assert recipients_of_the_outbox() == [BROKEN]
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_failed_email_does_not_fail_the_change_that_caused_it(
    mail_server: FlakyMailServer,
    django_capture_on_commit_callbacks: CaptureCallbacks,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Even where the task runs in the request (``make run``) and its retry reaches the caller."""
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[UserFactory(email=BROKEN)], title="Ny roll")

    assert Notification.objects.filter(recipient__email=BROKEN, emailed_at=None).count() == 1
    assert "NotificationEmailsFailed" in caplog.text


def test_called_outside_celery_the_failure_is_raised(mail_server: FlakyMailServer) -> None:
    (notification,) = notification_send(recipients=[UserFactory(email=BROKEN)], title="Hej")

    with pytest.raises(NotificationEmailsFailed):
        send_notification_emails(notification_ids=[notification.pk])


def test_a_notification_already_emailed_is_not_sent_again_by_a_retry(
    mail_server: FlakyMailServer,
) -> None:
    anna = UserFactory(email="anna@example.se")
    (sent,) = notification_send(recipients=[anna], title="Hej", email=False)
    send_notification_emails(notification_ids=[sent.pk])

    send_notification_emails.apply(kwargs={"notification_ids": [sent.pk]}, retries=1)

    assert recipients_of_the_outbox() == ["anna@example.se"]
