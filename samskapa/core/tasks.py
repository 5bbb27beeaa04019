"""Background work of the core app."""

import logging
from typing import Any

from celery import Task, shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.core import mail
from django.db import transaction
from django.utils import timezone

from samskapa.core.emails import notification_email
from samskapa.core.models import EmailOptOut, Notification

logger = logging.getLogger(__name__)

# A failed e-mail is tried again after 1, 2, 4, 8, 16 and 32 minutes, then given up (and logged
# as an error); the notification stays in the app and unmarked as e-mailed.
EMAIL_MAX_RETRIES = 6
EMAIL_RETRY_BACKOFF = 60
EMAIL_RETRY_BACKOFF_MAX = 60 * 60


class NotificationEmailsFailed(Exception):
    """Some e-mails of a batch could not be sent; their notification ids are ``args[0]``."""


def _send_one(notification_id: int, connection: Any) -> bool:
    """Send one notification's e-mail unless it went already. True if this call sent it.

    The row stays locked while the e-mail is handed to the mail server and is marked as e-mailed
    in the same transaction: a second worker skips it meanwhile, and a failure leaves it
    unmarked for the retry. Only a crash between the mail server's "accepted" and the commit
    could send it twice.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None:
            return False  # e-mailed already, or another worker is sending it right now
        if EmailOptOut.objects.filter(
            user_id=notification.recipient_id, kind=notification.kind
        ).exists():
            return False  # turned off after the notification was made
        notification_email(notification, connection=connection).send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


@shared_task(bind=True, acks_late=True, max_retries=EMAIL_MAX_RETRIES)
def send_notification_emails(self: Task, notification_ids: list[int]) -> int:
    """E-mail each notification not yet e-mailed, one message per recipient. Returns how many.

    Idempotent: a notification marked as e-mailed is never sent again, so a redelivered task
    (``acks_late``) or a retry sends nothing twice. One recipient's failure (a refused address,
    a broken connection) is logged and does not stop the others; the task is then retried with
    exponential backoff for the failed ones only.
    """
    sent = 0
    failed: list[int] = []
    connection = mail.get_connection()
    try:
        for notification_id in notification_ids:
            try:
                if _send_one(notification_id, connection):
                    sent += 1
            except Exception:  # any failure of one e-mail: log it, retry it later, go on
                logger.warning(
                    "E-mail of notification %s failed (attempt %s of %s)",
                    notification_id,
                    self.request.retries + 1,
                    EMAIL_MAX_RETRIES + 1,
                    exc_info=True,
                )
                failed.append(notification_id)
                # A mail server that failed once may have dropped the session: start a new one.
                connection.close()
    finally:
        connection.close()
    if failed:
        error = NotificationEmailsFailed(failed)
        if self.request.retries >= EMAIL_MAX_RETRIES:
            logger.error("Gave up e-mailing notifications %s", failed)
        countdown = get_exponential_backoff_interval(
            factor=EMAIL_RETRY_BACKOFF,
            retries=self.request.retries,
            maximum=EMAIL_RETRY_BACKOFF_MAX,
            full_jitter=False,
        )
        raise self.retry(args=(failed,), kwargs={}, countdown=countdown, exc=error)
    return sent
