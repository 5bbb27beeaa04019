"""``make test``: PostgreSQL and Redis, as in production."""

import os
import tempfile

from samskapa.settings.base import *  # noqa: F403
from samskapa.settings.base import DATABASES, env, redis_cache

DATABASES["default"] = env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/samskapa")
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/15")
# Each pytest-xdist worker, and each test run against another database (two checkouts on one
# machine), keeps its own keys: emptying the cache between tests must not empty another run's,
# nor may one run read what another cached (the terms in force, ids of its own database).
_RUN = f"{DATABASES['default']['NAME']}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
CACHES = {"default": redis_cache(REDIS_URL, KEY_PREFIX=f"samskapa-test-{_RUN}")}
# Tests run tasks in-process; the broker itself is exercised by the worker test, and by the
# outage tests, which start the application with CELERY_TASK_ALWAYS_EAGER=false.
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# Uploaded files of each test run go to a folder of their own, never into var/media.
MEDIA_ROOT = os.path.join(
    tempfile.gettempdir(), "samskapa-test-media", os.environ.get("PYTEST_XDIST_WORKER", "main")
)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
