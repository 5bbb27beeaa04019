"""Pages and API lists: who may see what, bad input, and a constant number of queries."""

import pytest
from django.urls import reverse

from samskapa.competences.models import CompetenceNeed, Profile, RequirementKind
from samskapa.competences.tests.conftest import Taxonomy
from samskapa.competences.tests.factories import (
    CompetenceNeedFactory,
    ProfileFactory,
    RequirementFactory,
    refresh_keys,
)
from samskapa.core.models import SustainabilityDimension, Visibility
from samskapa.projects.tests.factories import ProjectFactory
from samskapa.workspace.selectors import site_search
from samskapa.workspace.services import personal_data_export

pytestmark = pytest.mark.django_db


def test_profiles_are_for_registered_users_only(client, api_client, resident) -> None:
    profile = ProfileFactory(title="Antikvarie i Gävle")
    assert client.get(reverse("competences:profile_list")).status_code == 302
    assert client.get(profile.get_absolute_url()).status_code == 302
    assert api_client.get("/api/v1/competence-profiles/").status_code in (401, 403)
    assert all(
        hit.results == []
        for hit in site_search(user=_anonymous(), query="Antikvarie")
        if hit.source.key == "competence-profile"
    )
    client.force_login(resident)
    assert "Antikvarie i Gävle" in client.get(reverse("competences:profile_list")).content.decode()


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_an_unpublished_profile_shows_nowhere_but_to_its_owner(client, api_client, resident):
    hidden = ProfileFactory(title="Hemlig antikvarie", is_published=False)
    client.force_login(resident)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Hemlig" not in client.get(reverse("competences:profile_list")).content.decode()
    hits = {hit.source.key: hit.results for hit in site_search(user=resident, query="antikvarie")}
    assert hits["competence-profile"] == []
    api_client.force_authenticate(resident)
    assert api_client.get(f"/api/v1/competence-profiles/{hidden.pk}/").status_code == 404
    assert api_client.get("/api/v1/competence-profiles/").json()["results"] == []
    assert personal_data_export(actor=resident)["competence_profile"] is None
    assert personal_data_export(actor=hidden.user)["competence_profile"]["title"] == (
        "Hemlig antikvarie"
    )
    client.force_login(hidden.user)
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_a_profile_is_created_and_changed_through_the_form(client, resident) -> None:
    client.force_login(resident)
    response = client.post(
        reverse("competences:profile_create"),
        {
            "title": "",
            "helix_sector": "academia",
            "contact_email": "x@example.org",
            "share_of_time": "300",
            "offers": "Det jag skrev",
        },
    )
    assert response.status_code == 200
    assert "Det jag skrev" in response.content.decode()
    assert not Profile.objects.exists()
    response = client.post(
        reverse("competences:profile_create"),
        {
            "title": "Forskare",
            "helix_sector": "academia",
            "contact_email": "x@example.org",
            "share_of_time": "30",
            "is_published": "on",
        },
    )
    profile = Profile.objects.get()
    assert response.status_code == 302 and profile.user == resident


def test_competences_are_searched_and_added(client, taxonomy: Taxonomy, resident) -> None:
    profile = ProfileFactory(user=resident)
    client.force_login(resident)
    url = reverse("competences:profile_competences", args=[profile.pk])
    page = client.get(url, {"q": "arkitekt"}).content.decode()
    assert "Planarkitekt" in page and "Landskapsarkitekt" in page
    client.post(url, {"concept": taxonomy.planarkitekt.pk})
    assert list(profile.competences.all()) == [taxonomy.planarkitekt]
    assert profile.keys.filter(key="g:2163").exists()
    assert client.post(url, {"concept": "abc"}).status_code == 302  # a message, not an error


def test_someone_elses_profile_cannot_be_changed(client, api_client, resident) -> None:
    other = ProfileFactory()
    client.force_login(resident)
    assert client.get(reverse("competences:profile_edit", args=[other.pk])).status_code == 403
    api_client.force_authenticate(resident)
    answer = api_client.patch(f"/api/v1/competence-profiles/{other.pk}/", {"title": "x"})
    assert answer.status_code == 403


def test_needs_follow_their_project(client, api_client, gavle_leader, kiruna_leader, gavle):
    internal = ProjectFactory(organisation=gavle, visibility=Visibility.MEMBERS)
    need = CompetenceNeedFactory(project=internal, title="Internt behov")
    client.force_login(kiruna_leader)
    assert client.get(need.get_absolute_url()).status_code == 404
    assert client.get(reverse("competences:need_matches", args=[need.pk])).status_code == 404
    api_client.force_authenticate(kiruna_leader)
    assert api_client.get(f"/api/v1/competence-needs/{need.pk}/team/").status_code == 404
    client.force_login(gavle_leader)
    assert client.get(reverse("competences:need_team", args=[need.pk])).status_code == 200


def test_a_need_is_stated_with_requirements(client, taxonomy: Taxonomy, gavle_leader, naringen):
    client.force_login(gavle_leader)
    response = client.post(
        reverse("competences:need_create"),
        {"target": f"project:{naringen.pk}", "title": "Antikvarie sökes"},
    )
    need = CompetenceNeed.objects.get()
    assert response.status_code == 302 and need.project == naringen
    assert need.municipality == naringen.municipality
    url = reverse("competences:need_requirements", args=[need.pk])
    client.post(url, {"concept": taxonomy.antikvarie.pk, "importance": "must"})
    social = SustainabilityDimension.objects.get(code="social")
    client.post(
        url, {"add": "dimension", "dimension-dimension": social.pk, "dimension-importance": "nice"}
    )
    response = client.post(
        url, {"add": "sector", "sector-sector": "nope", "sector-importance": "must"}
    )
    assert response.status_code == 200  # the form again, with its error
    kinds = sorted(need.requirements.values_list("kind", flat=True))
    assert kinds == [RequirementKind.COMPETENCE, RequirementKind.DIMENSION]


def test_a_need_on_a_project_one_does_not_lead_is_refused(client, kiruna_leader, naringen):
    client.force_login(kiruna_leader)
    response = client.post(
        reverse("competences:need_create"), {"target": f"project:{naringen.pk}", "title": "x"}
    )
    assert response.status_code == 200 and not CompetenceNeed.objects.exists()


def test_matches_and_team_pages_show_the_explanation(
    client, taxonomy: Taxonomy, gavle_leader, naringen
) -> None:
    need = CompetenceNeedFactory(project=naringen, title="Planering")
    RequirementFactory(need=need, concept=taxonomy.planarkitekt)
    RequirementFactory(need=need, concept=taxonomy.antikvarie)
    refresh_keys(need)
    ProfileFactory(title="Arkitektprofil", competences=[taxonomy.arkitekt])
    client.force_login(gavle_leader)
    page = client.get(reverse("competences:need_matches", args=[need.pk])).content.decode()
    assert "Arkitektprofil" in page and "Saknas" in page and "Täcks" in page
    team = client.get(
        reverse("competences:need_team", args=[need.pk]), {"min_size": "1", "max_size": "3"}
    ).content.decode()
    assert "Ingen kandidat kan täcka" in team and "Antikvarie" in team
    bad = client.get(
        reverse("competences:need_team", args=[need.pk]), {"min_size": "4", "max_size": "2"}
    )
    assert bad.status_code == 200


@pytest.mark.parametrize("url", ["/sv/kompetens/profiler/", "/api/v1/competence-profiles/"])
def test_profile_lists_take_a_constant_number_of_queries(
    client, django_assert_max_num_queries, taxonomy: Taxonomy, resident, url
) -> None:
    client.force_login(resident)
    social = SustainabilityDimension.objects.get(code="social")
    for size in (2, 12):
        while Profile.objects.count() < size:
            ProfileFactory(competences=[taxonomy.arkitekt], dimensions=[social])
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/sv/kompetens/behov/", "/api/v1/competence-needs/"])
def test_need_lists_take_a_constant_number_of_queries(
    client, django_assert_max_num_queries, taxonomy: Taxonomy, gavle_leader, naringen, url
) -> None:
    client.force_login(gavle_leader)
    for size in (2, 12):
        while CompetenceNeed.objects.count() < size:
            RequirementFactory(need=CompetenceNeedFactory(project=naringen))
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200
