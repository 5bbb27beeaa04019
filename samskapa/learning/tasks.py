"""Background work of learning programmes, run by Celery beat (``CELERY_BEAT_SCHEDULE``)."""

from celery import shared_task

from samskapa.learning.services import reminders_send


@shared_task
def send_assignment_reminders() -> int:
    """Remind participants who have not handed in an assignment that is due in a few days;
    each person is reminded once per assignment."""
    return reminders_send()
