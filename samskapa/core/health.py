"""Health endpoint for load balancers and monitoring: database, Redis and Celery workers."""

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from samskapa.celery import app as celery_app


def _check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"status": "ok", "vendor": connection.vendor}
    except Exception as error:  # any failure means "down"; the reason is reported
        return {"status": "error", "error": str(error)}


def _check_redis() -> dict[str, Any]:
    if not settings.REDIS_URL:
        return {"status": "not_configured"}
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping()
        cache.get("health-check")
        return {"status": "ok"}
    except Exception as error:
        return {"status": "error", "error": str(error)}


def _check_celery() -> dict[str, Any]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"status": "eager"}
    try:
        replies = celery_app.control.ping(timeout=1.0)
    except Exception as error:
        return {"status": "error", "error": str(error)}
    workers = sorted(name for reply in replies or [] for name in reply)
    return {"status": "ok" if workers else "no_workers", "workers": workers}


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 when the database and Redis answer; 503 otherwise. Workers are reported, not required."""
    checks = {"database": _check_database(), "redis": _check_redis(), "celery": _check_celery()}
    healthy = checks["database"]["status"] == "ok" and checks["redis"]["status"] in (
        "ok",
        "not_configured",
    )
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
