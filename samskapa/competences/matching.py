"""The match score and its explanation: how well a profile answers a need for competence.

The formula (shown to users on the page "How matching works" and in docs/matchmaking.md)::

    score = 100 × Σ weight(part) × value(part) / Σ weight(part)     over the parts that apply

    part          weight  value (0–1)                                          applies when
    competences   0.45    Σ w(r) × best similarity(r) / Σ w(r)                 competences required
    words         0.15    share of the need's words (stemmed Swedish) that     the need has words
                          occur in the profile's headline, offer and own words
    coverage      0.20    Σ w of required dimensions and sectors the profile   dimensions or sectors
                          covers / Σ w                                          required
    location      0.10    1 where the profile works in the municipality, its   the need has a place
                          region or anywhere in Sweden; 0.5 in the same
                          region; 0 elsewhere
    availability  0.10    share of the need's period the profile is            always
                          available × min(1, offered share / wanted share)

    w(r) = 2 for must-have, 1 for nice-to-have.

    similarity of a required competence r to what a profile has (the best of):
      1.0  the same concept
      0.8  an occupation that JobTech says can replace r to a high degree (75 %)
      0.6  the same SSYK unit group (four digits), or the group itself
      0.5  an occupation that can replace r to some degree (25 %)
      0.3  the same SSYK minor group (three digits): a related occupation

How it scales: each published profile keeps its keys (``ProfileKey``: concepts, SSYK groups and
minor groups, word stems) and a narrow ``ProfileFacts`` row (sector, whole country, share of
time, and its words, dimensions and places as tokens); each open need keeps its weighted keys
(``NeedKey``) and the most availability can add to a score (``match_headroom``). The services
write them in the transaction of each save, so a saved profile is matchable at once.

A need's matches are the profiles that share at least one competence or word key with it, and
the ones shown are the best of them by the whole score, exactly: the same profiles, in the same
order, with the same scores as scoring every one of them (``exhaustive_profiles``; tested on
generated data and sampled in the benchmark). The search (``search_profiles``) does not score
every one: it is an upper-bound search (Fagin's threshold algorithm; MaxScore in search
engines). On PostgreSQL one query reads the profiles holding a selective key of the need (a
competence key, or a word held by at most ``COMMON_WORD`` profiles) through the index
``(key, profile)``, sums the competence part exactly, and adds from the ``ProfileFacts`` row
the words, coverage and location exactly and availability at most (the share of time alone):
an upper bound of each score, nearly always the score itself. Candidates are then scored
exactly in Python (``part_values``, the function the explanation uses), highest bound first,
and the search stops at the first bound below the 20th best score (less ``EPSILON``, far below
a visible difference): every profile not scored is provably below every profile shown. A
profile holding only common words scores at most those words plus the most coverage, location
and availability can add; only when that could reach the 20th best are the common words read
as well. Usually about 40 profiles are scored of the thousands found; only the 20 shown are
explained, in a constant number of queries. Elsewhere (SQLite) the same bound is applied tier by
tier in Python: exact too, but slower at scale. A need that asks for neither competences nor
words has no keys: it is shown the best of the ``CANDIDATES`` newest profiles that cover one of
its dimensions or sectors.

The reverse direction (needs for a profile) is one query over ``NeedKey`` from the profile's
keys and its fact keys (coverage and location as keys of the need, items ``~…``): it gives
every open need's score but for availability, plus ``match_headroom``; then the best bounds are
scored exactly, as above.

The page of a need's matches reads, rather than searches: each open need keeps its ``KEPT``
best profiles with their exact scores (``StoredMatch``, ``MatchList``), recomputed by the
search when the need is saved and updated when a profile is saved, published, unpublished or
deleted, in Celery tasks after commit (``competences.match_lists``, which says how they stay
exact). ``ranked_profiles`` reads the list (``stored_ranking``) and scores the shown ones again
for their explanation; it searches when the need has no list yet, when the list is of an earlier
day and the score depends on the date (a need without a start date), when too few entries are
visible to the reader, or when a shown profile's score changed (its update still pending).
Measurements: docs/benchmarks.md, "Competence matchmaking".
"""

import datetime
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskapa.competences.models import (
    CompetenceNeed,
    Concept,
    Importance,
    MatchList,
    NeedKey,
    Profile,
    ProfileKey,
    Requirement,
    RequirementKind,
    StoredMatch,
    Substitutability,
)
from samskapa.core.models import HelixSector
from samskapa.geo.models import Municipality, Region
from samskapa.needs.clustering import stems

PART_WEIGHTS = {
    "competences": 0.45,
    "words": 0.15,
    "coverage": 0.20,
    "location": 0.10,
    "availability": 0.10,
}
PART_LABELS = {
    "competences": gettext_lazy("Competences"),
    "words": gettext_lazy("Words in common"),
    "coverage": gettext_lazy("Dimensions and sectors"),
    "location": gettext_lazy("Location"),
    "availability": gettext_lazy("Availability"),
}
IMPORTANCE_WEIGHTS = {Importance.MUST: 2, Importance.NICE: 1}

EXACT, HIGH_SUBSTITUTE, SAME_GROUP, SOME_SUBSTITUTE, RELATED = 1.0, 0.8, 0.6, 0.5, 0.3
HOW_LABELS = {
    EXACT: gettext_lazy("exactly"),
    HIGH_SUBSTITUTE: gettext_lazy("through an occupation that can replace it"),
    SAME_GROUP: gettext_lazy("through the same occupation group"),
    SOME_SUBSTITUTE: gettext_lazy("through an occupation that can partly replace it"),
    RELATED: gettext_lazy("through a related occupation"),
}
# Location values: the municipality, its region or the whole country; the same region; elsewhere.
IN_PLACE, NEARBY = 1.0, 0.5
# Without dates the need is taken to last this long from its start (or from today).
DEFAULT_PERIOD = datetime.timedelta(days=365)

CANDIDATES = 500
MAX_NEED_WORDS = 40
MAX_PROFILE_WORDS = 80


# --- Keys ----------------------------------------------------------------------------------


def concept_keys(concept: Concept) -> list[str]:
    """The keys a profile holding ``concept`` gets: the concept, its group and minor group."""
    keys = [f"c:{concept.jobtech_id}"]
    if concept.ssyk_code:
        keys += [f"g:{concept.ssyk_code}", f"m:{concept.ssyk_code[:3]}"]
    return keys


def profile_words(profile: Profile) -> list[str]:
    """The distinct word stems of what a profile wrote about itself."""
    text = " ".join([profile.title, profile.offers, profile.other_competences])
    return list(dict.fromkeys(stems(text)))[:MAX_PROFILE_WORDS]


def need_words(need: CompetenceNeed) -> list[str]:
    return list(dict.fromkeys(stems(f"{need.title} {need.description}")))[:MAX_NEED_WORDS]


def profile_keys(profile: Profile, concepts: Iterable[Concept]) -> set[str]:
    keys = {key for concept in concepts for key in concept_keys(concept)}
    return keys | {f"t:{word}" for word in profile_words(profile)}


def requirement_keys(concept: Concept, substitutes: Iterable[tuple[str, int]]) -> dict[str, float]:
    """Key -> similarity for one required competence (the best similarity for each key)."""
    keys: dict[str, float] = {f"c:{concept.jobtech_id}": EXACT}
    if concept.ssyk_code:
        keys[f"g:{concept.ssyk_code}"] = SAME_GROUP
        keys[f"m:{concept.ssyk_code[:3]}"] = RELATED
    for jobtech_id, percentage in substitutes:
        similarity = HIGH_SUBSTITUTE if percentage >= 75 else SOME_SUBSTITUTE
        key = f"c:{jobtech_id}"
        keys[key] = max(keys.get(key, 0.0), similarity)
    return keys


def applicable_parts(need: CompetenceNeed, requirements: Sequence[Requirement]) -> dict[str, float]:
    """The parts of the score that apply to ``need``, with their weights."""
    kinds = {requirement.kind for requirement in requirements}
    parts = {
        "competences": RequirementKind.COMPETENCE in kinds,
        "words": bool(need_words(need)),
        "coverage": bool(kinds & {RequirementKind.DIMENSION, RequirementKind.SECTOR}),
        "location": need.municipality_id is not None,
        "availability": True,
    }
    return {part: PART_WEIGHTS[part] for part, applies in parts.items() if applies}


def need_key_rows(need: CompetenceNeed, requirements: Sequence[Requirement]) -> list[NeedKey]:
    """The weighted keys of an open need: what each key of a profile earns it."""
    parts = applicable_parts(need, requirements)
    total = sum(parts.values())
    rows: list[NeedKey] = []
    competences = [r for r in requirements if r.kind == RequirementKind.COMPETENCE]
    if competences:
        weights = sum(IMPORTANCE_WEIGHTS[Importance(r.importance)] for r in competences)
        substitutes: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for occupation_id, jobtech_id, percentage in Substitutability.objects.filter(
            occupation_id__in=[r.concept_id for r in competences]
        ).values_list("occupation_id", "substitute__jobtech_id", "percentage"):
            substitutes[occupation_id].append((jobtech_id, percentage))
        for requirement in competences:
            assert requirement.concept is not None
            base = (
                parts["competences"]
                / total
                * IMPORTANCE_WEIGHTS[Importance(requirement.importance)]
                / weights
            )
            keys = requirement_keys(requirement.concept, substitutes[requirement.concept.pk])
            rows += [
                NeedKey(need=need, item=f"r{requirement.pk}", key=key, weight=base * similarity)
                for key, similarity in keys.items()
            ]
    words = need_words(need)
    if words:
        each = parts["words"] / total / len(words)
        rows += [NeedKey(need=need, item=f"t:{w}", key=f"t:{w}", weight=each) for w in words]
    return rows + _fact_rows(need, requirements, parts)


def _fact_rows(
    need: CompetenceNeed, requirements: Sequence[Requirement], parts: dict[str, float]
) -> list[NeedKey]:
    """Fact keys (items ``~…``): what coverage and location earn, for the bound of the needs
    for a profile (``search_needs``). They never make a match: only competence and word keys
    do, and the search for a need's profiles does not read them."""
    total, rows = sum(parts.values()), []
    if "coverage" in parts:
        wanted = sum(
            IMPORTANCE_WEIGHTS[Importance(r.importance)]
            for r in requirements
            if r.kind in (RequirementKind.DIMENSION, RequirementKind.SECTOR)
        )
        for requirement in requirements:
            weight = (
                parts["coverage"]
                / total
                * IMPORTANCE_WEIGHTS[Importance(requirement.importance)]
                / wanted
            )
            if requirement.kind == RequirementKind.DIMENSION:
                key = f"d:{requirement.dimension_id}"
                rows.append(NeedKey(need=need, item=f"~{key}", key=key, weight=weight))
            elif requirement.kind == RequirementKind.SECTOR:
                key = f"s:{requirement.sector}"
                rows.append(NeedKey(need=need, item="~s", key=key, weight=weight))
    place = need.municipality
    if "location" in parts and place is not None:
        weight = parts["location"] / total
        for key, level in [
            (f"k:{place.pk}", IN_PLACE),
            (f"r:{place.region_id}", IN_PLACE),
            ("l:*", IN_PLACE),
            (f"n:{place.region_id}", NEARBY),
        ]:
            rows.append(NeedKey(need=need, item="~l", key=key, weight=weight * level))
    return rows


def fact_keys(facts: "Facts") -> list[str]:
    """The fact keys a profile holds (see ``_fact_rows``)."""
    keys = [f"d:{pk}" for pk in sorted(facts.dimensions)] + [f"s:{facts.helix_sector}"]
    keys += [f"k:{pk}" for pk in sorted(facts.municipalities)]
    keys += [f"n:{pk}" for pk in sorted(facts.near_regions)]
    keys += [f"r:{pk}" for pk in sorted(facts.regions)]
    return keys + (["l:*"] if facts.whole_country else [])


# --- Key hits ------------------------------------------------------------------------------


def _better(hit: tuple[str, float] | None, key: str, weight: float) -> bool:
    """Whether ``key`` is a better hit than ``hit``: a higher weight, else the first key."""
    return hit is None or weight > hit[1] or (weight == hit[1] and key < hit[0])


def key_hits(
    *, need_ids: Sequence[int], profile_ids: Sequence[int]
) -> dict[tuple[int, int], dict[str, tuple[str, float]]]:
    """(need, profile) -> item -> (best key, its weight): what each pair has in common."""
    rows = (
        NeedKey.objects.filter(
            need_id__in=need_ids,
            key__in=ProfileKey.objects.filter(profile_id__in=profile_ids).values("key"),
        )
        .values_list("need_id", "item", "key", "weight")
        .order_by()
    )
    by_key: dict[str, list[tuple[int, str, float]]] = defaultdict(list)
    for need_id, item, key, weight in rows:
        by_key[key].append((need_id, item, weight))
    hits: dict[tuple[int, int], dict[str, tuple[str, float]]] = defaultdict(dict)
    profile_keys_rows = ProfileKey.objects.filter(
        profile_id__in=profile_ids, key__in=list(by_key)
    ).values_list("profile_id", "key")
    for profile_id, key in profile_keys_rows:
        for need_id, item, weight in by_key[key]:
            pair = hits[(need_id, profile_id)]
            if _better(pair.get(item), key, weight):
                pair[item] = (key, weight)
    return hits


# --- Explanation ----------------------------------------------------------------------------


@dataclass
class CompetenceMatch:
    """How a profile answers one required competence."""

    requirement: Requirement
    similarity: float
    how: str
    via: str

    @property
    def covered(self) -> bool:
        return self.similarity > 0


@dataclass
class Part:
    key: str
    label: str
    value: float
    weight: float

    @property
    def percent(self) -> int:
        return round(self.value * 100)


@dataclass
class Match:
    """One explained match of a need for competence and a profile."""

    need: CompetenceNeed
    profile: Profile
    score: float
    parts: list[Part]
    competences: list[CompetenceMatch] = field(default_factory=list)
    shared_words: list[str] = field(default_factory=list)
    covered_dimensions: list[str] = field(default_factory=list)
    missing_dimensions: list[str] = field(default_factory=list)
    sector_covered: bool | None = None
    missing_sectors: list[str] = field(default_factory=list)
    location: str = ""
    availability: str = ""

    @property
    def score_display(self) -> int:
        return round(self.score)

    @property
    def covered(self) -> list[CompetenceMatch]:
        return [match for match in self.competences if match.covered]

    @property
    def missing(self) -> list[CompetenceMatch]:
        return [match for match in self.competences if not match.covered]

    @property
    def missing_must(self) -> list[CompetenceMatch]:
        return [m for m in self.missing if m.requirement.importance == Importance.MUST]


def _period(need: CompetenceNeed, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    start = need.start_date or today
    end = need.end_date or (start + DEFAULT_PERIOD)
    return start, max(start, end)


@dataclass(frozen=True)
class Facts:
    """What the parts of the score outside the keys read of a profile: coverage, location and
    availability. Built from a profile with its relations prefetched (``of``), or for many
    profiles at once in four queries (``load_facts``); the score is the same either way."""

    pk: int
    helix_sector: str
    whole_country: bool
    available_from: datetime.date | None
    available_until: datetime.date | None
    share_of_time: int
    dimensions: frozenset[int]
    municipalities: frozenset[int]
    near_regions: frozenset[int]  # the regions of its municipalities
    regions: frozenset[int]

    @classmethod
    def of(cls, profile: Profile) -> "Facts":
        municipalities = list(profile.municipalities.all())
        return cls(
            pk=profile.pk,
            helix_sector=profile.helix_sector,
            whole_country=profile.whole_country,
            available_from=profile.available_from,
            available_until=profile.available_until,
            share_of_time=profile.share_of_time,
            dimensions=frozenset(d.pk for d in profile.dimensions.all()),
            municipalities=frozenset(m.pk for m in municipalities),
            near_regions=frozenset(m.region_id for m in municipalities),
            regions=frozenset(r.pk for r in profile.regions.all()),
        )


def load_facts(*, profiles: QuerySet[Profile], ids: Iterable[int]) -> dict[int, Facts]:
    """The facts of the profiles among ``profiles`` with these ids (others are left out)."""
    rows = list(
        profiles.filter(pk__in=list(ids))
        .order_by()
        .values_list(
            "pk",
            "helix_sector",
            "whole_country",
            "available_from",
            "available_until",
            "share_of_time",
        )
    )
    found = [row[0] for row in rows]
    dimensions: dict[int, set[int]] = defaultdict(set)
    for pk, dimension in Profile.dimensions.through.objects.filter(
        profile_id__in=found
    ).values_list("profile_id", "sustainabilitydimension_id"):
        dimensions[pk].add(dimension)
    municipalities: dict[int, set[int]] = defaultdict(set)
    near: dict[int, set[int]] = defaultdict(set)
    for pk, municipality, region in Profile.municipalities.through.objects.filter(
        profile_id__in=found
    ).values_list("profile_id", "municipality_id", "municipality__region_id"):
        municipalities[pk].add(municipality)
        near[pk].add(region)
    regions: dict[int, set[int]] = defaultdict(set)
    for pk, region in Profile.regions.through.objects.filter(profile_id__in=found).values_list(
        "profile_id", "region_id"
    ):
        regions[pk].add(region)
    return {
        pk: Facts(
            pk=pk,
            helix_sector=sector,
            whole_country=whole_country,
            available_from=free_from,
            available_until=free_until,
            share_of_time=share,
            dimensions=frozenset(dimensions[pk]),
            municipalities=frozenset(municipalities[pk]),
            near_regions=frozenset(near[pk]),
            regions=frozenset(regions[pk]),
        )
        for pk, sector, whole_country, free_from, free_until, share in rows
    }


def facts_text(words: Iterable[str], facts: Facts) -> str:
    """``ProfileFacts.tokens``: what the bound query of the search looks for."""
    tokens = [f"t:{word}" for word in words]
    tokens += [f"d:{pk}" for pk in sorted(facts.dimensions)]
    tokens += [f"k:{pk}" for pk in sorted(facts.municipalities)]
    tokens += [f"n:{pk}" for pk in sorted(facts.near_regions)]
    tokens += [f"r:{pk}" for pk in sorted(facts.regions)]
    return f" {' '.join(tokens)} "


def profile_facts_text(profile: Profile) -> str:
    return facts_text(profile_words(profile), Facts.of(profile))


def availability_share(need: CompetenceNeed, facts: Facts, today: datetime.date) -> float:
    """The share of the need's period the profile is available, × min(1, offered / wanted)."""
    start, end = _period(need, today)
    free_from = facts.available_from or datetime.date.min
    free_until = facts.available_until or datetime.date.max
    overlap = (min(end, free_until) - max(start, free_from)).days + 1
    days = (end - start).days + 1
    share = max(0, overlap) / days
    if need.share_of_time:
        share *= min(1.0, facts.share_of_time / need.share_of_time)
    return share


def availability_value(
    need: CompetenceNeed, profile: Profile, today: datetime.date, facts: Facts | None = None
) -> tuple[float, str]:
    facts = facts or Facts.of(profile)
    share = availability_share(need, facts, today)
    start, end = _period(need, today)
    free_from = facts.available_from or datetime.date.min
    free_until = facts.available_until or datetime.date.max
    if min(end, free_until) < max(start, free_from):
        text = _("Not available in the need's period.")
    elif share >= 0.999:
        text = _("Available for the whole period, %(share)s %% of full time.") % {
            "share": profile.share_of_time
        }
    else:
        text = _("Available for part of it: %(percent)s %% (%(share)s %% of full time).") % {
            "percent": round(share * 100),
            "share": profile.share_of_time,
        }
    return share, text


def location_level(need: CompetenceNeed, facts: Facts) -> float:
    """1 in the need's municipality, its region or anywhere; 0.5 in the same region; else 0."""
    place = need.municipality
    if place is None:
        return 0.0
    if facts.whole_country or place.pk in facts.municipalities or place.region_id in facts.regions:
        return IN_PLACE
    if place.region_id in facts.near_regions:
        return NEARBY
    return 0.0


def location_value(
    need: CompetenceNeed, profile: Profile, facts: Facts | None = None
) -> tuple[float, str]:
    place = need.municipality
    if place is None:
        return 0.0, ""
    facts = facts or Facts.of(profile)
    value = location_level(need, facts)
    municipalities = list(profile.municipalities.all())
    if profile.whole_country:
        return value, _("Can work anywhere in Sweden.")
    if place.pk in facts.municipalities:
        return value, _("Works in %(place)s.") % {"place": place.name}
    if place.region_id in facts.regions:
        return value, _("Works in the whole region %(region)s.") % {"region": place.region.name}
    if value == NEARBY:
        return value, _("Works nearby, in the same region (%(places)s).") % {
            "places": ", ".join(m.name for m in municipalities if m.region_id == place.region_id)
        }
    places = [r.name for r in profile.regions.all()] + [m.name for m in municipalities]
    elsewhere = ", ".join(places[:4]) or _("no places given")
    return value, _("Works elsewhere: %(places)s.") % {"places": elsewhere}


def _describe(key: str, profile: Profile) -> str:
    """The profile's own competence that earned ``key``: the concept, or one in the group."""
    kind, _sep, value = key.partition(":")
    for concept in profile.competences.all():
        if (kind == "c" and concept.jobtech_id == value) or (
            kind in ("g", "m") and concept.ssyk_code.startswith(value)
        ):
            return str(concept)
    return value


BROAD_PARTS = ("coverage", "location", "availability")


@dataclass
class NeedContext:
    """What the score of every pair with one need shares, computed once."""

    need: CompetenceNeed
    requirements: list[Requirement]
    parts: dict[str, float]
    total: float
    words: list[str]

    @classmethod
    def of(cls, need: CompetenceNeed) -> "NeedContext":
        requirements = list(need.requirements.all())
        parts = applicable_parts(need, requirements)
        return cls(need, requirements, parts, sum(parts.values()), need_words(need))

    @property
    def competences(self) -> list[Requirement]:
        return [r for r in self.requirements if r.kind == RequirementKind.COMPETENCE]

    @property
    def headroom(self) -> float:
        """The most coverage, location and availability can add to a score (points)."""
        return headroom(self.parts)


def headroom(parts: dict[str, float], broad: Sequence[str] = BROAD_PARTS) -> float:
    """The most the parts in ``broad`` can add to a score (points)."""
    total = sum(parts.values())
    return 100 * sum(weight for part, weight in parts.items() if part in broad) / total


def availability_headroom(parts: dict[str, float]) -> float:
    """``CompetenceNeed.match_headroom``: the most availability can add to a score (points),
    the one part the fact keys of a need leave out."""
    return headroom(parts, ("availability",))


def _similarity(
    context: NeedContext, requirement: Requirement, hits: dict[str, tuple[str, float]]
) -> tuple[str, float]:
    """The key through which the profile covers ``requirement`` best, and its similarity."""
    competences = context.competences
    weights = sum(IMPORTANCE_WEIGHTS[Importance(r.importance)] for r in competences)
    w = IMPORTANCE_WEIGHTS[Importance(requirement.importance)]
    base = context.parts["competences"] / context.total * w / weights
    key, weight = hits.get(f"r{requirement.pk}", ("", 0.0))
    return key, (min(EXACT, round(weight / base, 2)) if key else 0.0)


def part_values(
    *,
    context: NeedContext,
    hits: dict[str, tuple[str, float]],
    facts: Facts,
    today: datetime.date,
) -> dict[str, float]:
    """The value (0–1) of each part of the score that applies to the need."""
    parts, values = context.parts, {}
    competences = context.competences
    if competences:
        weights = sum(IMPORTANCE_WEIGHTS[Importance(r.importance)] for r in competences)
        value = 0.0
        for requirement in competences:
            value += (
                IMPORTANCE_WEIGHTS[Importance(requirement.importance)]
                * _similarity(context, requirement, hits)[1]
            )
        values["competences"] = value / weights
    if "words" in parts:
        shared = [w for w in context.words if f"t:{w}" in hits]
        values["words"] = len(shared) / len(context.words)
    if "coverage" in parts:
        got = wanted = 0
        for requirement in context.requirements:
            w = IMPORTANCE_WEIGHTS[Importance(requirement.importance)]
            if requirement.kind == RequirementKind.DIMENSION:
                wanted += w
                got += w if requirement.dimension_id in facts.dimensions else 0
            elif requirement.kind == RequirementKind.SECTOR:
                wanted += w
                got += w if requirement.sector == facts.helix_sector else 0
        values["coverage"] = got / wanted
    if "location" in parts:
        values["location"] = location_level(context.need, facts)
    values["availability"] = availability_share(context.need, facts, today)
    return values


def total_score(context: NeedContext, values: dict[str, float]) -> float:
    """The score: 100 × Σ weight × value / Σ weight over the parts that apply."""
    return 100 * sum(
        values[part] * (weight / context.total) for part, weight in context.parts.items()
    )


def explain(
    *,
    context: NeedContext,
    profile: Profile,
    hits: dict[str, tuple[str, float]],
    today: datetime.date,
    describe: bool = True,
    facts: Facts | None = None,
) -> Match:
    """The full score of one pair, with what it covers and what it lacks.

    ``hits`` are the keys the pair shares (``key_hits``). Needs come with ``requirements``
    prefetched, profiles with competences, dimensions, municipalities and regions; ``describe``
    names the profile's competence behind each covered requirement. The score is
    ``total_score`` of ``part_values``: the same numbers the search for the best matches ranks.
    """
    need, requirements = context.need, context.requirements
    facts = facts or Facts.of(profile)
    values = part_values(context=context, hits=hits, facts=facts, today=today)
    match = Match(need=need, profile=profile, score=0.0, parts=[])
    for requirement in context.competences:
        key, similarity = _similarity(context, requirement, hits)
        match.competences.append(
            CompetenceMatch(
                requirement=requirement,
                similarity=similarity,
                how=str(HOW_LABELS.get(similarity, "")),
                via=_describe(key, profile) if key and describe else "",
            )
        )
    if "words" in context.parts:
        match.shared_words = [w for w in context.words if f"t:{w}" in hits]
    if "coverage" in context.parts:
        for requirement in requirements:
            if requirement.kind == RequirementKind.DIMENSION:
                name = str(requirement.dimension)
                if requirement.dimension_id in facts.dimensions:
                    match.covered_dimensions.append(name)
                else:
                    match.missing_dimensions.append(name)
            elif requirement.kind == RequirementKind.SECTOR:
                if requirement.sector == facts.helix_sector:
                    match.sector_covered = True
                else:
                    match.missing_sectors.append(str(HelixSector(requirement.sector).label))
        if match.missing_sectors and match.sector_covered is None:
            match.sector_covered = False
    if "location" in context.parts:
        _value, match.location = location_value(need, profile, facts)
    _value, match.availability = availability_value(need, profile, today, facts)
    match.parts = [
        Part(
            key=part,
            label=str(PART_LABELS[part]),
            value=values[part],
            weight=weight / context.total,
        )
        for part, weight in context.parts.items()
    ]
    match.score = total_score(context, values)
    return match


# --- The search for the best matches ------------------------------------------------------

# Scores within this many points of each other count as a float rounding apart, never more:
# a profile is only left out when even its upper bound is this much below the last one shown.
EPSILON = 1e-6
# Candidates are scored this many at a time, those with the highest upper bound first.
BATCH = 250
# Keys are read in tiers, the most selective first: concepts and SSYK unit groups (the
# occupation itself, its substitutes, its group: about a hundred to a thousand profiles each),
# then minor groups (a few thousand), then word stems (common ones: a quarter of all profiles).
TIERS = (("c:", "g:"), ("m:",), ("t:",))


@dataclass
class Scored:
    """A profile or a need whose exact score the search computed, with what it was built of."""

    pk: int
    score: float
    hits: dict[str, tuple[str, float]]
    facts: Facts | None = None


@dataclass
class SearchStats:
    """How much the last search read: for the tests and the benchmark."""

    tiers: int = 0
    gathered: int = 0
    scored: int = 0
    batches: int = 0
    stored: bool = False  # read from the need's stored list


class _Best:
    """The ``limit`` best scores so far (score, then lower pk first) and the threshold: the
    score a candidate must reach to enter them, -inf until ``limit`` are known."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.heap: list[tuple[float, int]] = []  # (score, -pk): the worst kept on top

    def add(self, score: float, pk: int) -> None:
        entry = (score, -pk)
        if len(self.heap) < self.limit:
            heapq.heappush(self.heap, entry)
        elif entry > self.heap[0]:
            heapq.heapreplace(self.heap, entry)

    @property
    def threshold(self) -> float:
        return self.heap[0][0] if len(self.heap) >= self.limit else -math.inf


def _tier_of(key: str) -> int:
    for i, prefixes in enumerate(TIERS):
        if key.startswith(prefixes):
            return i
    return len(TIERS) - 1


last_search = SearchStats()


def search_profiles(
    *,
    context: NeedContext,
    profiles: QuerySet[Profile],
    limit: int,
    today: datetime.date,
    bound_query: bool | None = None,
) -> list[Scored]:
    """The ``limit`` best profiles among ``profiles`` that share a key with the need, by exact
    score (then by profile number), best first; the same as scoring every such profile.

    Upper-bound pruning (the threshold algorithm of Fagin et al., in the form search engines
    call MaxScore). On PostgreSQL one query finds and bounds the candidates
    (``_search_with_bounds``). Elsewhere, or with ``bound_query=False``, the keys are read
    tier by tier, most selective first. A profile found by a
    key gets the upper bound of what it may still earn: for each item (requirement or word)
    the best of what it is known to hold and the heaviest key of the item in a tier not yet
    read, plus the most the parts outside the keys can add (``NeedContext.headroom``).
    Candidates are scored exactly, highest bound first, in batches of ``BATCH``; the search
    stops when no bound left reaches the score of the ``limit``-th best. Profiles not found
    by the tiers read so far can earn at most the heaviest key of each item in the tiers not
    yet read plus the headroom; when that is below the ``limit``-th best score, the later
    tiers (the common keys) are never read. Every profile left out is thus provably below
    every profile shown, by at least ``EPSILON``.
    """
    global last_search
    stats = last_search = SearchStats()
    by_key: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for item, key, weight in (
        NeedKey.objects.filter(need=context.need)
        .exclude(item__startswith="~")
        .values_list("item", "key", "weight")
    ):
        by_key[key].append((item, weight))
    tiers: list[list[str]] = [[] for _tier in TIERS]
    for key in by_key:
        tiers[_tier_of(key)].append(key)
    # rest[i][item]: the weight of the heaviest key of the item in tier i or later.
    rest: list[dict[str, float]] = [{} for _tier in range(len(TIERS) + 1)]
    for i in reversed(range(len(TIERS))):
        rest[i] = dict(rest[i + 1])
        for key in tiers[i]:
            for item, weight in by_key[key]:
                rest[i][item] = max(rest[i].get(item, 0.0), weight)
    if bound_query is None:
        bound_query = connection.vendor == "postgresql"
    if bound_query:
        return _search_with_bounds(context, by_key, profiles, limit, today, stats)
    best = _Best(limit)
    known: dict[int, dict[str, float]] = defaultdict(dict)
    scored: dict[int, Scored | None] = {}
    for i, keys in enumerate(tiers):
        outside = 100 * sum(rest[i].values()) + context.headroom
        if outside < best.threshold - EPSILON:
            break
        if not keys:
            continue
        stats.tiers += 1
        for pk, key in (
            ProfileKey.objects.filter(key__in=keys).order_by().values_list("profile_id", "key")
        ):
            held = known[pk]
            for item, weight in by_key[key]:
                if weight > held.get(item, 0.0):
                    held[item] = weight
        later = rest[i + 1]
        rest_sum = sum(later.values())
        bounds = sorted(
            (
                100
                * (rest_sum + sum(max(0.0, w - later.get(item, 0.0)) for item, w in held.items()))
                + context.headroom,
                pk,
            )
            for pk, held in known.items()
            if pk not in scored
        )
        stats.gathered = len(known)
        while bounds and bounds[-1][0] >= best.threshold - EPSILON:
            batch: list[int] = []
            while bounds and len(batch) < BATCH and bounds[-1][0] >= best.threshold - EPSILON:
                batch.append(bounds.pop()[1])
            for result in _score_profiles(context, by_key, batch, profiles, today):
                scored[result.pk] = result
                best.add(result.score, result.pk)
            for pk in batch:
                scored.setdefault(pk, None)  # not among ``profiles``: never shown
            stats.batches += 1
    results = [result for result in scored.values() if result is not None]
    stats.scored = len(results)
    results.sort(key=lambda result: (-result.score, result.pk))
    return results[:limit]


# A word stem held by more profiles than this is common: its profiles are not read one by one
# unless the bound says that those holding nothing but common words could still be shown.
COMMON_WORD = 1000
# How many bounded candidates the bound query returns at a time, highest bound first.
BOUND_PAGE = 400

_WORD_FREQUENCIES = """
SELECT k, (SELECT count(*) FROM (
    SELECT 1 FROM competences_profilekey WHERE key = k LIMIT %s
) held) FROM unnest(%s::text[]) AS k
"""

_BOUNDS = """
WITH hits AS (
    SELECT pk.profile_id AS profile_id, nk.item AS item, MAX(nk.weight) AS best
    FROM competences_needkey nk
    JOIN competences_profilekey pk ON pk.key = nk.key
    WHERE nk.need_id = %s AND nk.key = ANY(%s)
    GROUP BY pk.profile_id, nk.item
), found AS (
    SELECT profile_id, SUM(CASE WHEN item LIKE 'r%%' THEN best ELSE 0::float8 END) AS competences
    FROM hits GROUP BY profile_id
)
SELECT f.profile_id, 100 * (f.competences + CASE
    WHEN p.profile_id IS NULL THEN %s::float8  -- no facts row (not saved since): at most
    ELSE 0::float8 {terms} END) AS bound
FROM found f LEFT JOIN competences_profilefacts p ON p.profile_id = f.profile_id
ORDER BY bound DESC, f.profile_id
LIMIT %s OFFSET %s
"""


def _bound_terms(context: NeedContext) -> tuple[str, list[Any]]:
    """SQL terms that add the words, coverage, location and availability of a profile row to
    its competence part: the words, coverage and location exactly, availability as the share
    of time alone (the overlap of the periods is at most 1), so the sum is an upper bound."""
    need, parts, total = context.need, context.parts, context.total
    terms: list[str] = []
    params: list[Any] = []
    if "words" in parts:
        each = parts["words"] / total / len(context.words)
        for word in context.words:
            terms.append("CASE WHEN strpos(p.tokens, %s) > 0 THEN %s::float8 ELSE 0::float8 END")
            params += [f" t:{word} ", each]
    if "coverage" in parts:
        wanted = sum(
            IMPORTANCE_WEIGHTS[Importance(r.importance)]
            for r in context.requirements
            if r.kind in (RequirementKind.DIMENSION, RequirementKind.SECTOR)
        )
        for requirement in context.requirements:
            weight = (
                parts["coverage"]
                / total
                * IMPORTANCE_WEIGHTS[Importance(requirement.importance)]
                / wanted
            )
            if requirement.kind == RequirementKind.DIMENSION:
                terms.append(
                    "CASE WHEN strpos(p.tokens, %s) > 0 THEN %s::float8 ELSE 0::float8 END"
                )
                params += [f" d:{requirement.dimension_id} ", weight]
            elif requirement.kind == RequirementKind.SECTOR:
                terms.append("CASE WHEN p.helix_sector = %s THEN %s::float8 ELSE 0::float8 END")
                params += [requirement.sector, weight]
    place = need.municipality
    if "location" in parts and place is not None:
        weight = parts["location"] / total
        terms.append(
            "CASE WHEN p.whole_country OR strpos(p.tokens, %s) > 0"
            " OR strpos(p.tokens, %s) > 0 THEN %s"
            " WHEN strpos(p.tokens, %s) > 0 THEN %s::float8 ELSE 0::float8 END"
        )
        params += [
            f" k:{place.pk} ",
            f" r:{place.region_id} ",
            weight * IN_PLACE,
            f" n:{place.region_id} ",
            weight * NEARBY,
        ]
    weight = parts["availability"] / total
    if need.share_of_time:
        terms.append("%s::float8 * LEAST(1::float8, p.share_of_time::float8 / %s)")
        params += [weight, need.share_of_time]
    else:
        terms.append("%s::float8")
        params.append(weight)
    return "".join(f" + {term}" for term in terms), params


def _search_with_bounds(
    context: NeedContext,
    by_key: dict[str, list[tuple[str, float]]],
    profiles: QuerySet[Profile],
    limit: int,
    today: datetime.date,
    stats: SearchStats,
) -> list[Scored]:
    """``search_profiles`` on PostgreSQL: one query finds the candidates through their
    selective keys and bounds each one's score from its row; only the best bounds are scored.

    The selective keys are the competence keys (concepts, groups, minor groups) and the words
    held by at most ``COMMON_WORD`` profiles. For each profile holding one, the query sums
    the competence part exactly from the keys and adds the words, coverage and location
    exactly and availability at most, from the profile's ``ProfileFacts`` row: an
    upper bound of its score that is nearly always the score. Candidates are scored exactly
    (``part_values``) in the order of their bounds until a bound is below the ``limit``-th
    best score. A profile holding only common words scores at most those words plus the
    headroom; only when that could reach the ``limit``-th best are the common words read too.
    """
    words = [key for key in by_key if key.startswith("t:")]
    common: list[str] = []
    with connection.cursor() as cursor:
        if words:
            cursor.execute(_WORD_FREQUENCIES, [COMMON_WORD + 1, words])
            common = [key for key, held in cursor.fetchall() if held > COMMON_WORD]
    terms, params = _bound_terms(context)
    # What words, coverage, location and availability can add at most, for a profile whose
    # facts row is missing (saved before the rows existed): it is still found, and scored.
    unknown = sum(w for part, w in context.parts.items() if part != "competences") / context.total
    sql = _BOUNDS.format(terms=terms)
    common_points = 100 * sum(max(w for _i, w in by_key[key]) for key in common)
    best = _Best(limit)
    scored: dict[int, Scored] = {}
    seen: set[int] = set()

    def score(batch: list[int]) -> None:
        if batch:
            stats.batches += 1
            for result in _score_profiles(context, by_key, batch, profiles, today):
                scored[result.pk] = result
                best.add(result.score, result.pk)

    gather = [key for key in by_key if key not in common]
    page = max(BOUND_PAGE, 4 * limit)
    while True:
        stats.tiers += 1
        offset = 0
        while True:
            with connection.cursor() as cursor:
                cursor.execute(sql, [context.need.pk, gather, unknown, *params, page, offset])
                rows = cursor.fetchall()
            stats.gathered += len(rows)
            batch: list[int] = []
            below = False
            for pk, bound in rows:
                if bound < best.threshold - EPSILON:
                    below = True  # and so are all after it
                    break
                if pk not in seen:
                    seen.add(pk)
                    batch.append(pk)
                if len(batch) >= (BATCH if stats.batches else max(limit + 20, 40)):
                    score(batch)
                    batch = []
            score(batch)
            if below or len(rows) < page:
                break
            offset += page
        outside = common_points + context.headroom
        if not common or len(gather) == len(by_key) or outside < best.threshold - EPSILON:
            break
        # Profiles holding common words only could still be shown if they hold enough of them:
        # k of the m common words (each word weighs the same). Such a profile holds at least
        # one of any m - k + 1 of them, so reading those finds every one.
        each = common_points / len(common)
        read = len(common)
        if best.threshold > -math.inf:
            needed = math.ceil((best.threshold - EPSILON - context.headroom) / each - 1e-9)
            read = len(common) - max(1, needed) + 1
        gather = [key for key in by_key if key not in common] + common[:read]
        common = common[read:]
        common_points = each * len(common)
    results = sorted(scored.values(), key=lambda result: (-result.score, result.pk))
    stats.scored = len(results)
    return results[:limit]


def exhaustive_profiles(
    *,
    context: NeedContext,
    profiles: QuerySet[Profile],
    limit: int,
    today: datetime.date,
) -> list[Scored]:
    """What ``search_profiles`` must return, the slow way: every profile among ``profiles``
    that shares a key with the need, scored exactly. For the tests and the benchmark."""
    by_key: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for item, key, weight in (
        NeedKey.objects.filter(need=context.need)
        .exclude(item__startswith="~")
        .values_list("item", "key", "weight")
    ):
        by_key[key].append((item, weight))
    ids = sorted(
        set(ProfileKey.objects.filter(key__in=list(by_key)).values_list("profile_id", flat=True))
    )
    results: list[Scored] = []
    for start in range(0, len(ids), 2000):
        results += _score_profiles(context, by_key, ids[start : start + 2000], profiles, today)
    results.sort(key=lambda result: (-result.score, result.pk))
    return results[:limit]


def _score_profiles(
    context: NeedContext,
    by_key: dict[str, list[tuple[str, float]]],
    ids: list[int],
    profiles: QuerySet[Profile],
    today: datetime.date,
) -> list[Scored]:
    """Exact scores of the profiles among ``profiles`` with these ids: five queries."""
    facts = load_facts(profiles=profiles, ids=ids)
    hits: dict[int, dict[str, tuple[str, float]]] = defaultdict(dict)
    for pk, key in (
        ProfileKey.objects.filter(profile_id__in=list(facts), key__in=list(by_key))
        .order_by()
        .values_list("profile_id", "key")
    ):
        pair = hits[pk]
        for item, weight in by_key[key]:
            if _better(pair.get(item), key, weight):
                pair[item] = (key, weight)
    return [
        Scored(
            pk=pk,
            score=total_score(
                context,
                part_values(context=context, hits=hits[pk], facts=one, today=today),
            ),
            hits=hits[pk],
            facts=one,
        )
        for pk, one in facts.items()
    ]


# --- Stored lists (``competences.match_lists``) --------------------------------------------

# A need's stored list keeps this many best profiles, so that profiles leaving it seldom make it
# recompute; it is recomputed when fewer than ``SHOWN`` are left (the page shows twenty).
KEPT = 50
SHOWN = 20


def stored_ranking(
    *, context: NeedContext, profiles: QuerySet[Profile], limit: int, today: datetime.date
) -> list[Scored] | None:
    """The ``limit`` best profiles among ``profiles`` read from the need's list, scored exactly
    again for their explanation; None when the list cannot say (none, of another day, too few
    the reader may see, or a shown profile changed since: the search is used then)."""
    if limit > KEPT:
        return None
    kept = MatchList.objects.filter(need=context.need).first()
    if kept is None or (kept.dated and kept.computed_on != today):
        return None
    stored = list(
        StoredMatch.objects.filter(need=context.need, profile__in=profiles)
        .order_by("-score", "profile_id")
        .values_list("profile_id", "score")[:limit]
    )
    if len(stored) < limit and not kept.complete:
        return None
    by_key: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for item, key, weight in (
        NeedKey.objects.filter(need=context.need)
        .exclude(item__startswith="~")
        .values_list("item", "key", "weight")
    ):
        by_key[key].append((item, weight))
    scored = {
        r.pk: r
        for r in _score_profiles(context, by_key, [pk for pk, _s in stored], profiles, today)
    }
    if any(pk not in scored or scored[pk].score != score for pk, score in stored):
        return None  # an update of the list is still pending
    return [scored[pk] for pk, _score in stored]


# --- Both directions ------------------------------------------------------------------------


def profile_queryset() -> QuerySet[Profile]:
    return Profile.objects.select_related("user", "organisation").prefetch_related(
        "competences",
        "dimensions",
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
        Prefetch("regions", queryset=Region.objects.order_by("name")),
    )


def need_queryset() -> QuerySet[CompetenceNeed]:
    return CompetenceNeed.objects.select_related(
        "municipality__region", "project", "challenge", "initiative", "need"
    ).prefetch_related(
        Prefetch(
            "requirements",
            queryset=Requirement.objects.select_related("concept", "dimension").order_by(
                "kind", "importance", "pk"
            ),
        )
    )


_NEEDS_FOR_PROFILE = """
SELECT h.need_id, 100 * SUM(h.best) + MAX(n.match_headroom) AS bound FROM (
    SELECT nk.need_id AS need_id, nk.item AS item, MAX(nk.weight) AS best
    FROM competences_needkey nk
    WHERE nk.key IN (SELECT pk.key FROM competences_profilekey pk WHERE pk.profile_id = %s)
        OR nk.key IN ({facts})
    GROUP BY nk.need_id, nk.item
) h
JOIN competences_competenceneed n ON n.id = h.need_id
WHERE n.is_open
GROUP BY h.need_id
HAVING SUM(CASE WHEN h.item LIKE '~%%' THEN 0 ELSE 1 END) > 0
"""


def search_needs(
    *,
    profile: Profile,
    needs: QuerySet[CompetenceNeed],
    limit: int,
    today: datetime.date,
) -> list[tuple[Match, dict[str, tuple[str, float]]]]:
    """The ``limit`` best open needs among ``needs`` that share a key with ``profile``, by exact
    score (then by need number), best first, not yet described, with their key hits.

    One query sums, for every open need sharing a competence or word key, what the profile's
    keys earn (the exact competence and word parts) and what its fact keys earn (coverage and
    location, exactly: ``fact_keys``), and adds the need's ``match_headroom``, the most its
    availability can add: an upper bound that is the score but for availability. Needs are
    then scored exactly, highest bound first, in batches of ``BATCH``, until no bound left
    reaches the ``limit``-th best.
    """
    global last_search
    stats = last_search = SearchStats(tiers=1)
    facts = Facts.of(profile)
    keys = fact_keys(facts)
    sql = _NEEDS_FOR_PROFILE.format(facts=", ".join(["%s"] * len(keys)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [profile.pk, *keys])
        bounds = sorted((float(bound), pk) for pk, bound in cursor.fetchall())
    stats.gathered = len(bounds)
    best = _Best(limit)
    found: list[tuple[Match, dict[str, tuple[str, float]]]] = []
    while bounds and bounds[-1][0] >= best.threshold - EPSILON:
        batch: list[int] = []
        size = BATCH if stats.batches else max(limit + 20, 40)  # the bounds are tight
        while bounds and len(batch) < size and bounds[-1][0] >= best.threshold - EPSILON:
            batch.append(bounds.pop()[1])
        stats.batches += 1
        hits = key_hits(need_ids=batch, profile_ids=[profile.pk])
        for need in (
            need_queryset().filter(pk__in=batch, is_open=True).filter(pk__in=needs.values("pk"))
        ):
            pair = hits.get((need.pk, profile.pk), {})
            match = explain(
                context=NeedContext.of(need),
                profile=profile,
                hits=pair,
                today=today,
                describe=False,
                facts=facts,
            )
            found.append((match, pair))
            best.add(match.score, need.pk)
    stats.scored = len(found)
    found.sort(key=lambda pair: (-pair[0].score, pair[0].need.pk))
    return found[:limit]


def _without_keys_candidates(need: CompetenceNeed, profiles: QuerySet[Profile]) -> list[int]:
    """Candidates of a need that asks for no competence and has no words: those covering a
    required dimension or sector, or else the newest profiles."""
    requirements = list(need.requirements.all())
    dimensions = [r.dimension_id for r in requirements if r.dimension_id]
    sectors = [r.sector for r in requirements if r.sector]
    if dimensions or sectors:
        profiles = profiles.filter(Q(dimensions__in=dimensions) | Q(helix_sector__in=sectors))
    return list(profiles.order_by("-pk").values_list("pk", flat=True).distinct()[:CANDIDATES])


def _rank(
    pairs: list[tuple[CompetenceNeed, Profile]], today: datetime.date, limit: int
) -> list[Match]:
    """Explain every pair, best first; the key hits are read in two queries for all of them."""
    if not pairs:
        return []
    hits = key_hits(
        need_ids=list({n.pk for n, _p in pairs}), profile_ids=list({p.pk for _n, p in pairs})
    )
    contexts = {need.pk: NeedContext.of(need) for need, _profile in pairs}
    ranked = sorted(
        (
            explain(
                context=contexts[need.pk],
                profile=profile,
                hits=hits.get((need.pk, profile.pk), {}),
                today=today,
                describe=False,
            )
            for need, profile in pairs
        ),
        key=lambda match: (-match.score, match.profile.pk, match.need.pk),
    )[:limit]
    # Only what is shown is described.
    return [
        explain(
            context=contexts[m.need.pk],
            profile=m.profile,
            hits=hits.get((m.need.pk, m.profile.pk), {}),
            today=today,
        )
        for m in ranked
    ]


def ranked_profiles(
    *,
    need: CompetenceNeed,
    profiles: QuerySet[Profile],
    limit: int = 20,
    today: datetime.date | None = None,
) -> tuple[NeedContext, list[Scored]]:
    """The ``limit`` best profiles for ``need`` by exact score, not yet explained: read from the
    need's stored list when it can say (``stored_ranking``), else searched."""
    global last_search
    today = today or timezone.localdate()
    context = NeedContext.of(need_queryset().get(pk=need.pk))
    stored = stored_ranking(context=context, profiles=profiles, limit=limit, today=today)
    if stored is not None:
        last_search = SearchStats(scored=len(stored), stored=True)
        return context, stored
    return context, search_profiles(context=context, profiles=profiles, limit=limit, today=today)


def profiles_for_need(
    *,
    need: CompetenceNeed,
    profiles: QuerySet[Profile],
    limit: int = 20,
    today: datetime.date | None = None,
) -> list[Match]:
    """The ``limit`` best profiles for ``need`` among ``profiles`` (published, visible), explained.

    The matches are the profiles that share a key with the need; the best by the whole score
    are found without scoring all of them (``search_profiles``), and only those are explained.
    """
    today = today or timezone.localdate()
    context, ranked = ranked_profiles(need=need, profiles=profiles, limit=limit, today=today)
    need = context.need
    if not ranked and not need.keys.exclude(item__startswith="~").exists():
        # Nothing to look up by key: the need asks for dimensions or sectors only.
        ids = _without_keys_candidates(need, profiles)
        candidates = {p.pk: p for p in profile_queryset().filter(pk__in=ids)}
        return _rank([(need, candidates[pk]) for pk in ids if pk in candidates], today, limit)
    shown = {p.pk: p for p in profile_queryset().filter(pk__in=[r.pk for r in ranked])}
    return [
        explain(context=context, profile=shown[r.pk], hits=r.hits, today=today, facts=r.facts)
        for r in ranked
        if r.pk in shown
    ]


def needs_for_profile(
    *,
    profile: Profile,
    needs: QuerySet[CompetenceNeed],
    limit: int = 20,
    today: datetime.date | None = None,
) -> list[Match]:
    """The ``limit`` best open needs for ``profile`` among ``needs`` (visible to the reader)."""
    today = today or timezone.localdate()
    profile = profile_queryset().get(pk=profile.pk)
    facts = Facts.of(profile)
    return [
        explain(
            context=NeedContext.of(m.need), profile=profile, hits=hits, today=today, facts=facts
        )
        for m, hits in search_needs(profile=profile, needs=needs, limit=limit, today=today)
    ]
