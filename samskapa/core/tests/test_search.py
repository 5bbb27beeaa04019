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


@pytest.mark.django_db
class TestCommonWords:
    """A word in nearly every row: only the newest matches are ranked, and the count says so."""

    @pytest.fixture
    def three_candidates(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from samskapa.core import search as search_module

        monkeypatch.setattr(search_module, "SEARCH_CANDIDATES", 3)

    def test_best_of_the_newest_matches_first(self, three_candidates: None) -> None:
        from samskapa.ideas.selectors import idea_list
        from samskapa.ideas.tests.factories import IdeaFactory

        oldest_best = IdeaFactory(title="Belysning, belysning, belysning")
        newer = [IdeaFactory(summary="Odling", description=f"Text {n}") for n in range(3)]
        best_of_newest = IdeaFactory(title="Belysning vid belysta stråk", summary="Belysning")

        found = list(idea_list(user=AnonymousUser(), query="belysning"))

        # The three newest and one more, which tells the paginator that there are more.
        assert found[0] == best_of_newest
        assert set(found) == {best_of_newest, *newer}
        assert oldest_best not in found

    def test_page_says_more_than_the_candidates(
        self, client: Client, three_candidates: None
    ) -> None:
        from samskapa.ideas.tests.factories import IdeaFactory

        IdeaFactory.create_batch(5)

        page = client.get("/sv/ideer/", {"q": "belysning"}).content.decode()

        assert "Fler än 3 idéer" in page
        assert page.count('class="ds-card') >= 3

    def test_few_matches_are_counted_exactly(self, client: Client, three_candidates: None) -> None:
        from samskapa.ideas.tests.factories import IdeaFactory

        IdeaFactory.create_batch(3)

        page = client.get("/sv/ideer/", {"q": "belysning"}).content.decode()

        assert "3 idéer" in page
        assert "Fler än" not in page

    def test_need_search_too(self, three_candidates: None) -> None:
        from samskapa.needs.selectors import need_list
        from samskapa.needs.tests.factories import NeedFactory

        needs = NeedFactory.create_batch(5, description="Mörka gångstråk behöver belysning.")

        found = list(need_list(user=AnonymousUser(), query="belysning"))

        assert set(found) == set(needs[1:])
