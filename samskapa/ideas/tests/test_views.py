"""Pages of challenges and ideas: what visitors, residents, authors and leaders see and may do."""

import datetime

import pytest
from django.test import Client

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.ideas.models import Challenge, Comment, Idea, Support
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


class TestChallengePages:
    def test_detail_shows_submit_link_while_open(
        self, client: Client, challenge: Challenge, idea: Idea
    ) -> None:
        response = client.get(challenge.get_absolute_url())
        assert response.status_code == 200
        assert idea.title in response.text
        assert f"/sv/ideer/ny/?challenge={challenge.pk}" in response.text

    def test_closed_challenge_refuses_the_form(
        self, client: Client, resident: User, naringen: Project
    ) -> None:
        closed = ChallengeFactory(
            project=naringen, opens_on=None, deadline=TODAY - datetime.timedelta(days=1)
        )
        client.force_login(resident)
        response = client.get(f"/sv/ideer/ny/?challenge={closed.pk}", follow=True)
        assert "Utmaningen är stängd" in response.text or "closed" in response.text

    def test_leader_creates_and_bad_dates_keep_input(
        self, client: Client, gavle_leader: User, naringen: Project
    ) -> None:
        client.force_login(gavle_leader)
        url = f"/sv/ideer/projekt/{naringen.slug}/ny-utmaning/"
        data = {
            "title": "Gröna tak",
            "description": "Hur får vi fler gröna tak?",
            "opens_on": "2030-05-01",
            "deadline": "2030-04-01",
        }
        response = client.post(url, data)
        assert response.status_code == 200
        assert 'value="Gröna tak"' in response.text
        assert not Challenge.objects.exists()
        data["deadline"] = "2030-06-01"
        response = client.post(url, data)
        assert response.status_code == 302
        assert Challenge.objects.get().title == "Gröna tak"

    def test_resident_may_not_create(
        self, client: Client, resident: User, naringen: Project
    ) -> None:
        client.force_login(resident)
        assert client.get(f"/sv/ideer/projekt/{naringen.slug}/ny-utmaning/").status_code == 403

    def test_project_page_lists_challenges(self, client: Client, challenge: Challenge) -> None:
        assert challenge.title in client.get(challenge.project.get_absolute_url()).text


class TestIdeaPages:
    def test_submit_to_challenge(
        self, client: Client, resident: User, challenge: Challenge
    ) -> None:
        client.force_login(resident)
        response = client.post(
            f"/sv/ideer/ny/?challenge={challenge.pk}",
            {
                "challenge": challenge.pk,
                "title": "Odling på taket",
                "summary": "Stadsodling",
                "description": "Odlingslotter på parkeringshusets tak.",
            },
        )
        idea = Idea.objects.get()
        assert response.status_code == 302
        assert response["Location"] == idea.get_absolute_url()
        assert idea.project == challenge.project

    def test_bad_input_keeps_typed_values(self, client: Client, resident: User) -> None:
        client.force_login(resident)
        response = client.post(
            "/sv/ideer/ny/",
            {
                "title": "Min idé",
                "summary": "Kort",
                "description": "Lång",
                "co_authors": "ingen@x.se",
            },
        )
        assert response.status_code == 200
        assert 'value="Min idé"' in response.text
        assert "ingen@x.se" in response.text
        assert not Idea.objects.exists()

    def test_anonymous_is_sent_to_login(self, client: Client) -> None:
        assert "/konto/login/" in client.get("/sv/ideer/ny/")["Location"]

    def test_hidden_idea_answers_404_for_others(
        self, client: Client, idea: Idea, author: User
    ) -> None:
        Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
        assert client.get(idea.get_absolute_url()).status_code == 404
        client.force_login(author)
        assert client.get(idea.get_absolute_url()).status_code == 200

    def test_stranger_may_not_edit(self, client: Client, idea: Idea, resident: User) -> None:
        client.force_login(resident)
        assert client.get(f"/sv/ideer/{idea.pk}/andra/").status_code == 403

    def test_support_with_and_without_htmx(
        self, client: Client, idea: Idea, resident: User
    ) -> None:
        client.force_login(resident)
        url = f"/sv/ideer/{idea.pk}/stod/"
        assert client.post(url, {"action": "support"}).status_code == 302
        response = client.post(url, {"action": "withdraw"}, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert 'id="idea-support"' in response.text
        assert not Support.objects.exists()

    def test_comment_and_reply(self, client: Client, idea: Idea, resident: User) -> None:
        client.force_login(resident)
        client.post(f"/sv/ideer/{idea.pk}/kommentarer/", {"text": "Fin idé"})
        top = Comment.objects.get()
        client.post(f"/sv/ideer/{idea.pk}/kommentarer/", {"text": "Svar", "parent": top.pk})
        response = client.get(idea.get_absolute_url())
        assert "Fin idé" in response.text and "Svar" in response.text
        assert Comment.objects.filter(parent=top).count() == 1

    def test_empty_comment_is_refused(self, client: Client, idea: Idea, resident: User) -> None:
        client.force_login(resident)
        response = client.post(f"/sv/ideer/{idea.pk}/kommentarer/", {"text": ""})
        assert response.status_code == 400
        assert not Comment.objects.exists()

    @pytest.mark.parametrize("language", ["sv", "en"])
    def test_list_renders_in_both_languages(
        self, client: Client, idea: Idea, language: str
    ) -> None:
        response = client.get(f"/{language}/ideer/?sort=supported")
        assert response.status_code == 200
        assert idea.title in response.text


@pytest.mark.parametrize(
    "query",
    ["", "?sort=supported", "?sort=commented&page=2", "?dimension=social&municipality=2180"],
)
def test_list_queries_do_not_grow_with_rows(
    client: Client, resident: User, django_assert_max_num_queries: object, query: str
) -> None:
    """The list costs the same few queries for 25 ideas (two pages) and for 80 (four)."""
    client.force_login(resident)
    IdeaFactory.create_batch(25)
    client.get(f"/sv/ideer/{query}")  # warm-up: per-process caches (content types, sites)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        client.get(f"/sv/ideer/{query}")
    IdeaFactory.create_batch(55, author=UserFactory())
    # A fixed bound rather than "equal": the test cache is a Redis database shared with other
    # test runs, so one cached lookup may hit or miss; a query per row would blow far past 8.
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        client.get(f"/sv/ideer/{query}")
