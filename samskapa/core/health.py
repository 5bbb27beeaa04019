"""Health endpoint for load balancers and monitoring: database, Redis and Celery workers.

A load balancer asks every few seconds, so every check has a short timeout and nothing waits
for a worker to answer: workers write a heartbeat to Redis (``core.heartbeat``), which is read
here. The public answer holds statuses only; error texts, worker names and timings, which can
name hosts and ports, are added for a logged-in platform administrator.

Only the database decides the status code: without it nothing works (503), while without
Redis the site goes on with an empty cache (``core.cache``), reported as ``"degraded"`` with
200, so that a Redis outage does not take every application server out of the load balancer.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from samskapa.core import heartbeat

# Seconds the health check waits for Redis before calling it down.
REDIS_TIMEOUT = 0.25

Check = tuple[dict[str, Any], dict[str, Any]]  # (public part, administrators' details)


def _timed(check: Callable[[], Check]) -> Check:
    started = time.perf_counter()
    public, details = check()
    details["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return public, details


def _check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means "down"; administrators see the reason
        return {"status": "error"}, {"error": str(error)}
    return {"status": "ok", "vendor": connection.vendor}, {}


def _check_redis() -> Check:
    if not settings.REDIS_URL:
        return {"status": "not_configured"}, {}
    try:
        heartbeat.redis_client(settings.REDIS_URL, REDIS_TIMEOUT).ping()
    except Exception as error:
        return {"status": "error"}, {"error": str(error)}
    return {"status": "ok"}, {}


def _check_celery(*, redis_ok: bool) -> Check:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"status": "eager"}, {}
    if not redis_ok:
        return {"status": "unknown"}, {}  # the heartbeats are in Redis
    try:
        workers = heartbeat.live_workers(heartbeat.redis_client(settings.REDIS_URL, REDIS_TIMEOUT))
    except Exception as error:
        return {"status": "unknown"}, {"error": str(error)}
    # Seconds since each worker's last heartbeat.
    return {"status": "ok" if workers else "no_workers"}, {"workers": workers}


def _is_platform_admin(request: HttpRequest) -> bool:
    try:
        return bool(request.user.is_superuser)
    except DatabaseError:
        return False  # the session cannot be read without the database: answer the public part


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 ``ok`` or ``degraded`` (Redis down) while the database answers; 503 otherwise."""
    database = _timed(_check_database)
    redis_check = _timed(_check_redis)
    celery = _timed(lambda: _check_celery(redis_ok=redis_check[0]["status"] == "ok"))
    checks = {"database": database, "redis": redis_check, "celery": celery}

    if database[0]["status"] != "ok":
        status = "error"
    elif redis_check[0]["status"] in ("ok", "not_configured"):
        status = "ok"
    else:
        status = "degraded"
    with_details = _is_platform_admin(request)
    body = {
        "status": status,
        "checks": {
            name: {**public, **details} if with_details else public
            for name, (public, details) in checks.items()
        },
    }
    return JsonResponse(body, status=503 if status == "error" else 200)
