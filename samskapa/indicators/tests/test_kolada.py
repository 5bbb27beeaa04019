"""The Kolada client against recorded answers: values with their gender breakdown over two
pages, the key figure and the municipality, an error answer and a timeout; and the task that
saves what it fetched, all or nothing."""

from decimal import Decimal
from pathlib import Path

import pytest
import requests
from requests.adapters import BaseAdapter

from samskapa.accounts.models import User
from samskapa.core.models import Notification
from samskapa.indicators.kolada import KoladaClient, KoladaError, parse_values
from samskapa.indicators.models import Indicator, IndicatorKind, Measurement, Source
from samskapa.indicators.tasks import kolada_fetch

DATA = Path(__file__).parent / "data"
BASE = "https://api.kolada.se/v2"
DATA_URL = f"{BASE}/data/kpi/N01951/municipality/2180/year/2022,2023,2024"


class Recorded(BaseAdapter):
    """Answers each known URL from a recorded file; ``timeout`` URLs never answer."""

    def __init__(self, routes: dict[str, tuple[int, str]], timeout: set[str] = frozenset()) -> None:
        super().__init__()
        self.routes, self.timeout, self.asked = routes, timeout, []

    def send(self, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:
        self.asked.append(request.url)
        if request.url in self.timeout:
            raise requests.ReadTimeout("no answer")
        status, name = self.routes.get(request.url or "", (404, "kolada_error_400.json"))
        response = requests.Response()
        response.status_code = status
        response._content = (DATA / name).read_bytes()
        response.headers["Content-Type"] = "application/json"
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        pass


def client(routes: dict[str, tuple[int, str]], timeout: set[str] = frozenset()) -> KoladaClient:
    session = requests.Session()
    session.mount("https://", Recorded(routes, timeout))
    return KoladaClient(base_url=BASE, session=session, timeout=2)


DATA_ROUTES = {
    DATA_URL: (200, "kolada_data_N01951_2180_page1.json"),
    f"{DATA_URL}?page=2": (200, "kolada_data_N01951_2180_page2.json"),
}


def test_values_come_with_their_gender_breakdown_from_every_page() -> None:
    values = client(DATA_ROUTES).values(kpi="N01951", municipality="2180", years=[2024, 2022, 2023])
    by_key = {(v.period, v.gender): v.value for v in values}
    assert by_key[(2022, "T")] == Decimal("103494")
    assert by_key[(2023, "K")] == Decimal("52077")
    assert by_key[(2024, "T")] == Decimal("104296")
    # Kolada's null (no value for women and men in 2024) is left out, not saved as zero.
    assert (2024, "K") not in by_key
    assert len(values) == 7


def test_key_figure_and_municipality() -> None:
    kolada = client(
        {
            f"{BASE}/kpi/N01951": (200, "kolada_kpi_N01951.json"),
            f"{BASE}/municipality/2180": (200, "kolada_municipality_2180.json"),
        }
    )
    kpi = kolada.kpi("N01951")
    assert kpi.title == "Invånare totalt, antal"
    assert kpi.is_divided_by_gender
    assert kolada.municipality("2180").title == "Gävle"


def test_error_answer_is_a_clear_error(english: None) -> None:
    with pytest.raises(KoladaError, match=r"HTTP 400"):
        client({f"{BASE}/kpi/X": (400, "kolada_error_400.json")}).kpi("X")


def test_timeout_is_a_clear_error(english: None) -> None:
    with pytest.raises(KoladaError, match="did not answer within 2 seconds"):
        client(DATA_ROUTES, timeout={DATA_URL}).values(
            kpi="N01951", municipality="2180", years=[2022, 2023, 2024]
        )


def test_a_file_that_is_not_kolada_is_refused(english: None) -> None:
    with pytest.raises(KoladaError, match="no list of values"):
        parse_values({"rows": []})
    with pytest.raises(KoladaError, match="period is not a year"):
        parse_values({"values": [{"kpi": "N01951", "period": "soon", "values": []}]})


@pytest.mark.django_db
def test_task_saves_the_fetched_values_and_tells_who_asked(
    indicator: Indicator, gavle_leader: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    indicator.kind = IndicatorKind.KOLADA
    indicator.kolada_id = "N01951"
    indicator.save()
    monkeypatch.setattr("samskapa.indicators.tasks.kolada_years", lambda: [2022, 2023, 2024])
    saved = kolada_fetch(indicator.pk, gavle_leader.pk, client=client(DATA_ROUTES))
    assert saved == 7
    total_2024 = Measurement.objects.get(indicator=indicator, period=2024, gender="T")
    assert total_2024.value == Decimal("104296")
    assert total_2024.source == Source.KOLADA
    assert Notification.objects.filter(recipient=gavle_leader).count() == 1


@pytest.mark.django_db
def test_task_that_times_out_saves_nothing_and_says_why(
    indicator: Indicator, gavle_leader: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    indicator.kind = IndicatorKind.KOLADA
    indicator.kolada_id = "N01951"
    indicator.save()
    before = Measurement.objects.filter(indicator=indicator).count()
    monkeypatch.setattr("samskapa.indicators.tasks.kolada_years", lambda: [2022, 2023, 2024])
    saved = kolada_fetch(
        indicator.pk, gavle_leader.pk, client=client(DATA_ROUTES, timeout={f"{DATA_URL}?page=2"})
    )
    assert saved == 0
    assert Measurement.objects.filter(indicator=indicator).count() == before
    assert Notification.objects.get(recipient=gavle_leader).body
