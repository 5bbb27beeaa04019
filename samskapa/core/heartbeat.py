"""Celery worker heartbeats in Redis, so that ``/health/`` can tell live workers in one read.

Each worker writes its name and the time into one sorted set every ``INTERVAL`` seconds (a
worker bootstep in ``samskapa.celery``); the health check lists the names written within
``FRESH_SECONDS``. This replaces a broadcast ping, which waited a whole second whenever no
worker answered, on every call of a health check that a load balancer makes every few seconds.
"""

import functools
import logging
import time

import redis
from django.conf import settings

logger = logging.getLogger("samskapa.heartbeat")

KEY = "samskapa:celery:heartbeats"
INTERVAL = 15.0
# Three missed beats and a worker no longer counts as live.
FRESH_SECONDS = 3 * INTERVAL
# Names of workers gone for a day are dropped from the set.
FORGET_AFTER_SECONDS = 24 * 3600.0


@functools.cache
def redis_client(url: str, timeout: float = 0.5) -> redis.Redis:
    """A client whose calls fail within ``timeout`` when Redis is down, refusing or hanging."""
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=timeout,
        socket_timeout=timeout,
        retry=None,
        health_check_interval=0,
    )


def record(hostname: str) -> None:
    """Note that the worker ``hostname`` is alive now; a warning, not a crash, if Redis is down."""
    if not settings.REDIS_URL:
        return
    now = time.time()
    try:
        pipeline = redis_client(settings.REDIS_URL).pipeline()
        pipeline.zadd(KEY, {hostname: now})
        pipeline.zremrangebyscore(KEY, 0, now - FORGET_AFTER_SECONDS)
        pipeline.execute()
    except redis.RedisError as error:
        logger.warning("Worker heartbeat not written (%s: %s).", type(error).__name__, error)


def forget(hostname: str) -> None:
    """Remove a worker that shuts down cleanly, so that it stops counting at once."""
    if not settings.REDIS_URL:
        return
    try:
        redis_client(settings.REDIS_URL).zrem(KEY, hostname)
    except redis.RedisError as error:
        logger.warning("Worker heartbeat not removed (%s: %s).", type(error).__name__, error)


def live_workers(client: redis.Redis, *, max_age: float = FRESH_SECONDS) -> dict[str, float]:
    """Each worker that beat within ``max_age`` seconds, with the seconds since its last beat.

    Raises ``redis.RedisError`` when Redis cannot be asked.
    """
    now = time.time()
    beats: list[tuple[bytes, float]] = client.zrangebyscore(  # type: ignore[assignment]
        KEY, now - max_age, "+inf", withscores=True
    )
    return {name.decode(): round(now - at, 1) for name, at in beats}
