"""Full-text search in Swedish.

On PostgreSQL each searchable table has a ``search_vector`` column kept current by a database
trigger with the ``swedish`` text search configuration (stemming and stop words), so bulk
inserts and admin edits are indexed too, and a GIN index makes the match fast. On SQLite (the
``make run`` path) the same query is answered by stemming the words with the Snowball Swedish
stemmer and matching each stem against the text columns.

Ranking costs a ``ts_rank`` per matching row, and a common word matches most rows (at 50,000
ideas a search for one took 140 ms, nearly all of it ranking). So a search ranks only the
``SEARCH_CANDIDATES`` newest matches, best first, and its count stops there: the page then says
"more than 1000". Finding those candidates walks an index newest first and stops after 1,001
matches (or, for a rare word, reads the few matches from the GIN index), so the cost no longer
grows with the number of matches.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import snowballstemmer
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, migrations
from django.db.models import BooleanField, F, Func, Model, Q, QuerySet
from django.utils.functional import Promise

from samskapa.core.pagination import NARROWED_COUNT_CAP, count_at_most

__all__ = ["SearchSource", "SearchVectorField", "search", "swedish_search_trigger"]

M = TypeVar("M", bound=Model)

SEARCH_CANDIDATES = NARROWED_COUNT_CAP


@dataclass(frozen=True)
class SearchSource:
    """One kind of object that the site search looks through (projects, needs, ...).

    Each domain app offers ``search_sources()`` in its ``workspace.py``. ``find(user=, query=)``
    returns only what ``user`` may see, best match first; ``template`` shows the hits, given as
    ``results``; ``key`` names the section (``project`` gives the heading id
    ``project-results``).
    """

    key: str
    heading: str | Promise
    empty_text: str | Promise
    template: str
    find: Callable[..., QuerySet[Any]]


_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("swedish")


def search_terms(query: str) -> list[str]:
    """Stems of the words in ``query``, lower-cased, at least two characters each."""
    words = [word.lower() for word in _WORD.findall(query or "")]
    return [stem for stem in _stemmer.stemWords(words) if len(stem) >= 2]


class _IsOneOf(Func):
    """``column = ANY(array)``: true if the left value is one of the array's elements."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = BooleanField()


def search(queryset: QuerySet[M], query: str, *, fields: Sequence[str]) -> QuerySet[M]:
    """Rows of ``queryset`` matching ``query``, best match first among the newest matches.

    Only the ``SEARCH_CANDIDATES`` newest matches (by primary key) and one more are ranked;
    the one more tells ``CappedPaginator`` that there are more, and its count stops at
    ``SEARCH_CANDIDATES``. ``fields`` are the text columns the trigger indexes; the SQLite
    fallback searches them.
    """
    query = (query or "").strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(query, config="swedish", search_type="websearch")
        # One more than the cap, so that the paginator can tell "exactly 1000" from "more".
        newest = (
            queryset.filter(search_vector=ts_query)
            .order_by("-pk")
            .values("pk")[: SEARCH_CANDIDATES + 1]
        )
        # ``pk = ANY(ARRAY(subquery))`` rather than ``pk IN (subquery)``: the array is computed
        # once and the rows are fetched by primary key. With IN, PostgreSQL estimated the
        # repeated visibility filters badly and hash-joined the candidates against a scan of
        # the whole table (35 ms instead of 4 at 50,000 ideas).
        ranked = (
            queryset.filter(_IsOneOf(F("pk"), ArraySubquery(newest)))
            # alias, not annotate: the paginator's count then skips ts_rank.
            .alias(search_rank=SearchRank(F("search_vector"), ts_query))
            .order_by("-search_rank", "pk")
        )
        return count_at_most(ranked, SEARCH_CANDIDATES)  # type: ignore[arg-type]
    condition = Q()
    for term in search_terms(query):
        any_field = Q()
        # SQLite folds the case of ASCII letters only, so "älv" must also be tried as "Älv".
        for variant in {term, term.capitalize(), term.upper()}:
            for field in fields:
                any_field |= Q(**{f"{field}__icontains": variant})
        condition &= any_field
    # No ranking here (small databases only), but the same count as on PostgreSQL.
    return count_at_most(queryset.filter(condition), SEARCH_CANDIDATES)


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
