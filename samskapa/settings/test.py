"""``make test``: PostgreSQL and Redis, as in production."""

import os

from samskapa.settings.base import *  # noqa: F403
from samskapa.settings.base import DATABASES, env

DATABASES["default"] = env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/samskapa")
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/15")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # Each pytest-xdist worker keeps its own keys: emptying the cache between tests must
        # not empty another worker's.
        "KEY_PREFIX": "samskapa-test-" + os.environ.get("PYTEST_XDIST_WORKER", "main"),
    }
}
# Tests run tasks in-process; the broker itself is exercised by the health check test.
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
