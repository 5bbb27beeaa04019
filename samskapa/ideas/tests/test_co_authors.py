"""Co-authors by e-mail address: a refusal never tells which addresses have an account."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.ideas.models import Idea

pytestmark = pytest.mark.django_db

UNKNOWN = "finns-inte@example.se"
ALSO_UNKNOWN = "inte-heller@example.se"


@pytest.fixture
def known(reference_data: None) -> User:
    return UserFactory(email="finns@example.se")


@pytest.fixture
def closed(reference_data: None) -> User:
    """An account that is no longer active: it cannot be added either."""
    return UserFactory(email="stangd@example.se", is_active=False)


def lists_with_an_address_that_cannot_be_added(known: User, closed: User) -> list[list[str]]:
    return [
        [UNKNOWN],
        [known.email, UNKNOWN],
        [UNKNOWN, ALSO_UNKNOWN],
        [closed.email],
        [known.email, closed.email],
    ]


class TestApi:
    def errors(self, client: APIClient, idea: Idea, emails: list[str]) -> object:
        response = client.patch(f"/api/v1/ideas/{idea.pk}/", {"co_authors": emails}, format="json")
        assert response.status_code == 400
        return response.json()

    def test_the_error_is_the_same_whichever_address_has_an_account(
        self, api_client: APIClient, idea: Idea, author: User, known: User, closed: User
    ) -> None:
        api_client.force_authenticate(author)

        errors = [
            self.errors(api_client, idea, emails)
            for emails in lists_with_an_address_that_cannot_be_added(known, closed)
        ]

        assert all(error == errors[0] for error in errors)
        text = str(errors[0])
        assert "co_authors" in errors[0]  # type: ignore[operator]
        assert not any(email in text for email in (known.email, closed.email, UNKNOWN))
        assert list(idea.co_authors.all()) == []

    def test_people_with_accounts_are_added(
        self, api_client: APIClient, idea: Idea, author: User, known: User
    ) -> None:
        api_client.force_authenticate(author)

        response = api_client.patch(
            f"/api/v1/ideas/{idea.pk}/", {"co_authors": [known.email.upper()]}, format="json"
        )

        assert response.status_code == 200
        assert list(idea.co_authors.all()) == [known]


class TestPage:
    def errors(self, client: Client, idea: Idea, emails: list[str]) -> list[str]:
        response = client.post(
            f"/sv/ideer/{idea.pk}/andra/",
            {
                "title": idea.title,
                "summary": idea.summary,
                "description": idea.description,
                "municipality": idea.municipality_id,
                "co_authors": ", ".join(emails),
            },
        )
        assert response.status_code == 200
        return list(response.context["form"].errors["co_authors"])

    def test_the_error_is_the_same_whichever_address_has_an_account(
        self, client: Client, idea: Idea, author: User, known: User, closed: User
    ) -> None:
        client.force_login(author)

        errors = [
            self.errors(client, idea, emails)
            for emails in lists_with_an_address_that_cannot_be_added(known, closed)
        ]

        assert all(error == errors[0] for error in errors)
        assert len(errors[0]) == 1
        assert not any(email in errors[0][0] for email in (known.email, closed.email, UNKNOWN))
        assert list(idea.co_authors.all()) == []

    def test_people_with_accounts_are_added(
        self, client: Client, idea: Idea, author: User, known: User
    ) -> None:
        client.force_login(author)

        response = client.post(
            f"/sv/ideer/{idea.pk}/andra/",
            {
                "title": idea.title,
                "summary": idea.summary,
                "description": idea.description,
                "municipality": idea.municipality_id,
                "co_authors": known.email,
            },
        )

        assert response.status_code == 302
        assert list(idea.co_authors.all()) == [known]
