"""Swedish full-text search: stemming on PostgreSQL, and hidden projects never leak."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from samskapa.accounts.models import User
from samskapa.core.search import search, search_terms
from samskapa.organisations.models import Organisation
from samskapa.projects import services
from samskapa.projects.models import Project
from samskapa.projects.selectors import PROJECT_SEARCH_FIELDS, project_list
from samskapa.projects.tests.factories import ProjectFactory


def _found(query: str) -> list[Project]:
    return list(search(Project.objects.all(), query, fields=PROJECT_SEARCH_FIELDS))


def test_stems_are_what_the_sqlite_fallback_matches() -> None:
    assert search_terms("Näringens nya stadsdelar") == ["näring", "nya", "stadsdel"]
    assert search_terms("  ") == []


@pytest.mark.django_db
class TestPostgresSearch:
    @pytest.mark.parametrize("query", ["Näringen", "näringens", "NÄRINGEN", "stadsdelar"])
    def test_inflected_forms_find_the_project(
        self, naringen: Project, kiruna: Organisation, query: str
    ) -> None:
        ProjectFactory(organisation=kiruna, name="Det nya Kiruna", summary="Gruvstaden flyttar.")

        assert _found(query) == [naringen]

    def test_unrelated_words_find_nothing(self, naringen: Project) -> None:
        assert _found("gruvstaden") == []

    def test_empty_query_finds_everything(self, naringen: Project, hidden_project: Project) -> None:
        assert set(_found("")) == {naringen, hidden_project}

    def test_best_match_comes_first(self, naringen: Project, gavle: Organisation) -> None:
        mention = ProjectFactory(
            organisation=gavle, name="Gävle hamn", description="Nära Näringen."
        )

        assert _found("Näringen") == [naringen, mention]

    def test_an_edit_is_searchable_at_once(self, naringen: Project, gavle_leader: User) -> None:
        services.project_update(actor=gavle_leader, project=naringen, goals="Fler cykelbanor.")

        assert _found("cykelbana") == [naringen]


@pytest.mark.django_db
class TestHiddenProjectsNeverAppear:
    def test_not_for_visitors_or_residents(
        self, naringen: Project, hidden_project: Project, resident: User
    ) -> None:
        assert list(project_list(user=AnonymousUser(), query="Näringen")) == [naringen]
        assert list(project_list(user=resident, query="förstudie")) == []

    def test_but_for_members_of_the_organisation(
        self, naringen: Project, hidden_project: Project, kiruna_admin: User
    ) -> None:
        assert set(project_list(user=kiruna_admin, query="Näringen")) == {naringen, hidden_project}

    def test_not_on_the_search_page(
        self, client: Client, naringen: Project, hidden_project: Project, resident: User
    ) -> None:
        for language in ("sv", "en"):
            response = client.get(f"/{language}/sok/", {"q": "näringens"})

            assert response.status_code == 200
            assert f'lang="{language}"' in response.text
            assert naringen.get_absolute_url()[3:] in response.text
            assert hidden_project.name not in response.text
        client.force_login(resident)
        assert hidden_project.name not in client.get("/sv/sok/", {"q": "förstudie"}).text

    def test_search_page_shows_them_to_members(
        self, client: Client, hidden_project: Project, kiruna_admin: User
    ) -> None:
        client.force_login(kiruna_admin)

        assert hidden_project.name in client.get("/sv/sok/", {"q": "förstudie"}).text
