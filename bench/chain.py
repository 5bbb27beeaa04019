"""Benchmark of the innovation chain at 5,000 and 50,000 ideas (issue 4, item 9).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samskapa_bench .venv/bin/python bench/chain.py

Creates the database if it is missing, migrates it, fills it with bulk inserts and writes the
timings to docs/benchmarks.md. The work is done by the command in ``bench/bench_chain.py``.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/samskapa_bench"


def _create_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("bench/chain.py needs a PostgreSQL DATABASE_URL.")
    _create_database(url)
    sys.path.insert(0, str(ROOT))
    # The local settings minus debug: a local-memory cache, eager tasks, no Redis needed.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskapa.settings.local")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    # Imported once Django is set up: the generator uses the models.
    from bench_chain import Command

    Command().run_from_argv(["chain.py", "bench_chain", *sys.argv[1:]])


if __name__ == "__main__":
    main()
