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

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import snowballstemmer
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, migrations
from django.db.models import BooleanField, ExpressionWrapper, F, Func, Model, Q, QuerySet
from django.utils.functional import Promise

from samskapa.core.pagination import NARROWED_COUNT_CAP, count_at_most

__all__ = [
    "SearchSource",
    "SearchVectorField",
    "fold",
    "search",
    "spellings",
    "swedish_search_trigger",
    "text_matches",
]

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
    # The kind of object, shown on each hit ("Projekt", "Idé").
    label: str | Promise = ""


_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("swedish")


def search_terms(query: str) -> list[str]:
    """Stems of the words in ``query``, lower-cased, at least two characters each."""
    words = [word.lower() for word in _WORD.findall(query or "")]
    return [stem for stem in _stemmer.stemWords(words) if len(stem) >= 2]


# Letters a resident often types without their diacritics: "gavle" means Gävle, "malmo" Malmö.
_WITH_DIACRITICS = {"a": "aåä", "o": "oö", "e": "eé", "u": "uü"}
# Each word is tried in at most this many spellings (Härryda typed "harryda" needs 9).
MAX_SPELLINGS = 16
# Only the first words of a query are tried in other spellings and as a place: a long query
# (pasted text) would otherwise grow into a huge database query.
MAX_SPELLED_WORDS = 6
# A search without an index looks for at most this many words (a pasted text stops there).
MAX_QUERY_WORDS = 30
# Nordic letters that Unicode does not decompose into a base letter and a mark.
_NORDIC_FOLDS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ð": "d", "þ": "th"})


def fold(text: str) -> str:
    """``text`` lower-cased without diacritics: "Gävle" and "gavle" both give "gavle"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NORDIC_FOLDS).lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def spellings(word: str) -> list[str]:
    """``word`` as typed, then as it may have been meant with Swedish and Nordic diacritics.

    Only letters typed plain are varied ("gavle" gives "gävle", "gåvle" ...; the "ä" of "gävle"
    stays), the word as typed first, at most ``MAX_SPELLINGS`` in all.
    """
    word = word.lower()
    choices = [_WITH_DIACRITICS.get(char, char) for char in word]
    return [
        "".join(letters) for letters in itertools.islice(itertools.product(*choices), MAX_SPELLINGS)
    ]


def place_matches(queryset: QuerySet[M], query: str, place: str) -> Q:
    """Rows of ``queryset`` whose ``place`` (a foreign key to a model with a ``name``, such as a
    municipality) is named by ``query`` or one of its words, diacritics left out or not."""
    words = _WORD.findall(query)[:MAX_SPELLED_WORDS]
    # The query as typed too, for names with a hyphen (Malung-Sälen); no name is longer.
    names = {query.strip()[:40], " ".join(words), *words}
    spelled = {variant for name in names for variant in _phrase_spellings(name)}
    place_model = queryset.model._meta.get_field(place).related_model
    condition = Q()
    for name in spelled:
        condition |= Q(name__iexact=name)
    ids = place_model._default_manager.filter(condition).values("pk")  # type: ignore[union-attr]
    return Q(**{f"{place}_id__in": ids})


def _phrase_spellings(phrase: str) -> list[str]:
    """The spellings of a phrase of one or a few words ("upplands vasby")."""
    per_word = [spellings(word) for word in phrase.split()]
    return [
        " ".join(words) for words in itertools.islice(itertools.product(*per_word), MAX_SPELLINGS)
    ]


def _spelled_query(query: str) -> SearchQuery | None:
    """Every word of ``query`` in any of its spellings, each word required; None for a query of
    more than ``MAX_SPELLED_WORDS`` words, which is searched as typed."""
    words = _WORD.findall(query)
    if not words or len(words) > MAX_SPELLED_WORDS:
        return None
    combined: SearchQuery | None = None
    for word in words:
        first, *others = [
            SearchQuery(variant, config="swedish", search_type="plain")
            for variant in spellings(word)
        ]
        any_spelling = first
        for other in others:
            any_spelling = any_spelling | other
        combined = any_spelling if combined is None else combined & any_spelling
    return combined


def text_matches(query: str, fields: Sequence[str]) -> Q:
    """Every word of ``query``, stemmed and in any of its spellings, in one of ``fields``.

    The search without an index: SQLite, and small tables such as a portfolio's initiatives.
    """
    condition = Q()
    for index, word in enumerate(_WORD.findall(query)[:MAX_QUERY_WORDS]):
        any_field = Q()
        variants = spellings(word) if index < MAX_SPELLED_WORDS else [word]
        for term in {stem for variant in variants for stem in search_terms(variant)}:
            # SQLite folds the case of ASCII letters only, so "älv" must also be tried as "Älv".
            for variant in {term, term.capitalize(), term.upper()}:
                for field in fields:
                    any_field |= Q(**{f"{field}__icontains": variant})
        condition &= any_field
    return condition


class _IsOneOf(Func):
    """``column = ANY(array)``: true if the left value is one of the array's elements."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = BooleanField()


def search(
    queryset: QuerySet[M], query: str, *, fields: Sequence[str], place: str | None = None
) -> QuerySet[M]:
    """Rows of ``queryset`` matching ``query``, best match first among the newest matches.

    Only the ``SEARCH_CANDIDATES`` newest matches (by primary key) and one more are ranked;
    the one more tells ``CappedPaginator`` that there are more, and its count stops at
    ``SEARCH_CANDIDATES``. ``fields`` are the text columns the trigger indexes; the SQLite
    fallback searches them. A word typed without its diacritics finds them ("gavle": Gävle).
    ``place`` names a foreign key to a municipality: rows placed where ``query`` names come
    first, even when their text does not mention it ("Kiruna" finds Kiruna's projects).
    """
    query = (query or "").strip()
    if not query:
        return queryset
    in_place = place_matches(queryset, query, place) if place else None
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(query, config="swedish", search_type="websearch")
        spelled = _spelled_query(query)
        if spelled is not None:
            ts_query = ts_query | spelled
        matches = Q(search_vector=ts_query)
        if in_place is not None:
            matches |= in_place
        # One more than the cap, so that the paginator can tell "exactly 1000" from "more".
        newest = queryset.filter(matches).order_by("-pk").values("pk")[: SEARCH_CANDIDATES + 1]
        # ``pk = ANY(ARRAY(subquery))`` rather than ``pk IN (subquery)``: the array is computed
        # once and the rows are fetched by primary key. With IN, PostgreSQL estimated the
        # repeated visibility filters badly and hash-joined the candidates against a scan of
        # the whole table (35 ms instead of 4 at 50,000 ideas).
        candidates: QuerySet[Any] = queryset.filter(_IsOneOf(F("pk"), ArraySubquery(newest)))
        # alias, not annotate: the paginator's count then skips ts_rank.
        order = ["-search_rank", "pk"]
        if in_place is not None:
            candidates = candidates.alias(in_place=ExpressionWrapper(in_place, BooleanField()))
            order.insert(0, "-in_place")
        ranked = candidates.alias(search_rank=SearchRank(F("search_vector"), ts_query)).order_by(
            *order
        )
        return count_at_most(ranked, SEARCH_CANDIDATES)
    condition = text_matches(query, fields)
    if in_place is not None:
        condition |= in_place
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
