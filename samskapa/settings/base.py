"""Settings shared by every environment. Entry points: local, test, production."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "samskapa"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "samskapa.core",
    "samskapa.geo",
    "samskapa.sdg",
    "samskapa.accounts",
    "samskapa.organisations",
    "samskapa.projects",
    "samskapa.needs",
    "samskapa.ideas",
    "samskapa.assessment",
    "samskapa.programmes",
    "samskapa.methods",
    "samskapa.portfolio",
    "samskapa.events",
    "samskapa.indicators",
    "samskapa.strategy",
    "samskapa.learning",
    "samskapa.marketplace",
    "samskapa.competences",
    "samskapa.workspace",
    "samskapa.api",
]

MIDDLEWARE = [
    "samskapa.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "samskapa.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "samskapa.core.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "samskapa.accounts.middleware.ConsentMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "samskapa.urls"
WSGI_APPLICATION = "samskapa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samskapa.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'samskapa.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspace:dashboard"

# The site's name in e-mail subjects; SITE_URL (below) makes the links in e-mails absolute.
SITE_NAME = env("SITE_NAME", default="Samskapa")

# django-allauth: e-mail is the login, and it must be confirmed before the account is used.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_LOGOUT_REDIRECT_URL = "workspace:home"
# Revokes API tokens when a password changes and asks core.throttling who the client is. The
# login limits (ACCOUNT_RATE_LIMITS, allauth's defaults) cover the API token endpoint as well.
ACCOUNT_ADAPTER = "samskapa.accounts.adapter.AccountAdapter"
# The display name and the accepted terms, asked for on the sign-up page.
ACCOUNT_SIGNUP_FORM_CLASS = "samskapa.accounts.forms.SignupForm"

# Addresses or networks of our own reverse proxies, comma separated: only a request from one of
# them has its X-Forwarded-For read (core.throttling.client_ip). Empty: trust no one.
TRUSTED_PROXIES: list[str] = env.list("TRUSTED_PROXIES", default=[])

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Dates in lower case in Swedish ("31 okt 2026"): templates use the named formats.
FORMAT_MODULE_PATH = ["samskapa.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
# Uploaded files (core/uploads.py): never served from MEDIA_URL, only through the view of the
# object they belong to.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=40_000_000)
UPLOAD_IMAGE_MAX_SIDE = env.int("UPLOAD_IMAGE_MAX_SIDE", default=2048)
FILE_UPLOAD_PERMISSIONS = 0o640
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Content-Security-Policy (django-csp; docs/frontend.md has the rules). The browser runs only
# scripts and styles served by Samskapa itself, never inline ones, so injected markup can
# neither run nor restyle anything. Pages pass data to scripts in <script type="application/json">
# islands (json_script), which are not run. The nonce reaches script-src and style-src only on
# a response whose template asked for request.csp_nonce: the API documentation pages
# (templates/drf_spectacular/) start Swagger UI and Redoc with a few inline lines. No
# 'unsafe-inline' for styles either: Designsystemet is a stylesheet; Chart.js and our scripts
# set sizes through element.style, which CSP allows; htmx's inline indicator <style> is off
# (base.html). data: images are Designsystemet's icons (SVG inside its CSS).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Third-party pages that cannot run under the policy, by URL name (samskapa.core.csp). Redoc
# writes <style> elements before it can be given the nonce, and runs its search in a worker
# made from a blob: URL. Scripts stay as strict as everywhere else. (Its logo from Redocly's
# CDN stays refused: no visitor's address goes to a third party.)
CONTENT_SECURITY_POLICY_BY_VIEW = {
    "api:redoc": {"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]},
}

# Sessions live in the database (and cache where one is shared), never only in process memory.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Samskapa <noreply@samskapa.localhost>")
# Seconds; a mail server that stops answering must not hold a worker (and a locked row) forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

REDIS_URL = env("REDIS_URL", default="")


def redis_cache(location: str, **extra: str) -> dict[str, object]:
    """The cache on Redis: misses instead of errors while Redis is down (``core.cache``).

    Short socket timeouts, so that a Redis that hangs instead of refusing costs a fraction of a
    second, once per few seconds (the backend then stops trying for a moment), not per call.
    """
    timeout = env.float("REDIS_TIMEOUT", default=0.5)
    return {
        "BACKEND": "samskapa.core.cache.ResilientRedisCache",
        "LOCATION": location,
        "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        **extra,
    }


REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["samskapa.core.api.RulePermission"],
    # DRF's own parsers, refusing NUL characters and absurdly nested JSON with a 400.
    "DEFAULT_PARSER_CLASSES": [
        "samskapa.core.parsers.JSONParser",
        "samskapa.core.parsers.FormParser",
        "samskapa.core.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "samskapa.core.api.DefaultPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "samskapa.core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "600/min"},
    "DEFAULT_THROTTLE_CLASSES": [
        "samskapa.core.throttling.AnonRateThrottle",
        "samskapa.core.throttling.UserRateThrottle",
    ],
    # Ours count per core.throttling.client_ip. DRF's stock throttles, should one be used, then
    # read the connection's address only, never X-Forwarded-For (None would trust all of it).
    "NUM_PROXIES": 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samskapa API",
    "DESCRIPTION": "REST API of Samskapa. Lists are paginated; write access needs a token.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema component per choice set, named after it, where several fields share one set
    # or several sets share a field name.
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "samskapa.portfolio.models.Stage",
        "LevelEnum": "samskapa.portfolio.models.Level",
        "AssignmentStatusEnum": "samskapa.assessment.models.AssignmentStatus",
        "OrganisationTypeEnum": "samskapa.organisations.models.OrganisationType",
        "VisibilityEnum": "samskapa.core.models.Visibility",
        "PublishedVisibilityEnum": "samskapa.core.models.PUBLISHED_VISIBILITY_CHOICES",
        "HelixSectorEnum": "samskapa.core.models.HelixSector",
        "IndicatorKindEnum": "samskapa.indicators.models.IndicatorKind",
        "EventKindEnum": "samskapa.events.models.EventKind",
        "ProjectPhaseEnum": "samskapa.projects.models.ProjectPhase",
        "LearningProgrammeStatusEnum": "samskapa.learning.models.ProgrammeStatus",
        "MethodPhaseEnum": "samskapa.methods.models.MethodPhase",
        "MethodStatusEnum": "samskapa.methods.models.MethodStatus",
        "LabLevelEnum": "samskapa.methods.models.LabLevel",
        "LabThemeEnum": "samskapa.methods.models.LabTheme",
        "RequestStatusEnum": "samskapa.marketplace.models.RequestStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "samskapa.api.schema.document_error_responses",
    ],
}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Without a broker (make run) tasks run in the request, right after the commit that scheduled them.
CELERY_TASK_ALWAYS_EAGER = not bool(REDIS_URL or env("CELERY_BROKER_URL", default=""))
CELERY_TASK_EAGER_PROPAGATES = True
# While the broker is down a request that queues a task gives up after about half a second
# (core.services logs it) instead of retrying for seconds.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.1,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1}
CELERY_TIMEZONE = TIME_ZONE
# Periodic work, run by `celery beat`; each task is safe to run again (it marks what it sent).
CELERY_BEAT_SCHEDULE = {
    "events-reminders": {"task": "samskapa.events.tasks.send_event_reminders", "schedule": 900.0},
    "events-feedback": {"task": "samskapa.events.tasks.send_feedback_requests", "schedule": 3600.0},
    "learning-reminders": {
        "task": "samskapa.learning.tasks.send_assignment_reminders",
        "schedule": 3600.0,
    },
    # Stored matches of needs dated from today are recomputed just after midnight.
    "competences-dated-matches": {
        "task": "samskapa.competences.tasks.refresh_dated_match_lists",
        "schedule": crontab(minute=5, hour=0),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "pythonjsonlogger.json.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="plain"),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Marketplace: the keys that seal responses until their opening (Fernet keys, newest first, so a
# key can be rotated). Never stored in the database. Without the setting, a key is derived from
# SECRET_KEY (development only; production requires MARKETPLACE_SEALING_KEYS).
MARKETPLACE_SEALING_KEYS = env.list("MARKETPLACE_SEALING_KEYS", default=[])
# The registered prefix of every OCDS ocid this installation publishes.
OCDS_OCID_PREFIX = env("OCDS_OCID_PREFIX", default="ocds-smskpa")
