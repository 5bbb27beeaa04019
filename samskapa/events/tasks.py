"""Background work of events, run by Celery beat (``CELERY_BEAT_SCHEDULE`` in the settings)."""

from celery import shared_task

from samskapa.events.services import feedback_requests_send, reminders_send


@shared_task
def send_event_reminders() -> int:
    """Remind participants of events that start within two days; each is reminded once."""
    return reminders_send()


@shared_task
def send_feedback_requests() -> int:
    """Ask participants of events that have ended for their feedback; each is asked once."""
    return feedback_requests_send()
