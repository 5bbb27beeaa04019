"""The API token endpoint: the login form's limits guard it, and one lockout closes both doors."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
LOGIN_URL = "/sv/konto/login/"


class TestTokenLimits:
    def test_right_password_gives_a_token_that_authenticates(
        self, api_client: APIClient, resident: User
    ) -> None:
        response = api_client.post(
            TOKEN_URL, {"username": resident.email, "password": PASSWORD}, format="json"
        )

        assert response.status_code == 200
        assert response.json()["token"] == Token.objects.get(user=resident).key
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
        assert api_client.get("/api/v1/notifications/").status_code == 200

    def test_a_run_of_wrong_passwords_is_stopped_with_429(
        self, api_client: APIClient, resident: User
    ) -> None:
        statuses = [
            api_client.post(
                TOKEN_URL, {"username": resident.email, "password": f"gissning-{n}"}, format="json"
            ).status_code
            for n in range(40)
        ]

        assert statuses[:5] == [400] * 5
        assert set(statuses[5:]) == {429}
        # Locked: not even the right password is let through for now.
        right = api_client.post(
            TOKEN_URL, {"username": resident.email, "password": PASSWORD}, format="json"
        )
        assert right.status_code == 429
        assert not Token.objects.filter(user=resident).exists()

    def test_429_is_json_with_a_translated_message(
        self, api_client: APIClient, resident: User
    ) -> None:
        for n in range(5):
            api_client.post(
                TOKEN_URL, {"username": resident.email, "password": f"fel-{n}"}, format="json"
            )

        swedish = api_client.post(
            TOKEN_URL, {"username": resident.email, "password": PASSWORD}, format="json"
        )
        english = api_client.post(
            TOKEN_URL,
            {"username": resident.email, "password": PASSWORD},
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )

        assert swedish.status_code == english.status_code == 429
        assert swedish["Content-Type"] == "application/json"
        assert swedish.json() == {
            "detail": "För många inloggningsförsök. Vänta några minuter och försök igen."
        }
        assert english.json() == {
            "detail": "Too many attempts to log in. Wait a few minutes and try again."
        }

    def test_the_address_is_limited_across_accounts(
        self, api_client: APIClient, reference_data: None
    ) -> None:
        people = [UserFactory() for _ in range(11)]

        statuses = [
            api_client.post(
                TOKEN_URL, {"username": person.email, "password": "fel"}, format="json"
            ).status_code
            for person in people
        ]

        assert statuses[:10] == [400] * 10
        assert statuses[10] == 429

    def test_a_lockout_of_one_account_leaves_others_from_elsewhere_alone(
        self, api_client: APIClient, resident: User
    ) -> None:
        other = UserFactory()
        for n in range(6):
            api_client.post(
                TOKEN_URL, {"username": resident.email, "password": f"fel-{n}"}, format="json"
            )

        response = api_client.post(
            TOKEN_URL,
            {"username": other.email, "password": PASSWORD},
            format="json",
            REMOTE_ADDR="198.51.100.20",
        )

        assert response.status_code == 200

    def test_missing_fields_answer_400(self, api_client: APIClient, resident: User) -> None:
        response = api_client.post(TOKEN_URL, {"username": resident.email}, format="json")

        assert response.status_code == 400
        assert "password" in response.json()


class TestOneLockoutForBothDoors:
    def test_login_form_lockout_refuses_the_token(
        self, client: Client, api_client: APIClient, resident: User
    ) -> None:
        for n in range(5):
            page = client.post(LOGIN_URL, {"login": resident.email, "password": f"fel-{n}"})
            assert page.status_code == 200

        response = api_client.post(
            TOKEN_URL, {"username": resident.email, "password": PASSWORD}, format="json"
        )

        assert response.status_code == 429
        assert not Token.objects.filter(user=resident).exists()

    def test_token_endpoint_failures_lock_the_login_form(
        self, client: Client, api_client: APIClient, resident: User
    ) -> None:
        for n in range(5):
            api_client.post(
                TOKEN_URL, {"username": resident.email, "password": f"fel-{n}"}, format="json"
            )

        page = client.post("/en/konto/login/", {"login": resident.email, "password": PASSWORD})

        assert page.status_code == 200
        assert "_auth_user_id" not in client.session
        assert "Too many failed login attempts" in page.text

    def test_the_email_is_counted_whatever_its_case(
        self, api_client: APIClient, resident: User
    ) -> None:
        for n in range(5):
            api_client.post(
                TOKEN_URL,
                {"username": resident.email.upper(), "password": f"fel-{n}"},
                format="json",
            )

        response = api_client.post(
            TOKEN_URL, {"username": resident.email, "password": PASSWORD}, format="json"
        )

        assert response.status_code == 429


def test_schema_describes_the_token_endpoint_with_its_429(
    api_client: APIClient, reference_data: None
) -> None:
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    def component(reference: str) -> dict:
        return dict(schema["components"]["schemas"][reference.rsplit("/", 1)[1]])

    operation = schema["paths"]["/api/v1/auth/token/"]["post"]
    assert {"200", "400", "429"} <= set(operation["responses"])
    throttled = operation["responses"]["429"]["content"]["application/json"]["schema"]["$ref"]
    assert set(component(throttled)["properties"]) == {"detail"}
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert set(component(body)["required"]) == {"username", "password"}
