"""Background work goes through the real Redis broker to a real Celery worker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail

from samskapa.celery import app as celery_app
from samskapa.core.models import Notification
from samskapa.core.services import notification_send
from samskapa.core.tasks import send_notification_emails


@pytest.fixture
def broker_worker():
    """A worker thread consuming from Redis, with eager execution switched off."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            yield
    finally:
        celery_app.conf.task_always_eager = previous


@pytest.mark.django_db(transaction=True)
def test_notification_email_is_sent_by_a_worker(broker_worker, django_user_model):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    person = django_user_model.objects.create_user("worker@example.se", "pw-123456!")
    mail.outbox.clear()

    notification_send(recipients=[person], title="Ny roll", body="Du är nu bedömare.")

    # The e-mail task was queued on commit; the worker picks it up from Redis.
    notification = Notification.objects.get(recipient=person)
    deadline = time.monotonic() + 20
    while notification.emailed_at is None and time.monotonic() < deadline:
        time.sleep(0.1)
        notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["worker@example.se"]
    assert "Ny roll" in mail.outbox[0].subject

    # A redelivered task sends nothing twice.
    assert send_notification_emails([notification.pk]) == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_running_worker_is_seen_by_the_health_check(broker_worker, client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    body = client.get("/health/").json()

    # The worker wrote its heartbeat when it started; the check reads it instead of pinging.
    assert body["checks"]["celery"] == {"status": "ok"}
