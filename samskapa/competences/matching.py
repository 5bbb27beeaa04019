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
minor groups, word stems) and each open need its weighted keys (``NeedKey``), both written by
the services when they are saved. The parts that come from keys (competences and words) are
summed by one indexed query that reads only the profiles sharing a key with the need, and ranks
them; the best ``CANDIDATES`` then get coverage, location and availability added from their rows,
and the best of those are explained. The reverse direction (needs for a profile) reads the same
two tables from the other side.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskapa.competences.models import (
    CompetenceNeed,
    Concept,
    Importance,
    NeedKey,
    Profile,
    ProfileKey,
    Requirement,
    RequirementKind,
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
    return rows


# --- The ranked query ------------------------------------------------------------------------

_PROFILES_FOR_NEED = """
SELECT h.profile_id, SUM(h.best) AS partial FROM (
    SELECT pk.profile_id AS profile_id, nk.item AS item, MAX(nk.weight) AS best
    FROM competences_needkey nk
    JOIN competences_profilekey pk ON pk.key = nk.key
    WHERE nk.need_id = %s
    GROUP BY pk.profile_id, nk.item
) h
GROUP BY h.profile_id
ORDER BY partial DESC, h.profile_id
LIMIT %s
"""

_NEEDS_FOR_PROFILE = """
SELECT h.need_id, SUM(h.best) AS partial FROM (
    SELECT nk.need_id AS need_id, nk.item AS item, MAX(nk.weight) AS best
    FROM competences_profilekey pk
    JOIN competences_needkey nk ON nk.key = pk.key
    WHERE pk.profile_id = %s
    GROUP BY nk.need_id, nk.item
) h
GROUP BY h.need_id
ORDER BY partial DESC, h.need_id
LIMIT %s
"""


def _ranked(sql: str, pk: int, limit: int) -> list[tuple[int, float]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, limit])
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


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
            if item not in pair or pair[item][1] < weight:
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


def availability_value(
    need: CompetenceNeed, profile: Profile, today: datetime.date
) -> tuple[float, str]:
    start, end = _period(need, today)
    free_from = profile.available_from or datetime.date.min
    free_until = profile.available_until or datetime.date.max
    overlap = (min(end, free_until) - max(start, free_from)).days + 1
    days = (end - start).days + 1
    share = max(0, overlap) / days
    if need.share_of_time:
        share *= min(1.0, profile.share_of_time / need.share_of_time)
    if overlap <= 0:
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


def location_value(need: CompetenceNeed, profile: Profile) -> tuple[float, str]:
    place = need.municipality
    if place is None:
        return 0.0, ""
    if profile.whole_country:
        return IN_PLACE, _("Can work anywhere in Sweden.")
    municipalities = list(profile.municipalities.all())
    if any(m.pk == place.pk for m in municipalities):
        return IN_PLACE, _("Works in %(place)s.") % {"place": place.name}
    if any(region.pk == place.region_id for region in profile.regions.all()):
        return IN_PLACE, _("Works in the whole region %(region)s.") % {"region": place.region.name}
    if any(m.region_id == place.region_id for m in municipalities):
        return NEARBY, _("Works nearby, in the same region (%(places)s).") % {
            "places": ", ".join(m.name for m in municipalities if m.region_id == place.region_id)
        }
    places = [r.name for r in profile.regions.all()] + [m.name for m in municipalities]
    elsewhere = ", ".join(places[:4]) or _("no places given")
    return 0.0, _("Works elsewhere: %(places)s.") % {"places": elsewhere}


def _describe(key: str, profile: Profile) -> str:
    """The profile's own competence that earned ``key``: the concept, or one in the group."""
    kind, _sep, value = key.partition(":")
    for concept in profile.competences.all():
        if (kind == "c" and concept.jobtech_id == value) or (
            kind in ("g", "m") and concept.ssyk_code.startswith(value)
        ):
            return str(concept)
    return value


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


def explain(
    *,
    context: NeedContext,
    profile: Profile,
    hits: dict[str, tuple[str, float]],
    today: datetime.date,
    describe: bool = True,
) -> Match:
    """The full score of one pair, with what it covers and what it lacks.

    ``hits`` are the keys the pair shares (``key_hits``). Needs come with ``requirements``
    prefetched, profiles with competences, dimensions, municipalities and regions; ``describe``
    names the profile's competence behind each covered requirement.
    """
    need, requirements = context.need, context.requirements
    parts, total = context.parts, context.total
    values: dict[str, float] = {}
    match = Match(need=need, profile=profile, score=0.0, parts=[])
    competences = [r for r in requirements if r.kind == RequirementKind.COMPETENCE]
    if competences:
        weights = sum(IMPORTANCE_WEIGHTS[Importance(r.importance)] for r in competences)
        value = 0.0
        for requirement in competences:
            w = IMPORTANCE_WEIGHTS[Importance(requirement.importance)]
            base = parts["competences"] / total * w / weights
            key, weight = hits.get(f"r{requirement.pk}", ("", 0.0))
            similarity = min(EXACT, round(weight / base, 2)) if key else 0.0
            value += w * similarity
            match.competences.append(
                CompetenceMatch(
                    requirement=requirement,
                    similarity=similarity,
                    how=str(HOW_LABELS.get(similarity, "")),
                    via=_describe(key, profile) if key and describe else "",
                )
            )
        values["competences"] = value / weights
    if "words" in parts:
        words = context.words
        match.shared_words = [w for w in words if f"t:{w}" in hits]
        values["words"] = len(match.shared_words) / len(words)
    if "coverage" in parts:
        mine = {d.pk for d in profile.dimensions.all()}
        got = wanted = 0
        for requirement in requirements:
            w = IMPORTANCE_WEIGHTS[Importance(requirement.importance)]
            if requirement.kind == RequirementKind.DIMENSION:
                wanted += w
                name = str(requirement.dimension)
                if requirement.dimension_id in mine:
                    got += w
                    match.covered_dimensions.append(name)
                else:
                    match.missing_dimensions.append(name)
            elif requirement.kind == RequirementKind.SECTOR:
                wanted += w
                if requirement.sector == profile.helix_sector:
                    got += w
                    match.sector_covered = True
                else:
                    match.missing_sectors.append(str(HelixSector(requirement.sector).label))
        if match.missing_sectors and match.sector_covered is None:
            match.sector_covered = False
        values["coverage"] = got / wanted
    if "location" in parts:
        values["location"], match.location = location_value(need, profile)
    values["availability"], match.availability = availability_value(need, profile, today)
    match.parts = [
        Part(key=part, label=str(PART_LABELS[part]), value=values[part], weight=weight / total)
        for part, weight in parts.items()
    ]
    match.score = 100 * sum(part.value * part.weight for part in match.parts)
    return match


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


def profiles_for_need(
    *,
    need: CompetenceNeed,
    profiles: QuerySet[Profile],
    limit: int = 20,
    today: datetime.date | None = None,
) -> list[Match]:
    """The ``limit`` best profiles for ``need`` among ``profiles`` (published, visible), explained."""
    today = today or timezone.localdate()
    need = need_queryset().get(pk=need.pk)
    ranked = _ranked(_PROFILES_FOR_NEED, need.pk, CANDIDATES)
    ids = [pk for pk, _partial in ranked]
    if not ids and not need.keys.exists():
        # Nothing to look up by key: the need asks for dimensions or sectors only.
        ids = _without_keys_candidates(need, profiles)
    candidates = {
        p.pk: p for p in profile_queryset().filter(pk__in=ids).filter(pk__in=profiles.values("pk"))
    }
    return _rank([(need, candidates[pk]) for pk in ids if pk in candidates], today, limit)


def needs_for_profile(
    *,
    profile: Profile,
    needs: QuerySet[CompetenceNeed],
    limit: int = 20,
    today: datetime.date | None = None,
) -> list[Match]:
    """The ``limit`` best open needs for ``profile`` among ``needs`` (visible to the reader)."""
    today = today or timezone.localdate()
    ranked = _ranked(_NEEDS_FOR_PROFILE, profile.pk, CANDIDATES)
    ids = [pk for pk, _partial in ranked]
    found = {
        n.pk: n
        for n in need_queryset().filter(pk__in=ids, is_open=True).filter(pk__in=needs.values("pk"))
    }
    profile = profile_queryset().get(pk=profile.pk)
    return _rank([(found[pk], profile) for pk in ids if pk in found], today, limit)
