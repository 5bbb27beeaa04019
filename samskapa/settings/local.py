"""``make run``: SQLite, eager Celery, e-mail printed to the console, a local-memory cache."""

from samskapa.settings.base import *  # noqa: F403
from samskapa.settings.base import env

# Off unless asked for (DEBUG=1 make run), so that a try-out shows the site's own 404 and 500
# pages, as a resident would see them. WhiteNoise serves the collected static files either way.
DEBUG = env.bool("DEBUG", default=False)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
