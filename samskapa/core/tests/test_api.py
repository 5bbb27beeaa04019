"""API-wide behaviour: token login, the OpenAPI description, and the caller's notifications."""

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import PASSWORD, UserFactory
from samskapa.core.services import notification_send
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


class TestTokenAuth:
    def test_token_from_email_and_password_authenticates(
        self, api_client: APIClient, gavle_leader: User, naringen: Project
    ) -> None:
        response = api_client.post(
            "/api/v1/auth/token/",
            {"username": gavle_leader.email, "password": PASSWORD},
            format="json",
        )
        assert response.status_code == 200
        token = response.json()["token"]

        api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        patched = api_client.patch(
            f"/api/v1/projects/{naringen.slug}/", {"area": "Näringen syd"}, format="json"
        )

        assert patched.status_code == 200
        assert Project.objects.get(pk=naringen.pk).area == "Näringen syd"

    def test_wrong_password_gets_no_token(self, api_client: APIClient, resident: User) -> None:
        response = api_client.post(
            "/api/v1/auth/token/", {"username": resident.email, "password": "fel"}, format="json"
        )

        assert response.status_code == 400
        assert "token" not in response.json()

    def test_made_up_token_is_401_json(self, api_client: APIClient, naringen: Project) -> None:
        api_client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")

        response = api_client.get("/api/v1/projects/")

        assert response.status_code == 401
        assert "detail" in response.json()


class TestNotifications:
    def test_caller_sees_only_their_own(self, api_client: APIClient, resident: User) -> None:
        notification_send(recipients=[resident], title="Till mig", email=False)
        notification_send(recipients=[UserFactory()], title="Till någon annan", email=False)
        api_client.force_authenticate(resident)

        body = api_client.get("/api/v1/notifications/").json()

        assert [row["title"] for row in body["results"]] == ["Till mig"]

    def test_anonymous_is_refused(self, api_client: APIClient, reference_data: None) -> None:
        response = api_client.get("/api/v1/notifications/")

        assert response.status_code in (401, 403)
        assert "detail" in response.json()


class TestDocumentation:
    def test_schema_is_an_openapi_document_with_our_paths(
        self, api_client: APIClient, reference_data: None
    ) -> None:
        response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

        assert response.status_code == 200
        schema = response.json()
        assert schema["openapi"].startswith("3.")
        assert schema["info"]["title"] == "Samskapa API"
        assert {"/api/v1/projects/", "/api/v1/organisations/{slug}/"} <= set(schema["paths"])

    @pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
    def test_documentation_pages_render(
        self, api_client: APIClient, reference_data: None, url: str
    ) -> None:
        response = api_client.get(url)

        assert response.status_code == 200
        assert "/api/schema/" in response.content.decode()

    @pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
    def test_documentation_pages_answer_only_get(
        self, api_client: APIClient, reference_data: None, url: str
    ) -> None:
        response = api_client.options(url)

        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"


class TestClientMistakesAreNeverServerErrors:
    def test_malformed_json_is_400(
        self, api_client: APIClient, gavle_leader: User, naringen: Project
    ) -> None:
        api_client.force_authenticate(gavle_leader)

        response = api_client.generic(
            "PATCH",
            f"/api/v1/projects/{naringen.slug}/",
            '{"name": "Näringen",',
            content_type="application/json",
        )

        assert response.status_code == 400
        assert "detail" in response.json()

    def test_nonsense_page_is_404_json(self, api_client: APIClient, naringen: Project) -> None:
        response = api_client.get("/api/v1/projects/", {"page": "abc"})

        assert response.status_code == 404
        assert "detail" in response.json()

    def test_page_size_is_capped(self, api_client: APIClient, reference_data: None) -> None:
        body = api_client.get("/api/v1/municipalities/", {"page_size": 100000}).json()

        assert len(body["results"]) == 100

    def test_delete_is_not_offered(
        self, api_client: APIClient, platform_admin: User, naringen: Project
    ) -> None:
        api_client.force_authenticate(platform_admin)

        response = api_client.delete(f"/api/v1/projects/{naringen.slug}/")

        assert response.status_code in (403, 405)
        assert "detail" in response.json()
        assert Project.objects.filter(pk=naringen.pk).exists()
