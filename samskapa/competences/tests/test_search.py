"""The search for the best matches returns exactly what scoring every candidate would.

Generated profiles and needs on the hand-made taxonomy, with many ties and near-ties: the
pruned search (the PostgreSQL bound query and the portable tiered search) must give the same
profiles in the same order with the same scores as scoring every profile that shares a key,
and the needs for a profile the same as scoring every open need.
"""

import datetime
import random

import pytest

from samskapa.competences import matching
from samskapa.competences.models import (
    CompetenceNeed,
    Importance,
    Profile,
    ProfileFacts,
    RequirementKind,
)
from samskapa.competences.selectors import competence_needs_visible_to, matchable_profiles
from samskapa.competences.tests.conftest import Taxonomy
from samskapa.competences.tests.factories import (
    CompetenceNeedFactory,
    ProfileFactory,
    RequirementFactory,
    refresh_keys,
)
from samskapa.core.models import HelixSector, SustainabilityDimension
from samskapa.geo.models import Municipality, Region

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)
WORDS = ["kulturmiljö", "dialog", "planering", "klimat", "energi", "boende", "trygghet"]


def _generate(taxonomy: Taxonomy, rng: random.Random, profiles: int, needs: int) -> None:
    concepts = [
        taxonomy.planarkitekt,
        taxonomy.oversiktsplanerare,
        taxonomy.arkitekt,
        taxonomy.landskapsarkitekt,
        taxonomy.antikvarie,
        taxonomy.dialog,
    ]
    dimensions = list(SustainabilityDimension.objects.all())
    places = list(Municipality.objects.order_by("code")[:6])
    regions = list(Region.objects.order_by("pk")[:3])
    sectors = [value for value, _label in HelixSector.choices]
    for _i in range(profiles):
        profile = ProfileFactory(
            title=" ".join(rng.sample(WORDS, rng.randint(0, 3))) or "Profil",
            competences=rng.sample(concepts, rng.randint(0, 2)),
            dimensions=rng.sample(dimensions, rng.randint(0, 2)),
            helix_sector=rng.choice(sectors),
            whole_country=rng.random() < 0.15,
            share_of_time=rng.choice([10, 20, 50, 100]),
            available_from=rng.choice([None, datetime.date(2026, 9, 1)]),
        )
        profile.municipalities.set(rng.sample(places, rng.randint(0, 2)))
        profile.regions.set(rng.sample(regions, rng.randint(0, 1)))
        refresh_keys(profile)
    for _i in range(needs):
        need = CompetenceNeedFactory(
            title=" ".join(rng.sample(WORDS, rng.randint(0, 3))) or "Behov",
            municipality=rng.choice([None, *places]),
            share_of_time=rng.choice([None, 20, 50]),
            start_date=rng.choice([None, datetime.date(2026, 7, 1)]),
        )
        for concept in rng.sample(concepts, rng.randint(0, 3)):
            RequirementFactory(
                need=need,
                concept=concept,
                importance=rng.choice([Importance.MUST, Importance.NICE]),
            )
        for dimension in rng.sample(dimensions, rng.randint(0, 2)):
            RequirementFactory(
                need=need, kind=RequirementKind.DIMENSION, concept=None, dimension=dimension
            )
        if rng.random() < 0.5:
            RequirementFactory(
                need=need,
                kind=RequirementKind.SECTOR,
                concept=None,
                sector=rng.choice(sectors),
                importance=Importance.NICE,
            )
        refresh_keys(need)


def _ranking(results: list[matching.Scored]) -> list[tuple[int, float]]:
    return [(result.pk, result.score) for result in results]


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 10])
def test_the_pruned_search_equals_scoring_every_candidate(
    taxonomy: Taxonomy, resident, limit: int, monkeypatch
) -> None:
    # Small batches and a low bar for common words make every branch of the search run.
    monkeypatch.setattr(matching, "BATCH", 2)
    monkeypatch.setattr(matching, "BOUND_PAGE", 3)
    monkeypatch.setattr(matching, "COMMON_WORD", 4)
    _generate(taxonomy, random.Random(limit), profiles=40, needs=8)
    profiles = matchable_profiles(user=resident)
    compared = 0
    for need in CompetenceNeed.objects.order_by("pk"):
        context = matching.NeedContext.of(matching.need_queryset().get(pk=need.pk))
        expected = matching.exhaustive_profiles(
            context=context, profiles=profiles, limit=limit, today=TODAY
        )
        for bound_query in (True, False):
            found = matching.search_profiles(
                context=context,
                profiles=profiles,
                limit=limit,
                today=TODAY,
                bound_query=bound_query,
            )
            assert _ranking(found) == _ranking(expected), (need.pk, bound_query)
        compared += bool(expected)
    assert compared >= 4


def test_a_profile_without_a_facts_row_is_still_found(taxonomy: Taxonomy, resident) -> None:
    _generate(taxonomy, random.Random(11), profiles=25, needs=4)
    ProfileFacts.objects.filter(
        pk__in=list(Profile.objects.values_list("pk", flat=True))[::2]
    ).delete()
    profiles = matchable_profiles(user=resident)
    for need in CompetenceNeed.objects.order_by("pk"):
        context = matching.NeedContext.of(matching.need_queryset().get(pk=need.pk))
        expected = matching.exhaustive_profiles(
            context=context, profiles=profiles, limit=4, today=TODAY
        )
        found = matching.search_profiles(context=context, profiles=profiles, limit=4, today=TODAY)
        assert _ranking(found) == _ranking(expected)


def test_the_shown_score_is_the_searched_score(taxonomy: Taxonomy, resident) -> None:
    _generate(taxonomy, random.Random(7), profiles=25, needs=4)
    profiles = matchable_profiles(user=resident)
    for need in CompetenceNeed.objects.order_by("pk"):
        context = matching.NeedContext.of(matching.need_queryset().get(pk=need.pk))
        expected = matching.exhaustive_profiles(
            context=context, profiles=profiles, limit=5, today=TODAY
        )
        shown = matching.profiles_for_need(need=need, profiles=profiles, limit=5, today=TODAY)
        if expected:
            assert [(m.profile.pk, m.score) for m in shown] == _ranking(expected)


def test_the_needs_for_a_profile_equal_scoring_every_need(taxonomy: Taxonomy) -> None:
    _generate(taxonomy, random.Random(3), profiles=6, needs=30)
    for profile in Profile.objects.select_related("user").order_by("pk"):
        needs = competence_needs_visible_to(user=profile.user)
        full = matching.profile_queryset().get(pk=profile.pk)
        hits = matching.key_hits(
            need_ids=list(needs.values_list("pk", flat=True)), profile_ids=[profile.pk]
        )
        every = sorted(
            (
                matching.explain(
                    context=matching.NeedContext.of(need),
                    profile=full,
                    hits=hits[(need.pk, profile.pk)],
                    today=TODAY,
                )
                for need in matching.need_queryset().filter(pk__in=needs.values("pk"))
                if need.is_open and (need.pk, profile.pk) in hits
            ),
            key=lambda match: (-match.score, match.need.pk),
        )[:5]
        found = matching.needs_for_profile(profile=profile, needs=needs, limit=5, today=TODAY)
        assert [(m.need.pk, m.score) for m in found] == [(m.need.pk, m.score) for m in every]


def test_matches_for_a_need_take_a_constant_number_of_queries(
    taxonomy: Taxonomy, resident, django_assert_max_num_queries
) -> None:
    _generate(taxonomy, random.Random(5), profiles=30, needs=1)
    need = CompetenceNeed.objects.get()
    profiles = matchable_profiles(user=resident)
    # The need and its requirements and keys, a word count, the bound query, one batch of
    # five queries, the twenty shown with their relations: not one query per candidate.
    with django_assert_max_num_queries(16):
        matching.profiles_for_need(need=need, profiles=profiles, limit=20, today=TODAY)
