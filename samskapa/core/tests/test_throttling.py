"""The client's address behind rate limits: X-Forwarded-For is only believed from our proxies."""

import uuid
from collections.abc import Iterator

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings
from django.utils.module_loading import import_string
from rest_framework.test import APIClient
from rest_framework.views import APIView

from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.throttling import client_ip
from samskapa.settings import base

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def made_up() -> str:
    """An address a client could write in X-Forwarded-For, different each time."""
    number = uuid.uuid4().int
    return f"{number % 223 + 1}.{number // 7 % 256}.{number // 11 % 256}.{number // 13 % 254 + 1}"


@pytest.fixture
def api_throttles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The production throttle classes (the test settings switch them off), 3 anonymous calls."""
    classes = [import_string(name) for name in base.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]]
    for throttle in classes:
        monkeypatch.setattr(throttle, "THROTTLE_RATES", {"anon": "3/min", "user": "3/min"})
    monkeypatch.setattr(APIView, "throttle_classes", classes)
    yield


def regions(client: APIClient, **meta: str) -> int:
    return client.get("/api/v1/regions/", **meta).status_code


class TestClientIp:
    @pytest.mark.parametrize(
        ("trusted", "remote", "forwarded", "expected"),
        [
            # Nobody trusted: the header is ignored, whatever it says.
            ([], "203.0.113.5", "198.51.100.1", "203.0.113.5"),
            # From our proxy: the address it appended, not what the client wrote before it.
            ([PROXY], PROXY, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
            # Two proxies of ours in a row (a load balancer before nginx).
            (["10.0.0.0/8"], PROXY, "1.2.3.4, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
            # A stranger sending the header is not a proxy of ours.
            (["10.0.0.0/8"], "198.51.100.7", "10.0.0.9, 1.2.3.4", "198.51.100.7"),
            # Our proxy without the header: all we know is the proxy.
            ([PROXY], PROXY, "", PROXY),
            # Something that is no address is never taken for the client.
            ([PROXY], PROXY, "<script>", PROXY),
            (["2001:db8::/64"], "2001:db8::1", "2001:db8:ffff::7", "2001:db8:ffff::7"),
        ],
    )
    def test_believes_forwarded_for_only_from_trusted_proxies(
        self, trusted: list[str], remote: str, forwarded: str, expected: str
    ) -> None:
        request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

        with override_settings(TRUSTED_PROXIES=trusted):
            assert client_ip(request) == expected

    def test_a_wrong_proxy_setting_is_named(self) -> None:
        request = RequestFactory().get("/", REMOTE_ADDR=PROXY)

        with (
            override_settings(TRUSTED_PROXIES=["10.0.0.300"]),
            pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"),
        ):
            client_ip(request)

    def test_nobody_is_trusted_by_default(self) -> None:
        assert base.TRUSTED_PROXIES == []


@pytest.mark.usefixtures("api_throttles", "reference_data")
class TestAnonymousApiLimit:
    def test_made_up_forwarded_for_does_not_start_a_new_count(self, api_client: APIClient) -> None:
        statuses = [regions(api_client, HTTP_X_FORWARDED_FOR=made_up()) for _ in range(5)]

        assert statuses == [200, 200, 200, 429, 429]

    @override_settings(TRUSTED_PROXIES=[PROXY])
    def test_behind_our_proxy_each_client_is_counted_apart(self, api_client: APIClient) -> None:
        via_proxy = {"REMOTE_ADDR": PROXY}
        first = [
            regions(api_client, HTTP_X_FORWARDED_FOR=f"{made_up()}, 203.0.113.5", **via_proxy)
            for _ in range(4)
        ]
        other = regions(api_client, HTTP_X_FORWARDED_FOR="203.0.113.6", **via_proxy)

        assert first == [200, 200, 200, 429]
        assert other == 200

    @override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
    def test_a_client_cannot_pose_as_our_proxy(self, api_client: APIClient) -> None:
        statuses = [
            regions(
                api_client,
                REMOTE_ADDR="198.51.100.7",
                HTTP_X_FORWARDED_FOR=f"{made_up()}, 10.0.0.{n}",
            )
            for n in range(4)
        ]

        assert statuses == [200, 200, 200, 429]

    def test_one_ipv6_network_is_one_client(self, api_client: APIClient) -> None:
        statuses = [regions(api_client, REMOTE_ADDR=f"2001:db8:0:1::{n + 1:x}") for n in range(4)]

        assert statuses == [200, 200, 200, 429]


@pytest.mark.usefixtures("reference_data")
class TestLoginLimitByAddress:
    """The token endpoint shares the login form's per-address limit: 10 failures a minute."""

    def wrong_passwords(self, api_client: APIClient, count: int, **meta: str) -> list[int]:
        return [
            api_client.post(
                "/api/v1/auth/token/",
                {"username": UserFactory().email, "password": "fel"},
                format="json",
                **meta,
            ).status_code
            for _ in range(count)
        ]

    def test_made_up_forwarded_for_does_not_start_a_new_count(self, api_client: APIClient) -> None:
        statuses = [
            *self.wrong_passwords(api_client, 10, HTTP_X_FORWARDED_FOR=made_up()),
            *self.wrong_passwords(api_client, 1, HTTP_X_FORWARDED_FOR=made_up()),
        ]

        assert statuses == [400] * 10 + [429]

    @override_settings(TRUSTED_PROXIES=[PROXY])
    def test_behind_our_proxy_each_client_is_counted_apart(self, api_client: APIClient) -> None:
        client_a = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{made_up()}, 203.0.113.5"}
        client_b = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.6"}

        assert self.wrong_passwords(api_client, 11, **client_a)[-1] == 429
        assert self.wrong_passwords(api_client, 1, **client_b) == [400]
