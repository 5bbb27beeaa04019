"""``make run``: SQLite, eager Celery, e-mail printed to the console, a local-memory cache."""

from samskapa.settings.base import *  # noqa: F403
from samskapa.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
