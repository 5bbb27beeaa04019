"""Full-text search in Swedish.

On PostgreSQL each searchable table has a ``search_vector`` column kept current by a database
trigger with the ``swedish`` text search configuration (stemming and stop words), so bulk
inserts and admin edits are indexed too, and a GIN index makes the match fast. On SQLite (the
``make run`` path) the same query is answered by stemming the words with the Snowball Swedish
stemmer and matching each stem against the text columns.
"""

import re
from collections.abc import Sequence
from typing import Any, TypeVar

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, migrations
from django.db.models import F, Model, Q, QuerySet

__all__ = ["SearchVectorField", "search", "swedish_search_trigger"]

M = TypeVar("M", bound=Model)

_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("swedish")


def search_terms(query: str) -> list[str]:
    """Stems of the words in ``query``, lower-cased, at least two characters each."""
    words = [word.lower() for word in _WORD.findall(query or "")]
    return [stem for stem in _stemmer.stemWords(words) if len(stem) >= 2]


def search(queryset: QuerySet[M], query: str, *, fields: Sequence[str]) -> QuerySet[M]:
    """Rows of ``queryset`` matching ``query``, best match first.

    ``fields`` are the text columns the trigger indexes; the SQLite fallback searches them.
    """
    query = (query or "").strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(query, config="swedish", search_type="websearch")
        ranked = queryset.filter(search_vector=ts_query).annotate(
            search_rank=SearchRank(F("search_vector"), ts_query)
        )
        return ranked.order_by("-search_rank", "pk")  # type: ignore[return-value]
    condition = Q()
    for term in search_terms(query):
        any_field = Q()
        # SQLite folds the case of ASCII letters only, so "älv" must also be tried as "Älv".
        for variant in {term, term.capitalize(), term.upper()}:
            for field in fields:
                any_field |= Q(**{f"{field}__icontains": variant})
        condition &= any_field
    return queryset.filter(condition)


def swedish_search_trigger(table: str, columns: Sequence[str]) -> migrations.RunPython:
    """A migration operation that, on PostgreSQL only, indexes ``columns`` of ``table``.

    It adds a trigger that fills ``search_vector`` on every insert and update, a GIN index, and
    fills the column for rows that already exist. On other databases it does nothing.
    """
    trigger = f"{table}_search_vector_trigger"
    index = f"{table}_search_vector_gin"
    column_list = ", ".join(columns)
    coalesced = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(
            f"CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'pg_catalog.swedish', "
            f"{column_list})"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")
        schema_editor.execute(
            # Table and column names come from migration code, never from users.
            f"UPDATE {table} SET search_vector = to_tsvector('pg_catalog.swedish', {coalesced})"  # noqa: S608
        )

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")

    return migrations.RunPython(forwards, backwards, elidable=False)
