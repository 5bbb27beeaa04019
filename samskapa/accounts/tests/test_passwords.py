"""A new password revokes API tokens: whoever knew the old one loses the API as well."""

import re

import pytest
from django.core import mail
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ett-helt-nytt-losenord-2026"


@pytest.fixture
def token(api_client: APIClient, resident: User) -> str:
    """A token fetched with the old password, as someone who learnt it would."""
    response = api_client.post(
        "/api/v1/auth/token/", {"username": resident.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    return str(response.json()["token"])


def api_status(token: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return int(client.get("/api/v1/notifications/").status_code)


def test_the_token_works_until_the_password_changes(token: str) -> None:
    assert api_status(token) == 200


def test_changing_the_password_revokes_the_token(
    client: Client, resident: User, token: str
) -> None:
    client.force_login(resident)

    response = client.post(
        "/sv/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)
    assert api_status(token) == 401
    assert not Token.objects.filter(user=resident).exists()


def test_a_refused_change_keeps_the_token(client: Client, resident: User, token: str) -> None:
    client.force_login(resident)

    response = client.post(
        "/sv/konto/password/change/",
        {"oldpassword": "fel", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert api_status(token) == 200


def test_resetting_the_password_revokes_the_token(
    client: Client, resident: User, token: str
) -> None:
    client.post("/sv/konto/password/reset/", {"email": resident.email})
    link = re.search(r"https?://[^/\s]+(/\S+/password/reset/key/\S+/)", mail.outbox[-1].body)
    assert link is not None
    form_url = client.get(link.group(1))["Location"]

    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)
    assert api_status(token) == 401


def test_administrator_setting_a_password_revokes_the_token(
    client: Client, platform_admin: User, resident: User, token: str
) -> None:
    client.force_login(platform_admin)

    response = client.post(
        f"/sv/admin/accounts/user/{resident.pk}/password/",
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)
    assert api_status(token) == 401


def test_a_new_token_can_be_fetched_with_the_new_password(
    client: Client, api_client: APIClient, resident: User, token: str
) -> None:
    client.force_login(resident)
    client.post(
        "/sv/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    response = api_client.post(
        "/api/v1/auth/token/",
        {"username": resident.email, "password": NEW_PASSWORD},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["token"] != token
    assert api_status(response.json()["token"]) == 200
