"""Stored best matches of each open need (``MatchList``, ``StoredMatch``), kept exact and fresh.

A need's list holds its best ``KEPT`` profiles among all published ones, by the exact score
of ``matching`` (then by profile number), or every profile that shares a key with it when
there are fewer (``complete``). Invariant: every published profile left out of an incomplete
list ranks below its last entry (``bar`` is that entry's score). The page of a need's matches
then reads the first twenty of the list that the reader may see (``stored_ranking``): the same
profiles, order and scores as scoring every profile.

What keeps it so:

- a need saved (its text, place, period or requirements): its list is dropped in the same
  transaction and recomputed after commit by the exact search (``need_list_refresh``);
- a profile saved, published, unpublished or deleted: after commit ``profile_lists_update``
  takes it out of every list holding it, scores it exactly against the needs it may enter
  (those sharing a competence or word key whose ``bar`` its upper bound reaches: the bound
  query of the needs for a profile), puts it in where it ranks above the last entry, drops
  the entry pushed beyond ``KEPT``, and recomputes a list left with fewer than ``SHOWN``;
- today's date: a need without a start date is matched for a period starting today, so its
  scores change with the date. Its list (``dated``) holds only on ``computed_on``: the page
  does not read it on a later day, a profile save leaves it alone, and the nightly task
  (``refresh_dated_match_lists``) recomputes it.

All changes of lists run one at a time (a PostgreSQL advisory lock held to the commit), so a
profile save and a need save that overlap cannot leave a list that misses one of them.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from samskapa.competences import matching
from samskapa.competences.models import (
    CompetenceNeed,
    MatchList,
    NeedKey,
    Profile,
    StoredMatch,
)

# Any number: the key of the PostgreSQL advisory lock that serialises changes of lists.
_LOCK = 0x5A4D_4C53


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])


def published_profiles() -> QuerySet[Profile]:
    """What the lists rank: every published profile (the page filters by what the reader sees)."""
    return Profile.objects.filter(is_published=True)


def is_dated(need: CompetenceNeed) -> bool:
    """Whether the need's scores depend on today's date (its period starts today)."""
    return need.start_date is None


def _has_keys(need: CompetenceNeed) -> bool:
    return NeedKey.objects.filter(need=need).exclude(item__startswith="~").exists()


def need_list_forget(*, need: CompetenceNeed) -> None:
    """Drop the need's list (its matches are searched until it is recomputed), in the
    transaction of the need's save, after any change of lists under way."""
    _lock()
    StoredMatch.objects.filter(need=need).delete()
    MatchList.objects.filter(need=need).delete()


@transaction.atomic
def need_list_refresh(*, need_id: int, today: datetime.date | None = None) -> int | None:
    """Recompute one need's list by the exact search; None when it has none (closed, gone, or
    asking for neither competences nor words: those are always searched). Returns its length."""
    _lock()
    return _refresh(need_id, today or timezone.localdate())


def _refresh(need_id: int, today: datetime.date) -> int | None:
    need = matching.need_queryset().filter(pk=need_id, is_open=True).first()
    StoredMatch.objects.filter(need_id=need_id).delete()
    if need is None or not _has_keys(need):
        MatchList.objects.filter(need_id=need_id).delete()
        return None
    context = matching.NeedContext.of(need)
    found = matching.search_profiles(
        context=context, profiles=published_profiles(), limit=matching.KEPT, today=today
    )
    StoredMatch.objects.bulk_create(
        [StoredMatch(need_id=need_id, profile_id=r.pk, score=r.score) for r in found]
    )
    complete = len(found) < matching.KEPT
    MatchList.objects.update_or_create(
        need_id=need_id,
        defaults={
            "computed_on": today,
            "dated": is_dated(need),
            "complete": complete,
            "bar": -1.0 if complete else found[-1].score,
        },
    )
    return len(found)


# The open needs with a current list that ``profile`` may enter: those sharing a competence or
# word key with it whose upper bound (as in ``matching.search_needs``) reaches the list's bar.
_ENTERABLE = """
SELECT h.need_id FROM (
    SELECT nk.need_id AS need_id, nk.item AS item, MAX(nk.weight) AS best
    FROM competences_needkey nk
    WHERE nk.key IN (SELECT pk.key FROM competences_profilekey pk WHERE pk.profile_id = %s)
        OR nk.key IN ({facts})
    GROUP BY nk.need_id, nk.item
) h
JOIN competences_competenceneed n ON n.id = h.need_id
JOIN competences_matchlist l ON l.need_id = h.need_id
WHERE n.is_open AND (NOT l.dated OR l.computed_on = %s)
GROUP BY h.need_id
HAVING SUM(CASE WHEN h.item LIKE '~%%' THEN 0 ELSE 1 END) > 0
    AND 100 * SUM(h.best) + MAX(n.match_headroom) >= MAX(l.bar) - %s
"""


def _enterable(profile: Profile, facts: matching.Facts, today: datetime.date) -> list[int]:
    keys = matching.fact_keys(facts)
    sql = _ENTERABLE.format(facts=", ".join(["%s"] * len(keys)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [profile.pk, *keys, today, matching.EPSILON])
        return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def profile_lists_update(
    *, profile_id: int, need_ids: Iterable[int] = (), today: datetime.date | None = None
) -> int:
    """Bring every current list up to date with one profile's present state (saved, published,
    unpublished or deleted); ``need_ids``: lists it was in before it was deleted. Returns how
    many lists were looked at."""
    _lock()
    today = today or timezone.localdate()
    affected = set(need_ids) | set(
        StoredMatch.objects.filter(profile_id=profile_id).values_list("need_id", flat=True)
    )
    profile = matching.profile_queryset().filter(pk=profile_id, is_published=True).first()
    scores: dict[int, float] = {}
    if profile is not None:
        facts = matching.Facts.of(profile)
        enterable = _enterable(profile, facts, today)
        hits = matching.key_hits(need_ids=enterable, profile_ids=[profile_id])
        for need in matching.need_queryset().filter(pk__in=enterable):
            context = matching.NeedContext.of(need)
            values = matching.part_values(
                context=context, hits=hits.get((need.pk, profile_id), {}), facts=facts, today=today
            )
            scores[need.pk] = matching.total_score(context, values)
        affected |= set(scores)
    lists = {
        ml.need_id: ml
        for ml in MatchList.objects.filter(need_id__in=affected)
        if not ml.dated or ml.computed_on == today
    }
    StoredMatch.objects.filter(profile_id=profile_id, need_id__in=list(lists)).delete()
    entries: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for need_id, pk, score in (
        StoredMatch.objects.filter(need_id__in=list(lists))
        .order_by("need_id", "-score", "profile_id")
        .values_list("need_id", "profile_id", "score")
    ):
        entries[need_id].append((score, pk))
    for need_id in sorted(lists):
        _settle(lists[need_id], entries[need_id], profile_id, scores.get(need_id), today)
    return len(lists)


def _settle(
    kept: MatchList,
    entries: list[tuple[float, int]],
    profile_id: int,
    score: float | None,
    today: datetime.date,
) -> None:
    """One list after the profile left it: put the profile back in where it ranks above the
    last entry (anywhere in a complete list), keep at most ``KEPT``, recompute if too short."""
    if score is not None and (
        kept.complete or (entries and (score, -profile_id) > (entries[-1][0], -entries[-1][1]))
    ):
        StoredMatch.objects.create(need_id=kept.need_id, profile_id=profile_id, score=score)
        entries.append((score, profile_id))
        entries.sort(key=lambda entry: (-entry[0], entry[1]))
        if len(entries) > matching.KEPT:
            _score, dropped = entries.pop()
            StoredMatch.objects.filter(need_id=kept.need_id, profile_id=dropped).delete()
            kept.complete = False
    if not kept.complete and len(entries) < matching.SHOWN:
        _refresh(kept.need_id, today)
        return
    MatchList.objects.filter(need_id=kept.need_id).update(
        bar=-1.0 if kept.complete else entries[-1][0],
        complete=kept.complete,
        updated_at=timezone.now(),
    )


def match_lists_refresh(*, dated_only: bool = False, missing_only: bool = False) -> int:
    """Recompute the lists of every open need (or only those whose scores depend on today's
    date, or only those without a list), one transaction each. Returns how many."""
    needs = CompetenceNeed.objects.filter(is_open=True)
    if dated_only:
        needs = needs.filter(start_date__isnull=True)
    if missing_only:
        needs = needs.filter(match_list__isnull=True)
    count = 0
    for need_id in needs.order_by("pk").values_list("pk", flat=True):
        count += need_list_refresh(need_id=need_id) is not None
    return count
