"""Gate decisions are append-only in the database too, on PostgreSQL.

The model refuses to save a changed decision or to delete one; this trigger refuses the same
for raw SQL, bulk updates and the admin's bulk actions. TRUNCATE (used by the test suite to
empty the database) is not a row operation and is not affected.
"""

from typing import Any

from django.db import migrations

FUNCTION = "portfolio_gatedecision_append_only"
TRIGGER = "portfolio_gatedecision_append_only_trigger"


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'Gate decisions are append-only: % of decision % refused; log a correction instead.',
                TG_OP, OLD.id
                USING ERRCODE = 'restrict_violation';
        END;
        $$
        """,
        # No parameters: the % in the message are PL/pgSQL's, not placeholders.
        params=None,
    )
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON portfolio_gatedecision "
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
    )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON portfolio_gatedecision")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0002_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
