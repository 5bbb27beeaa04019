"""Celery application. Tasks run eagerly when no broker is configured (``make run``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskapa.settings.local")

app = Celery("samskapa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
