"""The health endpoint that load balancers and monitoring ask."""

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

pytestmark = pytest.mark.django_db


def test_healthy_when_database_and_redis_answer(client: Client) -> None:
    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok", "vendor": "postgresql"}
    assert body["checks"]["redis"] == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_unhealthy_when_redis_is_down(client: Client, settings: Settings) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["redis"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"
