"""Who is asking: the client's address, and the API rate limits keyed by it.

``X-Forwarded-For`` is written by whoever sends the request, so it is only read when the request
comes from one of our own reverse proxies (``TRUSTED_PROXIES``). Everything that limits or logs
by address asks ``client_ip``: the API throttles below and allauth's login limits (through
``accounts.adapter.AccountAdapter.get_client_ip``), which the API token endpoint shares.
"""

import functools
import ipaddress
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from rest_framework import throttling

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# An IPv6 client usually holds a whole /64: counting each address apart would let it start afresh
# with every request (the same prefix allauth uses for its login limits).
IPV6_RATE_LIMIT_PREFIX = 64


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error


def trusted_proxy_networks() -> tuple[Network, ...]:
    """The addresses and networks of our reverse proxies, from ``TRUSTED_PROXIES``."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def _address(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent ``request``, never one it could make up.

    Without trusted proxies this is the connection's address (``REMOTE_ADDR``). When the
    connection comes from a trusted proxy, ``X-Forwarded-For`` is read from the right, where
    our proxies append what they saw, past every trusted proxy: the first address that is not
    one of ours is the client. Whatever a client wrote further left is never reached.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_proxy_networks()
    remote_address = _address(remote)
    if not networks or remote_address is None or not _is_trusted(remote_address, networks):
        return remote
    client = remote_address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",") if forwarded else []):
        address = _address(hop)
        if address is None:
            # Not written by a proxy of ours: stop at the last address one of them vouched for.
            break
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


def rate_limit_ident(request: HttpRequest) -> str:
    """The key under which a client's requests are counted: its address, or its IPv6 /64."""
    ip = client_ip(request)
    address = _address(ip)
    if isinstance(address, ipaddress.IPv6Address):
        network = ipaddress.IPv6Network(f"{address}/{IPV6_RATE_LIMIT_PREFIX}", strict=False)
        return str(network.network_address)
    return ip


class AnonRateThrottle(throttling.AnonRateThrottle):
    """DRF's limit for anonymous callers, counted per client address (``client_ip``).

    DRF's own ``get_ident`` trusts the whole ``X-Forwarded-For`` header unless ``NUM_PROXIES``
    is set, so a made-up header would start a new count with every request.
    """

    def get_ident(self, request: Any) -> str:
        return rate_limit_ident(request)


class UserRateThrottle(throttling.UserRateThrottle):
    """DRF's limit per logged-in user; anonymous callers counted per client address."""

    def get_ident(self, request: Any) -> str:
        return rate_limit_ident(request)
