"""Time one or more URLs against the bench database and print each SQL query with its duration.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/samskapa_bench .venv/bin/python bench/profile_url.py /sv/behov/
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samskapa_bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskapa.settings.local")
    os.environ.setdefault("DEBUG", "false")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.signals import request_started
    from django.db import close_old_connections, connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    request_started.disconnect(reset_queries)
    request_started.disconnect(close_old_connections)
    from django.conf import settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"], STORAGES=storages):
        client = Client()
        for url in sys.argv[1:]:
            for _ in range(3):
                client.get(url)
            timings: list[tuple[float, str]] = []

            def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    timings.append(((time.perf_counter() - started) * 1000, sql))  # noqa: B023

            started = time.perf_counter()
            with connection.execute_wrapper(timed):
                response = client.get(url)
            total = (time.perf_counter() - started) * 1000
            print(
                f"== {url} -> {response.status_code} {total:.1f} ms, {len(timings)} queries, "
                f"SQL {sum(t for t, _ in timings):.1f} ms"
            )
            for ms, sql in timings:
                print(f"  {ms:7.1f} ms  {sql[:400]}")


if __name__ == "__main__":
    main()
