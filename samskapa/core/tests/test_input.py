"""Input Samskapa cannot store or walk is refused at the edge with a 400 and a message.

A NUL character (``\\x00``, ``%00`` in an address) cannot be stored in PostgreSQL text; before
the middleware and the parsers each of these reached the database and answered 500.
"""

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from rest_framework.exceptions import ParseError
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.core.parsers import MAX_JSON_DEPTH, check_json_value
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

NUL_MESSAGE_EN = "The request contains a null character (NUL), which is not allowed."
NUL_MESSAGE_SV = "Förfrågan innehåller ett nolltecken (NUL), vilket inte är tillåtet."


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "path",
    [
        "/sv/behov/?q=%00",
        "/sv/sok/?q=%00",
        "/sv/ideer/?q=%00",
        "/sv/projekt/?q=%00",
        "/sv/organisationer/?q=%00",
        "/sv/behov/behov.csv?q=%00",
        "/sv/portfolj/kommun/%00/",
        "/sv/behov/?q%00=gavle",
        "/sv/behov/?q=Gävle%00kommun",
    ],
)
def test_pages_refuse_a_nul_in_the_address(client: Client, naringen: Project, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert NUL_MESSAGE_SV in response.text
    assert 'lang="sv"' in response.text


def test_the_message_is_in_the_language_of_the_page(client: Client, naringen: Project) -> None:
    response = client.get("/en/sok/?q=%00")

    assert response.status_code == 400
    assert NUL_MESSAGE_EN in response.text


def test_pages_without_nul_are_answered_as_before(client: Client, naringen: Project) -> None:
    assert client.get("/sv/sok/?q=Näringen").status_code == 200
    assert client.get("/sv/behov/?q=Gävle").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/municipalities/%00/",
        "/api/v1/needs/?q=%00",
        "/api/v1/projects/?organisation=%00",
        "/api/v1/projects/%00/",
    ],
)
def test_api_refuses_a_nul_in_the_address_with_json(
    api_client: APIClient, naringen: Project, path: str
) -> None:
    response = api_client.get(path, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith(NUL_MESSAGE_EN)


def test_a_nul_in_a_cookie_or_header_is_refused(client: Client, naringen: Project) -> None:
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    assert client.get("/sv/").status_code == 400

    client.cookies.clear()
    assert (
        client.get("/api/v1/municipalities/", HTTP_AUTHORIZATION="Token a\x00b").status_code == 400
    )


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_nul_in_a_posted_form_is_refused(
    client: Client, reference_data: None, encoding: str
) -> None:
    form = {"login": "a\x00@example.se", "password": "x"}
    if encoding == "multipart":
        response = client.post("/sv/konto/login/", form)
    else:
        response = client.post(
            "/sv/konto/login/",
            urlencode(form),
            content_type="application/x-www-form-urlencoded",
        )

    assert response.status_code == 400
    assert NUL_MESSAGE_SV in response.text


class TestApiBodies:
    def _post(self, user: User, body: Any) -> Any:
        client = APIClient()
        client.force_authenticate(user)
        return client.post("/api/v1/needs/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")

    @pytest.mark.parametrize(
        "extra",
        [
            {"dimensions": ["ecological\x00"]},
            {"sdg_targets": ["11.\x002"]},
            {"stakeholder_group": "residents\x00"},
            {"title": "Trygg\x00are stråk"},
            {"project": "naringen\x00"},
            {"title\x00": "key with a NUL"},
        ],
    )
    def test_a_nul_anywhere_in_a_json_body_is_refused(
        self, naringen: Project, resident: User, extra: dict[str, Any]
    ) -> None:
        body = {"project": naringen.slug, "title": "Tryggare stråk", "description": "…", **extra}

        response = self._post(resident, body)

        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"].startswith(NUL_MESSAGE_EN)

    def test_a_body_nested_5000_deep_is_refused(self, naringen: Project, resident: User) -> None:
        client = APIClient()
        client.force_authenticate(resident)

        response = client.post(
            "/api/v1/needs/",
            nested(5000),
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        )

        assert response.status_code == 400
        assert response.json() == {"detail": "The JSON body is nested more than 100 levels deep."}

    def test_the_token_endpoint_with_its_own_parsers_refuses_it_too(
        self, api_client: APIClient, reference_data: None
    ) -> None:
        response = api_client.post(
            "/api/v1/auth/token/",
            nested(5000),
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        )

        assert response.status_code == 400
        assert "nested" in response.json()["detail"]

    def test_a_form_encoded_patch_with_a_nul_is_refused(
        self, naringen: Project, gavle_leader: User
    ) -> None:
        client = APIClient()
        client.force_authenticate(gavle_leader)

        response = client.patch(
            f"/api/v1/projects/{naringen.slug}/",
            "summary=Ny%00sammanfattning",
            content_type="application/x-www-form-urlencoded",
            HTTP_ACCEPT_LANGUAGE="en",
        )

        assert response.status_code == 400
        assert response.json()["detail"].startswith(NUL_MESSAGE_EN)


def test_json_within_the_depth_limit_passes_the_check() -> None:
    check_json_value({"a": [{"b": "text"}], "c": None, "d": 1.5})
    check_json_value(json.loads(nested(MAX_JSON_DEPTH)))

    with pytest.raises(ParseError):
        check_json_value(json.loads(nested(MAX_JSON_DEPTH + 1)))
