"""Matching on hand-made cases where the right order is known, and the explanation of a match."""

import datetime

import pytest

from samskapa.competences import services
from samskapa.competences.models import Importance, Profile, RequirementKind
from samskapa.competences.selectors import matches_for_need, matches_for_profile
from samskapa.competences.tests.conftest import Taxonomy
from samskapa.competences.tests.factories import (
    CompetenceNeedFactory,
    ProfileFactory,
    RequirementFactory,
    refresh_keys,
)
from samskapa.core.models import HelixSector, SustainabilityDimension, Visibility
from samskapa.geo.models import Municipality
from samskapa.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def _titles(matches: list) -> list[str]:
    return [match.profile.title for match in matches]


def test_the_closer_the_competence_the_higher_the_match(taxonomy: Taxonomy, resident) -> None:
    need = CompetenceNeedFactory(title="Planering", description="")
    RequirementFactory(need=need, concept=taxonomy.planarkitekt)
    refresh_keys(need)
    for title, concept in [
        ("related", taxonomy.landskapsarkitekt),
        ("group", taxonomy.oversiktsplanerare),
        ("exact", taxonomy.planarkitekt),
        ("substitute", taxonomy.arkitekt),
        ("unrelated", taxonomy.antikvarie),
    ]:
        ProfileFactory(title=title, competences=[concept])

    matches = matches_for_need(user=resident, need=need)

    assert _titles(matches) == ["exact", "substitute", "group", "related"]
    assert [m.competences[0].similarity for m in matches] == [1.0, 0.8, 0.6, 0.3]
    assert matches[0].score > matches[1].score > matches[2].score > matches[3].score


def test_must_have_counts_twice_a_nice_to_have(taxonomy: Taxonomy, resident) -> None:
    need = CompetenceNeedFactory(title="Kulturmiljö")
    RequirementFactory(need=need, concept=taxonomy.antikvarie, importance=Importance.MUST)
    RequirementFactory(need=need, concept=taxonomy.arkitekt, importance=Importance.NICE)
    refresh_keys(need)
    ProfileFactory(title="nice only", competences=[taxonomy.arkitekt])
    ProfileFactory(title="must only", competences=[taxonomy.antikvarie])

    matches = matches_for_need(user=resident, need=need)

    assert _titles(matches) == ["must only", "nice only"]
    competence_part = {m.profile.title: m.parts[0].value for m in matches}
    assert competence_part == pytest.approx({"must only": 2 / 3, "nice only": 1 / 3})


def test_the_explanation_lists_what_is_covered_and_what_lacks(taxonomy: Taxonomy, resident):
    social, ecological = (
        SustainabilityDimension.objects.get(code="social"),
        SustainabilityDimension.objects.get(code="ecological"),
    )
    need = CompetenceNeedFactory(title="Stadsdel")
    planning = RequirementFactory(need=need, concept=taxonomy.planarkitekt)
    heritage = RequirementFactory(
        need=need, concept=taxonomy.antikvarie, importance=Importance.NICE
    )
    RequirementFactory(need=need, kind=RequirementKind.DIMENSION, concept=None, dimension=social)
    RequirementFactory(
        need=need, kind=RequirementKind.DIMENSION, concept=None, dimension=ecological
    )
    RequirementFactory(
        need=need, kind=RequirementKind.SECTOR, concept=None, sector=HelixSector.CIVIL_SOCIETY
    )
    refresh_keys(need)
    ProfileFactory(
        competences=[taxonomy.arkitekt],
        dimensions=[ecological],
        helix_sector=HelixSector.BUSINESS,
    )

    (match,) = matches_for_need(user=resident, need=need)

    assert [(c.requirement, c.similarity) for c in match.covered] == [(planning, 0.8)]
    assert "Arkitekt" in match.covered[0].via
    assert [c.requirement for c in match.missing] == [heritage]
    assert match.covered_dimensions == [str(ecological)]
    assert match.missing_dimensions == [str(social)]
    assert match.sector_covered is False
    assert match.missing_sectors == [str(HelixSector.CIVIL_SOCIETY.label)]
    parts = {part.key: part.value for part in match.parts}
    assert parts["competences"] == pytest.approx(0.8 * 2 / 3)
    assert parts["coverage"] == pytest.approx(2 / 6)


def test_location_ranks_the_municipality_before_its_region_before_elsewhere(
    taxonomy: Taxonomy, resident
) -> None:
    gavle, sandviken, kiruna = (Municipality.objects.get(code=c) for c in ("2180", "2181", "2584"))
    need = CompetenceNeedFactory(title="Gävle", municipality=gavle)
    RequirementFactory(need=need, concept=taxonomy.antikvarie)
    refresh_keys(need)
    for title, place in [("far", kiruna), ("region", sandviken), ("here", gavle)]:
        profile = ProfileFactory(title=title, competences=[taxonomy.antikvarie])
        profile.municipalities.set([place])
        refresh_keys(profile)

    assert _titles(matches_for_need(user=resident, need=need)) == ["here", "region", "far"]


def test_swedish_words_in_common_count_after_stemming(taxonomy: Taxonomy, resident) -> None:
    need = CompetenceNeedFactory(title="Medborgardialoger om kulturmiljöerna")
    refresh_keys(need)
    ProfileFactory(title="Jag leder medborgardialog i kulturmiljöer")
    ProfileFactory(title="Jag bygger broar")

    (match,) = matches_for_need(user=resident, need=need)

    assert match.profile.title == "Jag leder medborgardialog i kulturmiljöer"
    assert len(match.shared_words) == 2


def test_availability_counts_the_share_of_the_period(taxonomy: Taxonomy, resident) -> None:
    need = CompetenceNeedFactory(
        title="Period",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        share_of_time=50,
    )
    RequirementFactory(need=need, concept=taxonomy.antikvarie)
    refresh_keys(need)
    ProfileFactory(
        title="half year",
        competences=[taxonomy.antikvarie],
        available_from=datetime.date(2026, 7, 1),
    )
    ProfileFactory(title="whole year", competences=[taxonomy.antikvarie])
    ProfileFactory(title="too little time", competences=[taxonomy.antikvarie], share_of_time=10)

    matches = matches_for_need(user=resident, need=need)

    assert _titles(matches) == ["whole year", "half year", "too little time"]
    assert [m.parts[-1].value for m in matches] == pytest.approx([1.0, 184 / 365, 0.2])


def test_a_saved_profile_is_matched_at_once_and_an_unpublished_one_never(
    taxonomy: Taxonomy, resident
) -> None:
    need = CompetenceNeedFactory(title="Arkitektur")
    RequirementFactory(need=need, concept=taxonomy.planarkitekt)
    refresh_keys(need)
    profile = ProfileFactory(title="ny")
    assert matches_for_need(user=resident, need=need) == []

    services.profile_competence_add(
        actor=profile.user, profile=profile, concept=taxonomy.planarkitekt
    )
    assert _titles(matches_for_need(user=resident, need=need)) == ["ny"]

    services.profile_update(actor=profile.user, profile=profile, is_published=False)
    assert matches_for_need(user=resident, need=need) == []


def test_a_profile_sees_ranked_needs_it_may_see_only(taxonomy: Taxonomy, resident) -> None:
    profile = ProfileFactory(competences=[taxonomy.planarkitekt])
    near = CompetenceNeedFactory(title="near")
    RequirementFactory(need=near, concept=taxonomy.oversiktsplanerare)
    exact = CompetenceNeedFactory(title="exact")
    RequirementFactory(need=exact, concept=taxonomy.planarkitekt)
    hidden = CompetenceNeedFactory(
        title="hidden", project=ProjectFactory(visibility=Visibility.MEMBERS)
    )
    RequirementFactory(need=hidden, concept=taxonomy.planarkitekt)
    closed = CompetenceNeedFactory(title="closed", is_open=False)
    RequirementFactory(need=closed, concept=taxonomy.planarkitekt)
    refresh_keys(near, exact, hidden, closed)

    matches = matches_for_profile(user=profile.user, profile=profile)

    assert [m.need.title for m in matches] == ["exact", "near"]


def test_hidden_profiles_are_not_matched_for_visitors(taxonomy: Taxonomy) -> None:
    from django.contrib.auth.models import AnonymousUser

    need = CompetenceNeedFactory(title="x")
    RequirementFactory(need=need, concept=taxonomy.planarkitekt)
    refresh_keys(need)
    ProfileFactory(competences=[taxonomy.planarkitekt])
    assert matches_for_need(user=AnonymousUser(), need=need) == []
    assert Profile.objects.count() == 1
