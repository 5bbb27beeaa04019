"""The search for the best matches returns exactly what scoring every candidate would.

Generated profiles and needs on the hand-made taxonomy, with many ties and near-ties: the
pruned search (the PostgreSQL bound query and the portable tiered search) must give the same
profiles in the same order with the same scores as scoring every profile that shares a key,
and the needs for a profile the same as scoring every open need.
"""

import datetime
import io
import random

import kombu.exceptions
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from samskapa.competences import match_lists, matching, services, tasks
from samskapa.competences.models import (
    CompetenceNeed,
    Importance,
    MatchList,
    Profile,
    ProfileFacts,
    RequirementKind,
    StoredMatch,
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


# --- Stored lists ---------------------------------------------------------------------------


def _stored(need: CompetenceNeed) -> list[tuple[int, float]]:
    return list(
        StoredMatch.objects.filter(need=need)
        .order_by("-score", "profile_id")
        .values_list("profile_id", "score")
    )


def _assert_lists_exact(today: datetime.date) -> int:
    """Every open need's stored list is the top of the exhaustive ranking of published profiles,
    long enough to show, and what the page reads is that ranking."""
    profiles = match_lists.published_profiles()
    checked = 0
    for need in CompetenceNeed.objects.filter(is_open=True).order_by("pk"):
        context = matching.NeedContext.of(matching.need_queryset().get(pk=need.pk))
        every = matching.exhaustive_profiles(
            context=context, profiles=profiles, limit=10_000, today=today
        )
        kept = MatchList.objects.filter(need=need).first()
        if not every and not need.keys.exclude(item__startswith="~").exists():
            assert kept is None  # asks for dimensions or sectors only: always searched
            continue
        assert kept is not None, need.pk
        stored = _stored(need)
        assert stored == _ranking(every[: len(stored)]), need.pk
        assert not kept.complete or len(stored) == len(every), need.pk
        assert len(stored) >= min(matching.SHOWN, len(every))
        shown = matching.stored_ranking(
            context=context, profiles=profiles, limit=matching.SHOWN, today=today
        )
        assert shown is not None and _ranking(shown) == _ranking(every[: matching.SHOWN])
        checked += 1
    return checked


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_stored_lists_equal_the_exhaustive_ranking_after_saves(
    taxonomy: Taxonomy, monkeypatch, django_capture_on_commit_callbacks, seed: int
) -> None:
    # Short lists, so that profiles enter, push others out, leave and make lists recompute.
    monkeypatch.setattr(matching, "KEPT", 5)
    monkeypatch.setattr(matching, "SHOWN", 4)
    rng = random.Random(seed)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        _generate(taxonomy, rng, profiles=30, needs=8)
    assert _assert_lists_exact(today) >= 5
    assert MatchList.objects.filter(complete=False).count() >= 3
    recomputed: list[int] = []
    refresh = match_lists._refresh
    monkeypatch.setattr(
        match_lists, "_refresh", lambda pk, day: recomputed.append(pk) or refresh(pk, day)
    )
    concepts = [taxonomy.planarkitekt, taxonomy.antikvarie, taxonomy.dialog, taxonomy.arkitekt]
    for step in range(24):
        profile = rng.choice(list(Profile.objects.select_related("user")))
        with django_capture_on_commit_callbacks(execute=True):
            if step % 6 == 5:
                services.profile_delete(actor=profile.user, profile=profile)
            elif step % 3 == 2:
                profile.is_published = not profile.is_published
                profile.save()
                refresh_keys(profile)
            else:
                profile.competences.set(rng.sample(concepts, rng.randint(0, 2)))
                profile.title = " ".join(rng.sample(WORDS, rng.randint(0, 3))) or "Profil"
                profile.share_of_time = rng.choice([10, 50, 100])
                profile.save()
                refresh_keys(profile)
        _assert_lists_exact(today)
    assert recomputed  # some list fell below what is shown and was searched again
    # A need saved with other requirements and another place gets its list recomputed.
    for need in CompetenceNeed.objects.filter(match_list__isnull=False).order_by("pk")[:3]:
        with django_capture_on_commit_callbacks(execute=True):
            for requirement in need.requirements.all():
                requirement.importance = (
                    Importance.NICE
                    if requirement.importance == Importance.MUST
                    else Importance.MUST
                )
                requirement.save()
            need.municipality = Municipality.objects.order_by("-code").first()
            need.save()
            refresh_keys(need)
        _assert_lists_exact(today)


def test_a_pending_change_makes_the_page_search(
    taxonomy: Taxonomy, resident, django_capture_on_commit_callbacks
) -> None:
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        _generate(taxonomy, random.Random(8), profiles=20, needs=3)
    profiles = matchable_profiles(user=resident)
    need = CompetenceNeed.objects.filter(match_list__isnull=False).order_by("pk").first()
    assert need is not None
    shown = matching.profiles_for_need(need=need, profiles=profiles, limit=5, today=today)
    assert matching.last_search.stored
    # Saved, but its lists not yet updated (the task has not run): the page searches.
    first = Profile.objects.get(pk=shown[0].profile.pk)
    first.competences.clear()
    first.title = "Profil"
    first.save()
    refresh_keys(first)
    context = matching.NeedContext.of(matching.need_queryset().get(pk=need.pk))
    expected = matching.exhaustive_profiles(
        context=context, profiles=profiles, limit=5, today=today
    )
    shown = matching.profiles_for_need(need=need, profiles=profiles, limit=5, today=today)
    assert not matching.last_search.stored
    assert [(m.profile.pk, m.score) for m in shown] == _ranking(expected)


def test_lists_dated_from_today_are_recomputed_each_night(
    taxonomy: Taxonomy, resident, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        profiles = [
            ProfileFactory(competences=[taxonomy.planarkitekt], available_from=day)
            for day in (None, today + datetime.timedelta(days=1), today + datetime.timedelta(90))
        ]
        need = CompetenceNeedFactory(end_date=today + datetime.timedelta(days=120))
        RequirementFactory(need=need, concept=taxonomy.planarkitekt)
        refresh_keys(need)
    assert MatchList.objects.get(need=need).dated
    tomorrow = today + datetime.timedelta(days=1)
    context = matching.NeedContext.of(matching.need_queryset().get(pk=need.pk))
    visible = matchable_profiles(user=resident)
    # Tomorrow the period is one day shorter: the scores change, the stored ones are not read.
    assert matching.stored_ranking(context=context, profiles=visible, limit=3, today=today)
    assert (
        matching.stored_ranking(context=context, profiles=visible, limit=3, today=tomorrow) is None
    )
    shown = matching.profiles_for_need(need=need, profiles=visible, limit=3, today=tomorrow)
    expected = matching.exhaustive_profiles(
        context=context, profiles=visible, limit=3, today=tomorrow
    )
    assert [(m.profile.pk, m.score) for m in shown] == _ranking(expected)
    assert _ranking(expected) != _stored(need)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    # A save on the new day leaves the list of yesterday alone; the night's task recomputes it.
    with django_capture_on_commit_callbacks(execute=True):
        refresh_keys(profiles[0])
    assert MatchList.objects.get(need=need).computed_on == today
    assert tasks.refresh_dated_match_lists() == 1
    assert MatchList.objects.get(need=need).computed_on == tomorrow
    assert _stored(need) == _ranking(expected)
    assert "competences-dated-matches" in settings.CELERY_BEAT_SCHEDULE


def test_matches_read_from_a_stored_list_take_a_constant_number_of_queries(
    taxonomy: Taxonomy, resident, django_assert_max_num_queries, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _generate(taxonomy, random.Random(5), profiles=30, needs=1)
    need = CompetenceNeed.objects.get()
    assert MatchList.objects.filter(need=need).exists()
    profiles = matchable_profiles(user=resident)
    # The need and its requirements, the list and its entries, the need's keys, five queries to
    # score the entries again, the twenty shown with their relations.
    with django_assert_max_num_queries(15):
        matching.profiles_for_need(need=need, profiles=profiles, limit=20)
    assert matching.last_search.stored


def test_the_command_fills_every_list(taxonomy: Taxonomy) -> None:
    _generate(taxonomy, random.Random(4), profiles=12, needs=4)
    assert not MatchList.objects.exists()  # made without the tasks running
    out = io.StringIO()
    call_command("refresh_match_lists", "--missing", stdout=out)
    assert MatchList.objects.exists()
    assert _assert_lists_exact(timezone.localdate()) == MatchList.objects.count()


def test_while_the_broker_is_down_the_lists_are_updated_at_once(
    taxonomy: Taxonomy, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        need = CompetenceNeedFactory()
        RequirementFactory(need=need, concept=taxonomy.antikvarie)
        refresh_keys(need)
    assert MatchList.objects.get(need=need).complete and not _stored(need)

    def down(*args: object) -> None:
        raise kombu.exceptions.OperationalError("no broker")

    monkeypatch.setattr(tasks.update_profile_matches, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        profile = ProfileFactory(competences=[taxonomy.antikvarie])
    assert [pk for pk, _score in _stored(need)] == [profile.pk]
