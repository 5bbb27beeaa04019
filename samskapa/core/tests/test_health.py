"""The health endpoint that load balancers and monitoring ask."""

import time

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from samskapa.accounts.models import User
from samskapa.core import heartbeat
from samskapa.core.tests.outage import REFUSED, silent_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def workers(settings: Settings) -> heartbeat.redis.Redis:
    """Celery as in production (a broker, no eager tasks), with no heartbeat written yet."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    client = heartbeat.redis_client(settings.REDIS_URL)
    client.delete(heartbeat.KEY)
    yield client
    client.delete(heartbeat.KEY)


def test_healthy_when_database_and_redis_answer(client: Client) -> None:
    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok", "vendor": "postgresql"}
    assert body["checks"]["redis"] == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_degraded_but_serving_when_redis_is_down(client: Client, settings: Settings) -> None:
    # Pages work without Redis (core.cache), so the load balancer must keep the server: 200.
    settings.REDIS_URL = f"redis://{REFUSED}/0"

    response = client.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["redis"] == {"status": "error"}
    assert body["checks"]["database"]["status"] == "ok"


def test_a_hanging_redis_is_called_down_within_a_quarter_second(
    client: Client, settings: Settings
) -> None:
    with silent_server() as location:
        settings.REDIS_URL = f"redis://{location}/0"
        started = time.perf_counter()
        response = client.get("/health/")
        seconds = time.perf_counter() - started

    assert response.json()["checks"]["redis"] == {"status": "error"}
    assert seconds < 0.6


def test_the_public_answer_names_no_host_port_or_error(client: Client, settings: Settings) -> None:
    settings.REDIS_URL = f"redis://{REFUSED}/0"

    text = client.get("/health/").text

    assert "127.0.0.1" not in text
    assert "Connection refused" not in text
    assert 'error":' not in text.replace('"status": "error"', "")


def test_a_platform_administrator_sees_the_details(
    client: Client, settings: Settings, platform_admin: User, resident: User
) -> None:
    settings.REDIS_URL = f"redis://{REFUSED}/0"
    client.force_login(resident)
    assert "Connection refused" not in client.get("/health/").text

    client.force_login(platform_admin)
    checks = client.get("/health/").json()["checks"]

    assert "Connection refused" in checks["redis"]["error"]
    assert checks["database"]["ms"] >= 0


class TestWorkers:
    def test_workers_are_ok_when_one_beat_recently(
        self, client: Client, workers: heartbeat.redis.Redis
    ) -> None:
        heartbeat.record("celery@worker-1")

        started = time.perf_counter()
        body = client.get("/health/").json()
        seconds = time.perf_counter() - started

        assert body["checks"]["celery"] == {"status": "ok"}
        assert seconds < 0.5  # no broadcast ping, which waited a second for answers

    def test_no_workers_when_the_last_beat_is_old(
        self, client: Client, workers: heartbeat.redis.Redis
    ) -> None:
        workers.zadd(heartbeat.KEY, {"celery@worker-1": time.time() - 10 * heartbeat.INTERVAL})

        body = client.get("/health/").json()

        assert body["checks"]["celery"] == {"status": "no_workers"}
        assert body["status"] == "ok"  # workers are reported, not required to serve pages

    def test_a_worker_that_stops_is_forgotten_at_once(
        self, client: Client, workers: heartbeat.redis.Redis, platform_admin: User
    ) -> None:
        heartbeat.record("celery@worker-1")
        heartbeat.record("celery@worker-2")
        heartbeat.forget("celery@worker-1")
        client.force_login(platform_admin)

        celery = client.get("/health/").json()["checks"]["celery"]

        assert list(celery["workers"]) == ["celery@worker-2"]

    def test_unknown_while_redis_is_down(
        self, client: Client, workers: heartbeat.redis.Redis, settings: Settings
    ) -> None:
        settings.REDIS_URL = f"redis://{REFUSED}/0"

        assert client.get("/health/").json()["checks"]["celery"] == {"status": "unknown"}

    def test_tasks_run_in_the_request_without_a_broker(self, client: Client) -> None:
        assert client.get("/health/").json()["checks"]["celery"] == {"status": "eager"}
