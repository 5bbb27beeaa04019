"""A release is checked with Django's deployment checklist under the production settings."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_the_deploy_check_with_production_settings_reports_nothing() -> None:
    # Not inherited: the browser tests' harness sets DJANGO_ALLOW_ASYNC_UNSAFE for this process.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "samskapa.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "samskapa.example.se",
        "CSRF_TRUSTED_ORIGINS": "https://samskapa.example.se",
        "DATABASE_URL": "postgres://samskapa@127.0.0.1:5432/samskapa",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "MARKETPLACE_SEALING_KEYS": "Zm9yLXRoZS1kZXBsb3ktY2hlY2stb25seS0zMmJ5dGU=",
    }

    # --fail-level WARNING: a warning (security settings, the API schema) fails the release.
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.stderr == ""
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.returncode == 0
