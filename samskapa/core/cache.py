"""The cache backend: Django's Redis cache, degrading to misses while Redis cannot be reached.

Nothing in Samskapa keeps data only in the cache: sessions are stored in the database too
(``cached_db``), cached figures are recomputed, and rate-limit counters start again. So when
Redis is down the site goes on without it: reads answer "not cached", writes are dropped, and
rate limits (DRF's throttles, allauth's login limits) are not enforced until Redis is back.

A failed call opens a short pause (``retry_after`` seconds) during which this process does not
try Redis at all, so that a Redis that hangs instead of refusing costs one socket timeout per
pause rather than one per cache call. A warning is logged each time the pause opens.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("samskapa.cache")

T = TypeVar("T")

# A refused connection, a lost one, a timeout: Redis is unreachable, not misused.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class ResilientRedisCache(RedisCache):
    """``RedisCache`` that answers as an empty cache, with a logged warning, while Redis is down."""

    retry_after = 5.0
    # Per Redis location and shared by the threads of a process (Django keeps one cache
    # object per thread): the monotonic time until which Redis is not tried again.
    _paused_until: ClassVar[dict[str, float]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @property
    def _location(self) -> str:
        servers: list[str] = self._servers  # type: ignore[attr-defined]
        return ",".join(servers)

    def _attempt(self, operation: str, call: Callable[[], T], fallback: Callable[[], T]) -> T:
        if time.monotonic() < self._paused_until.get(self._location, 0.0):
            return fallback()
        try:
            result = call()
        except UNREACHABLE as error:
            with self._lock:
                self._paused_until[self._location] = time.monotonic() + self.retry_after
            logger.warning(
                "Redis cache unreachable during %s (%s: %s); answering as an empty cache for "
                "%.0f s. Sessions are read from the database; rate limits are not enforced.",
                operation,
                type(error).__name__,
                error,
                self.retry_after,
            )
            return fallback()
        if self._location in self._paused_until:
            with self._lock:
                if self._paused_until.pop(self._location, None) is not None:
                    logger.info("Redis cache reachable again.")
        return result

    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        # Reported as added: callers use add() as a lock (allauth's rate limits wait for it and
        # then refuse the login), and while Redis is down there is nothing to lock against.
        return self._attempt(
            "add", lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), _true
        )

    def get(self, key: Any, default: Any | None = None, version: int | None = None) -> Any:
        return self._attempt(
            "get",
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            lambda: default,
        )

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._attempt(
            "set", lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), _none
        )

    def touch(
        self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._attempt(
            "touch", lambda: super(ResilientRedisCache, self).touch(key, timeout, version), _false
        )

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._attempt(
            "delete", lambda: super(ResilientRedisCache, self).delete(key, version), _false
        )

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._attempt(
            "get_many", lambda: super(ResilientRedisCache, self).get_many(keys, version), dict
        )

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._attempt(
            "has_key", lambda: super(ResilientRedisCache, self).has_key(key, version), _false
        )

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        def missing() -> int:
            # What Django's caches raise for a key they do not hold.
            raise ValueError(f"Key '{key}' not found.")

        return self._attempt(
            "incr", lambda: super(ResilientRedisCache, self).incr(key, delta, version), missing
        )

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        # set_many answers the keys it could not store: all of them.
        return self._attempt(
            "set_many",
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            lambda: list(data),
        )

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        self._attempt(
            "delete_many",
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            _none,
        )

    def clear(self) -> None:
        self._attempt("clear", lambda: super(ResilientRedisCache, self).clear(), _none)


def _true() -> bool:
    return True


def _false() -> bool:
    return False


def _none() -> None:
    return None
