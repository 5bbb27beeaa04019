"""The migrations build on PostgreSQL the same schema that the test databases are built with.

The suite creates its databases from the models plus the migrations' own schema operations
(see ``_apply_schema_extras`` in the root ``conftest.py``), because replaying every migration
costs each worker about 40 s. This test replays them once, into a database of its own, and
compares the two schemas: tables and columns, indexes, constraints and triggers. A migration
that drifts from its models, or a schema operation the suite would miss, fails here.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from psycopg import sql

# Names made by Django from a table's name and a hash differ when a table or column was
# renamed by a migration; what the object does is compared, not its name.
COLUMNS = """
    SELECT table_name, column_name, data_type, is_nullable,
           coalesce(character_maximum_length, -1), coalesce(numeric_precision, -1)
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name <> 'django_migrations'
"""
INDEXES = """
    SELECT tablename, regexp_replace(indexdef, '^CREATE (UNIQUE )?INDEX \\S+ ', 'CREATE \\1INDEX ')
    FROM pg_indexes
    WHERE schemaname = 'public' AND tablename <> 'django_migrations'
"""
CONSTRAINTS = """
    SELECT rel.relname, con.contype, pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
    JOIN pg_namespace nsp ON nsp.oid = rel.relnamespace
    WHERE nsp.nspname = 'public' AND rel.relname <> 'django_migrations'
"""
# Django's own auth migration gives the group-permission table a bigint key, while the model
# (an automatic many-to-many table of an app whose default is AutoField) says integer. Neither
# is ours to change, and nothing refers to that key.
DJANGO_OWN = {
    "columns": {
        ("auth_group_permissions", "id", "bigint", "NO", -1, 64),
        ("auth_group_permissions", "id", "integer", "NO", -1, 32),
    }
}
TRIGGERS = """
    SELECT rel.relname, tgname, pg_get_triggerdef(trg.oid)
    FROM pg_trigger trg JOIN pg_class rel ON rel.oid = trg.tgrelid
    WHERE NOT trg.tgisinternal
"""


def _schema(cursor: Any) -> dict[str, set[tuple[Any, ...]]]:
    schema = {}
    for name, query in [
        ("columns", COLUMNS),
        ("indexes", INDEXES),
        ("constraints", CONSTRAINTS),
        ("triggers", TRIGGERS),
    ]:
        cursor.execute(query)
        schema[name] = {tuple(row) for row in cursor.fetchall()} - DJANGO_OWN.get(name, set())
    return schema


def _url(database: str) -> str:
    options = connection.settings_dict
    user = options["USER"] or "postgres"
    password = f":{options['PASSWORD']}" if options["PASSWORD"] else ""
    return f"postgres://{user}{password}@{options['HOST']}:{options['PORT'] or 5432}/{database}"


@pytest.fixture
def migrated_database() -> Iterator[str]:
    name = f"{connection.settings_dict['NAME']}_migrated"
    admin = psycopg.connect(_url("postgres"), autocommit=True)
    drop = sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
    admin.execute(drop)
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        admin.execute(drop)
        admin.close()


@pytest.mark.django_db
def test_the_migrations_build_the_schema_the_tests_use(migrated_database: str) -> None:
    # Not inherited: the browser tests' harness sets DJANGO_ALLOW_ASYNC_UNSAFE for this process.
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "samskapa.settings.test",
        "DATABASE_URL": _url(migrated_database),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    with psycopg.connect(_url(migrated_database)) as migrated:
        by_migrations = _schema(migrated.cursor())
    with connection.cursor() as cursor:
        by_models = _schema(cursor)

    differences = {
        part: (sorted(rows - by_models[part]), sorted(by_models[part] - rows))
        for part, rows in by_migrations.items()
        if rows != by_models[part]
    }
    # Each part: (what only the migrations make, what only the test databases have).
    assert differences == {}


def test_the_comparison_sees_a_missing_trigger(db: None) -> None:
    with connection.cursor() as cursor:
        before = _schema(cursor)
        cursor.execute(
            "DROP TRIGGER portfolio_gatedecision_append_only_trigger ON portfolio_gatedecision"
        )
        after = _schema(cursor)
    # The test's transaction is rolled back, and the trigger with it.
    assert {row[1] for row in before["triggers"] - after["triggers"]} == {
        "portfolio_gatedecision_append_only_trigger"
    }
