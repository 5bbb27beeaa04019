"""Every choice that points at another object is one the person may use.

The needs and programme of a challenge, the challenge, project, organisation and municipality
of an idea, the comment a reply answers: each write refuses another project's, another
organisation's or an unseen one, in the service, through the API (400) and in the forms.
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.geo.models import Municipality
from samskapa.ideas import services
from samskapa.ideas.models import Challenge, Comment, Idea
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.needs.models import Need
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.programmes.tests.factories import ProgrammeFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_challenge(hidden_project: Project) -> Challenge:
    """An open challenge of Kiruna's members-only project, which outsiders cannot see."""
    return ChallengeFactory(project=hidden_project, title="Intern utmaning")


@pytest.fixture
def kiruna_municipality(reference_data: None) -> Municipality:
    return Municipality.objects.get(code="2584")


@pytest.fixture
def company(reference_data: None, resident: User) -> Organisation:
    """An organisation the resident works for."""
    return MembershipFactory(user=resident, role=Role.MEMBER).organisation


@pytest.fixture
def foreign_need(nya_kiruna: Project) -> Need:
    return NeedFactory(project=nya_kiruna, title="Kirunas behov")


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _idea(**extra: object) -> dict[str, object]:
    return {"title": "Solceller", "summary": "På taken", "description": "Text", **extra}


class TestService:
    def test_challenge_or_project_the_author_cannot_see(
        self, resident: User, secret_challenge: Challenge, hidden_project: Project
    ) -> None:
        for field, value in (("challenge", secret_challenge), ("project", hidden_project)):
            with pytest.raises(ValidationError) as refused:
                services.idea_submit(actor=resident, **{field: value}, **_idea())
            assert field in refused.value.message_dict
        assert not Idea.objects.exists()

    def test_project_other_than_the_challenges(
        self, resident: User, challenge: Challenge, nya_kiruna: Project
    ) -> None:
        with pytest.raises(ValidationError) as refused:
            services.idea_submit(actor=resident, challenge=challenge, project=nya_kiruna, **_idea())
        assert "project" in refused.value.message_dict

    def test_organisation_and_municipality_of_others(
        self,
        resident: User,
        challenge: Challenge,
        kiruna: Organisation,
        kiruna_municipality: Municipality,
    ) -> None:
        for field, value in (("organisation", kiruna), ("municipality", kiruna_municipality)):
            with pytest.raises(ValidationError) as refused:
                services.idea_submit(
                    actor=resident, challenge=challenge, **{field: value}, **_idea()
                )
            assert field in refused.value.message_dict
        # A standalone idea may be meant for any municipality.
        idea = services.idea_submit(actor=resident, municipality=kiruna_municipality, **_idea())
        assert idea.municipality == kiruna_municipality

    def test_update_checks_new_choices_and_keeps_old_ones(
        self,
        resident: User,
        challenge: Challenge,
        company: Organisation,
        kiruna: Organisation,
        kiruna_municipality: Municipality,
    ) -> None:
        idea = services.idea_submit(
            actor=resident, challenge=challenge, organisation=company, **_idea()
        )
        company.memberships.all().delete()
        services.idea_update(actor=resident, idea=idea, title="Nytt namn")
        for field, value in (("organisation", kiruna), ("municipality", kiruna_municipality)):
            idea.refresh_from_db()
            with pytest.raises(ValidationError) as refused:
                services.idea_update(actor=resident, idea=idea, **{field: value})
            assert list(refused.value.message_dict) == [field]

    def test_challenge_needs_and_programme_of_others(
        self, gavle_leader: User, naringen: Project, foreign_need: Need
    ) -> None:
        elsewhere = ProgrammeFactory()
        fields = {"title": "T", "description": "D", "deadline": "2030-01-01"}
        with pytest.raises(ValidationError) as refused:
            services.challenge_create(
                actor=gavle_leader, project=naringen, needs=[foreign_need], **fields
            )
        assert "needs" in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            services.challenge_create(
                actor=gavle_leader, project=naringen, programme=elsewhere, **fields
            )
        assert "programme" in refused.value.message_dict


class TestApi:
    def test_idea_refuses_choices_of_others(
        self,
        resident: User,
        challenge: Challenge,
        secret_challenge: Challenge,
        hidden_project: Project,
        nya_kiruna: Project,
        kiruna: Organisation,
    ) -> None:
        client = _api(resident)
        for field, body in (
            ("challenge", {"challenge": secret_challenge.pk}),
            ("project", {"project": hidden_project.slug, "municipality": "2584"}),
            ("project", {"challenge": challenge.pk, "project": nya_kiruna.slug}),
            ("organisation", {"challenge": challenge.pk, "organisation": kiruna.slug}),
            ("municipality", {"challenge": challenge.pk, "municipality": "2584"}),
        ):
            answer = client.post("/api/v1/ideas/", _idea(**body), format="json")
            assert answer.status_code == 400, (field, answer.json())
            assert field in answer.json()
        assert not Idea.objects.exists()

    def test_idea_update_refuses_choices_of_others(
        self, idea: Idea, author: User, kiruna: Organisation
    ) -> None:
        for field, value in (("organisation", kiruna.slug), ("municipality", "2584")):
            answer = _api(author).patch(f"/api/v1/ideas/{idea.pk}/", {field: value}, format="json")
            assert answer.status_code == 400, (field, answer.json())
            assert field in answer.json()

    def test_challenge_refuses_projects_and_needs_of_others(
        self,
        gavle_leader: User,
        naringen: Project,
        hidden_project: Project,
        foreign_need: Need,
        challenge: Challenge,
    ) -> None:
        body = {"title": "T", "description": "D", "deadline": "2030-01-01"}
        client = _api(gavle_leader)
        unseen = client.post(
            "/api/v1/challenges/", {"project": hidden_project.slug, **body}, format="json"
        )
        needs = client.post(
            "/api/v1/challenges/",
            {"project": naringen.slug, "needs": [foreign_need.pk], **body},
            format="json",
        )
        changed = client.patch(
            f"/api/v1/challenges/{challenge.pk}/", {"needs": [foreign_need.pk]}, format="json"
        )
        assert (unseen.status_code, list(unseen.json())) == (400, ["project"])
        assert (needs.status_code, list(needs.json())) == (400, ["needs"])
        assert (changed.status_code, list(changed.json())) == (400, ["needs"])
        assert Challenge.objects.count() == 1

    def test_reply_to_a_comment_of_another_idea(
        self, idea: Idea, resident: User, author: User
    ) -> None:
        other = IdeaFactory()
        foreign = services.comment_add(actor=author, idea=other, text="Hej")
        answer = _api(resident).post(
            f"/api/v1/ideas/{idea.pk}/comments/",
            {"text": "Svar", "parent": foreign.pk},
            format="json",
        )
        assert answer.status_code == 400
        assert "parent" in answer.json()
        assert not Comment.objects.filter(idea=idea).exists()


class TestForms:
    def test_idea_form_refuses_choices_of_others(
        self,
        resident: User,
        challenge: Challenge,
        secret_challenge: Challenge,
        company: Organisation,
        kiruna: Organisation,
        kiruna_municipality: Municipality,
    ) -> None:
        client = _client(resident)
        for body in (
            {"challenge": secret_challenge.pk},
            {"challenge": challenge.pk, "organisation": kiruna.pk},
            {"challenge": challenge.pk, "municipality": kiruna_municipality.pk},
        ):
            page = client.post("/en/ideer/ny/", _idea(**body))
            assert page.status_code == 200, body
            assert 'role="alert"' in page.text
        assert not Idea.objects.exists()

    def test_idea_edit_form_refuses_choices_of_others(
        self,
        idea: Idea,
        author: User,
        kiruna_municipality: Municipality,
    ) -> None:
        page = _client(author).post(
            f"/en/ideer/{idea.pk}/andra/", _idea(municipality=kiruna_municipality.pk)
        )
        assert page.status_code == 200
        assert 'role="alert"' in page.text
        idea.refresh_from_db()
        assert idea.municipality == idea.project.municipality  # type: ignore[union-attr]

    def test_challenge_form_refuses_needs_and_programmes_of_others(
        self, gavle_leader: User, naringen: Project, foreign_need: Need
    ) -> None:
        elsewhere = ProgrammeFactory()
        body = {"title": "Gröna tak", "description": "Hur?", "deadline": "2030-06-01"}
        client = _client(gavle_leader)
        for extra in ({"needs": [foreign_need.pk]}, {"programme": elsewhere.pk}):
            page = client.post(f"/en/ideer/projekt/{naringen.slug}/ny-utmaning/", {**body, **extra})
            assert page.status_code == 200
            assert 'role="alert"' in page.text
        assert not Challenge.objects.exists()

    def test_challenge_edit_form_refuses_needs_of_others(
        self, gavle_leader: User, challenge: Challenge, foreign_need: Need
    ) -> None:
        body = {"title": "Nytt namn", "description": "Hur?", "deadline": "2030-06-01"}
        page = _client(gavle_leader).post(
            f"/en/ideer/utmaningar/{challenge.pk}/andra/", {**body, "needs": [foreign_need.pk]}
        )
        assert page.status_code == 200
        assert 'role="alert"' in page.text
        challenge.refresh_from_db()
        assert challenge.title != "Nytt namn"
        assert not challenge.needs.exists()

    def test_reply_to_a_comment_of_another_idea(
        self, idea: Idea, resident: User, author: User
    ) -> None:
        foreign = services.comment_add(actor=author, idea=IdeaFactory(), text="Hej")
        answer = _client(resident).post(
            f"/en/ideer/{idea.pk}/kommentarer/", {"text": "Svar", "parent": foreign.pk}
        )
        assert answer.status_code == 400
        assert not Comment.objects.filter(idea=idea).exists()
