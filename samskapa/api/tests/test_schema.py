"""The OpenAPI description says what the API really answers, errors and all."""

from typing import Any

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

METHODS = {"get", "put", "patch", "post", "delete"}


@pytest.fixture
def schema(api_client: APIClient, reference_data: None) -> dict[str, Any]:
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in METHODS
    ]


def test_every_operation_documents_its_json_errors(schema: dict[str, Any]) -> None:
    missing = [
        f"{method.upper()} {path} {code}"
        for path, method, operation in _operations(schema)
        for code in ("400", "401", "403", "404", "429")
        if "application/json" not in operation["responses"].get(code, {}).get("content", {})
    ]

    assert missing == []
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]


@pytest.mark.parametrize(
    ("path", "method", "code", "fields"),
    [
        ("/api/v1/ideas/{id}/support/", "post", "200", {"supported", "support_count"}),
        ("/api/v1/ideas/{id}/support/", "delete", "200", {"supported", "support_count"}),
        ("/api/v1/ideas/{id}/follow/", "post", "200", {"following"}),
        ("/api/v1/ideas/{id}/follow/", "delete", "200", {"following"}),
        ("/api/v1/needs/{id}/support/", "post", "201", {"id", "support_count", "supported"}),
        ("/api/v1/needs/{id}/support/", "post", "200", {"id", "support_count", "supported"}),
        ("/api/v1/needs/{id}/support/", "delete", "200", {"id", "support_count", "supported"}),
    ],
)
def test_support_and_follow_answer_the_callers_state(
    schema: dict[str, Any], path: str, method: str, code: str, fields: set[str]
) -> None:
    operation = schema["paths"][path][method]

    assert "requestBody" not in operation
    reference = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assert set(component["properties"]) == fields


@pytest.mark.parametrize(
    ("component", "field"),
    [("Criterion", "challenge"), ("GateDecision", "board_name"), ("Criterion", "programme")],
)
def test_fields_that_can_be_empty_are_nullable(
    schema: dict[str, Any], component: str, field: str
) -> None:
    assert schema["components"]["schemas"][component]["properties"][field]["nullable"] is True


def test_parked_from_stage_may_be_blank(schema: dict[str, Any]) -> None:
    """An initiative that is not parked has "" there."""
    field = schema["components"]["schemas"]["Initiative"]["properties"]["parked_from_stage"]

    assert {"$ref": "#/components/schemas/BlankEnum"} in field["oneOf"]
    assert schema["components"]["schemas"]["BlankEnum"]["enum"] == [""]


def test_operations_that_take_a_body_document_the_wrong_media_type(
    schema: dict[str, Any], api_client: APIClient, resident: Any
) -> None:
    with_body = [op for _path, method, op in _operations(schema) if method in {"post", "patch"}]
    assert with_body
    assert all("415" in operation["responses"] for operation in with_body)
    assert all(
        "415" not in operation["responses"]
        for _path, method, operation in _operations(schema)
        if method == "get"
    )
    api_client.force_authenticate(resident)
    answer = api_client.post("/api/v1/ideas/", "title=x", content_type="text/plain")
    assert answer.status_code == 415
    assert "detail" in answer.json()
