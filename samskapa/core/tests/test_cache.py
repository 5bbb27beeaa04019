"""While Redis is down the cache answers "not cached", and what uses it goes on without it."""

import logging
import time
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from samskapa.accounts.models import User
from samskapa.core.cache import ResilientRedisCache
from samskapa.core.tests.outage import REFUSED, silent_server
from samskapa.geo.api.views import MunicipalityList
from samskapa.settings.base import redis_cache


def unreachable_cache(location: str) -> ResilientRedisCache:
    options = {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}
    return ResilientRedisCache(f"redis://{location}/0", {"OPTIONS": options})


@pytest.fixture(autouse=True)
def _forget_pauses() -> Iterator[None]:
    ResilientRedisCache._paused_until.clear()
    yield
    ResilientRedisCache._paused_until.clear()


def test_every_operation_answers_as_an_empty_cache(caplog: pytest.LogCaptureFixture) -> None:
    down = unreachable_cache(REFUSED)

    with caplog.at_level(logging.WARNING, logger="samskapa.cache"):
        assert down.get("key") is None
        assert down.get("key", "default") == "default"
        down.set("key", "value")
        assert down.add("key", "value") is True  # a lock taken, so that nobody waits for it
        assert down.get_many(["a", "b"]) == {}
        assert down.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert down.has_key("key") is False
        assert down.delete("key") is False
        assert down.touch("key") is False
        assert down.get_or_set("key", "computed") == "computed"
        down.delete_many(["a", "b"])
        down.clear()
        with pytest.raises(ValueError, match="not found"):
            down.incr("counter")

    # One warning when Redis is found down, not one per call.
    warnings = [r for r in caplog.records if r.name == "samskapa.cache"]
    assert len(warnings) == 1
    assert "Redis cache unreachable" in warnings[0].getMessage()


def test_a_hanging_redis_costs_one_timeout_then_nothing() -> None:
    with silent_server() as location:
        down = unreachable_cache(location)

        started = time.perf_counter()
        assert down.get("first") is None
        first = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(50):
            assert down.get("next") is None
        next_fifty = time.perf_counter() - started

    assert 0.15 < first < 1.0
    assert next_fifty < 0.05


def test_redis_is_tried_again_after_the_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    down = unreachable_cache(REFUSED)
    assert down.get("key") is None
    assert ResilientRedisCache._paused_until

    # The same cache class against the real Redis works as a cache: nothing is paused there.
    cache.set("resilient", "yes")
    assert cache.get("resilient") == "yes"

    monkeypatch.setattr(ResilientRedisCache, "retry_after", 0.0)
    down._paused_until[down._location] = 0.0
    assert down.get("key", "tried") == "tried"


DOWN = {"default": redis_cache(f"redis://{REFUSED}/0", KEY_PREFIX="down")}


@pytest.mark.django_db
@override_settings(CACHES=DOWN)
def test_a_logged_in_page_works_with_the_session_read_from_the_database(
    client: Client, resident: User
) -> None:
    client.force_login(resident)

    response = client.get("/sv/mitt-arbete/")

    assert response.status_code == 200
    assert response.context["user"] == resident


class TightAnonThrottle(AnonRateThrottle):
    rate = "2/min"


@pytest.mark.django_db
def test_the_api_rate_limit_fails_open_with_a_warning(
    reference_data: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(MunicipalityList, "throttle_classes", [TightAnonThrottle])
    client = APIClient()

    # With Redis up the limit holds: the third call in a minute is refused.
    statuses = [client.get("/api/v1/municipalities/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]

    with override_settings(CACHES=DOWN), caplog.at_level(logging.WARNING, logger="samskapa.cache"):
        statuses = [client.get("/api/v1/municipalities/").status_code for _ in range(3)]

    assert statuses == [200, 200, 200]
    assert any("rate limits are not enforced" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
@override_settings(CACHES=DOWN)
def test_the_login_form_works(client: Client, resident: User) -> None:
    from allauth.account.models import EmailAddress

    from samskapa.accounts.tests.factories import PASSWORD

    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)

    # allauth guards the login with a rate limit whose lock and counters live in the cache.
    response = client.post("/sv/konto/login/", {"login": resident.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/sv/mitt-arbete/").context["user"] == resident
