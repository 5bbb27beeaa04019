"""/api/v1/ answers a JSON index of the API, and its documentation page declares its language."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_root_of_the_api_lists_its_collections(client: Client) -> None:
    response = client.get("/api/v1/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    index = response.json()
    assert index["collections"]["project"] == "http://testserver/api/v1/projects/"
    assert "need" in index["collections"] and "initiative" in index["collections"]
    assert index["schema"] == "http://testserver/api/schema/"


def test_the_index_only_reads(client: Client) -> None:
    assert client.post("/api/v1/").status_code == 405


@pytest.mark.parametrize("address", ["/api/docs/", "/api/redoc/"])
def test_the_documentation_pages_declare_their_language(client: Client, address: str) -> None:
    assert '<html lang="en">' in client.get(address).text
