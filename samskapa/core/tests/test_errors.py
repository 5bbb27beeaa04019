"""What a crash or a lost database looks like: JSON in the API, a short page on the site.

The views here are made to fail on purpose (a patched selector or queryset), the way a bug or a
database that went away mid-request would.
"""

import logging

import pytest
from django.db import OperationalError
from django.test import Client

from samskapa.geo.api.views import MunicipalityList
from samskapa.needs import selectors as need_selectors

pytestmark = pytest.mark.django_db


def crash(*args: object, **kwargs: object) -> None:
    raise RuntimeError("a bug in a view")


def database_gone(*args: object, **kwargs: object) -> None:
    raise OperationalError('connection to server at "db.internal" (10.0.0.5), port 5432 failed')


@pytest.fixture
def client() -> Client:
    """A client that gets the error answer, as a browser would, instead of the exception."""
    return Client(raise_request_exception=False)


def test_an_api_crash_answers_json_and_is_logged_with_its_traceback(
    client: Client,
    reference_data: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(MunicipalityList, "get_queryset", crash)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/v1/municipalities/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "A server error occurred. It has been logged; please try again later."
    }
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError


def test_the_api_error_is_translated(
    client: Client, reference_data: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MunicipalityList, "get_queryset", crash)

    response = client.get("/api/v1/municipalities/", HTTP_ACCEPT_LANGUAGE="sv")

    assert response.json()["detail"].startswith("Ett fel uppstod hos oss")


def test_a_page_crash_still_answers_the_error_page(
    client: Client, reference_data: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(need_selectors, "need_list", crash)

    response = client.get("/sv/behov/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "Något gick fel" in response.text


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_page_without_its_database_answers_503_try_again(
    client: Client,
    reference_data: None,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    monkeypatch.setattr(need_selectors, "need_list", database_gone)

    response = client.get(f"/{language}/behov/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    expected = {
        "sv": "Samskapa når inte sin databas just nu",
        "en": "Samskapa cannot reach its database right now",
    }[language]
    assert expected in response.text
    assert "db.internal" not in response.text


def test_the_api_without_its_database_answers_503_json(
    client: Client, reference_data: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MunicipalityList, "get_queryset", database_gone)

    response = client.get("/api/v1/municipalities/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "The service is temporarily unavailable. Please try again in a minute."
    }
