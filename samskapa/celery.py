"""Celery application. Tasks run eagerly when no broker is configured (``make run``)."""

import os
from typing import Any

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskapa.settings.local")

app = Celery("samskapa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class Heartbeat(bootsteps.StartStopStep):
    """Each worker writes a heartbeat to Redis every few seconds, for ``/health/`` to read."""

    requires = ("celery.worker.components:Timer",)

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.timer_entry: Any = None

    def start(self, parent: Any) -> None:
        from samskapa.core import heartbeat

        heartbeat.record(parent.hostname)
        self.timer_entry = parent.timer.call_repeatedly(
            heartbeat.INTERVAL, heartbeat.record, (parent.hostname,), priority=10
        )

    def stop(self, parent: Any) -> None:
        from samskapa.core import heartbeat

        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None
        heartbeat.forget(parent.hostname)

    def terminate(self, parent: Any) -> None:
        self.stop(parent)  # a cold shutdown, too, removes the worker at once


app.steps["worker"].add(Heartbeat)
