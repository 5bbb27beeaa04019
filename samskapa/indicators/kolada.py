"""A client for Kolada's public REST API, version 2 (the municipalities' key figures).

Kolada answers JSON of one shape for everything: ``{"count": n, "values": [...],
"next_page": url}``, at most a page of values per answer. Three routes serve follow-up:

- ``/kpi/<id>``: the key figure (``id``, ``title``, ``description``, ``is_divided_by_gender``);
- ``/municipality/<code>``: the municipality (``id``, ``title``, ``type``: K or L);
- ``/data/kpi/<id>/municipality/<code>/year/<y1,y2>``: the values, one object per period with
  ``values`` broken down by gender (T total, K women, M men), each with ``value`` (null where
  Kolada has none) and ``status``.

``parse_values`` reads that data shape whether it comes over the network or from a file a user
uploads (a saved answer of the same route), so both imports behave alike. Errors come out as
``KoladaError`` with a message a person can act on: the network, a timeout, an error answer,
or JSON that is not Kolada's.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import requests
from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_BASE_URL = "https://api.kolada.se/v2"
DEFAULT_TIMEOUT_SECONDS = 10
# Kolada pages long answers; a key figure for one municipality over many years is one or two
# pages, so more than this is a loop rather than data.
MAX_PAGES = 20
GENDERS = ("T", "K", "M")


class KoladaError(Exception):
    """Kolada could not be asked, or answered something other than key figures."""


@dataclass(frozen=True)
class KoladaKpi:
    id: str
    title: str
    description: str
    is_divided_by_gender: bool


@dataclass(frozen=True)
class KoladaMunicipality:
    id: str
    title: str
    type: str


@dataclass(frozen=True)
class KoladaValue:
    kpi: str
    municipality: str
    period: int
    gender: str
    value: Decimal


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


def _values_of(payload: Any) -> list[Any]:
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
        raise KoladaError(_("The answer is not in Kolada's format: it has no list of values."))
    return payload["values"]


def parse_values(payload: Any, *, kpi: str = "", municipality: str = "") -> list[KoladaValue]:
    """The values in a Kolada data answer, optionally only those of ``kpi`` and
    ``municipality``. Periods without a value (Kolada's null) are left out."""
    found = []
    for entry in _values_of(payload):
        if not isinstance(entry, dict):
            raise KoladaError(_("The answer is not in Kolada's format: a value is not an object."))
        entry_kpi, entry_municipality = _text(entry, "kpi"), _text(entry, "municipality")
        period = entry.get("period")
        if isinstance(period, str) and period.isdigit():
            period = int(period)
        if not isinstance(period, int) or isinstance(period, bool):
            raise KoladaError(_("The answer is not in Kolada's format: a period is not a year."))
        if (kpi and entry_kpi != kpi) or (municipality and entry_municipality != municipality):
            continue
        breakdown = entry.get("values")
        if not isinstance(breakdown, list):
            raise KoladaError(_("The answer is not in Kolada's format: a period has no values."))
        for item in breakdown:
            if not isinstance(item, dict) or item.get("value") is None:
                continue
            gender = _text(item, "gender") or "T"
            if gender not in GENDERS:
                continue
            try:
                value = Decimal(str(item["value"]))
            except InvalidOperation as error:
                raise KoladaError(
                    _("The answer is not in Kolada's format: a value is not a number.")
                ) from error
            if not value.is_finite():
                continue
            found.append(KoladaValue(entry_kpi, entry_municipality, period, gender, value))
    return found


class KoladaClient:
    """Asks Kolada over HTTP; ``session`` lets tests answer from recorded files."""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        timeout: float | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = (
            base_url or getattr(settings, "KOLADA_BASE_URL", "") or DEFAULT_BASE_URL
        ).rstrip("/")
        self.timeout = timeout or DEFAULT_TIMEOUT_SECONDS
        self.session = session or requests.Session()

    def _get(self, url: str) -> Any:
        try:
            response = self.session.get(
                url, timeout=self.timeout, headers={"Accept": "application/json"}
            )
        except requests.Timeout as error:
            raise KoladaError(
                _("Kolada did not answer within %(seconds)s seconds. Try again later.")
                % {"seconds": self.timeout}
            ) from error
        except requests.RequestException as error:
            raise KoladaError(_("Kolada could not be reached. Try again later.")) from error
        if response.status_code != 200:
            raise KoladaError(
                _("Kolada answered with an error (HTTP %(status)s).")
                % {"status": response.status_code}
            )
        try:
            return response.json()
        except (ValueError, RecursionError) as error:
            raise KoladaError(_("Kolada's answer was not JSON.")) from error

    def _pages(self, url: str) -> Iterator[Any]:
        for _page in range(MAX_PAGES):
            payload = self._get(url)
            yield payload
            next_page = payload.get("next_page") if isinstance(payload, dict) else None
            if not isinstance(next_page, str) or not next_page.startswith(self.base_url):
                return
            url = next_page
        raise KoladaError(_("Kolada's answer ran over too many pages."))

    def kpi(self, kpi_id: str) -> KoladaKpi:
        values = _values_of(self._get(f"{self.base_url}/kpi/{kpi_id}"))
        for item in values:
            if isinstance(item, dict) and item.get("id") == kpi_id:
                return KoladaKpi(
                    id=kpi_id,
                    title=_text(item, "title"),
                    description=_text(item, "description"),
                    is_divided_by_gender=bool(item.get("is_divided_by_gender")),
                )
        raise KoladaError(_("Kolada has no key figure %(id)s.") % {"id": kpi_id})

    def municipality(self, code: str) -> KoladaMunicipality:
        values = _values_of(self._get(f"{self.base_url}/municipality/{code}"))
        for item in values:
            if isinstance(item, dict) and item.get("id") == code:
                return KoladaMunicipality(
                    id=code, title=_text(item, "title"), type=_text(item, "type")
                )
        raise KoladaError(_("Kolada has no municipality %(code)s.") % {"code": code})

    def values(self, *, kpi: str, municipality: str, years: Iterable[int]) -> list[KoladaValue]:
        """The values of ``kpi`` for ``municipality`` in ``years``, every page of them."""
        year_list = ",".join(str(year) for year in sorted(set(years)))
        url = f"{self.base_url}/data/kpi/{kpi}/municipality/{municipality}/year/{year_list}"
        found: list[KoladaValue] = []
        for payload in self._pages(url):
            found.extend(parse_values(payload, kpi=kpi, municipality=municipality))
        return found
