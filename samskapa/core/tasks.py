"""Background work of the core app."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation

from samskapa.core.models import Notification


@shared_task(acks_late=True)
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification not yet e-mailed. Idempotent: a retry sends nothing twice."""
    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
    for notification in pending.select_related("recipient"):
        # Claim the row first so that two workers never send the same e-mail.
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            continue
        with translation.override(notification.recipient.language):
            body = notification.body
            if notification.url:
                body = f"{body}\n\n{settings.SITE_URL}{notification.url}".strip()
            send_mail(
                subject=f"[Samskapa] {notification.title}",
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[notification.recipient.email],
            )
        sent += 1
    return sent
