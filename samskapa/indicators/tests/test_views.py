"""The pages of follow-up: who sees and changes what, entering values, importing, dashboards."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.indicators.models import Indicator, Measurement
from samskapa.indicators.tests.factories import IndicatorFactory, MeasurementFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_visitor_sees_the_indicator_with_its_progress(indicator: Indicator) -> None:
    response = _client().get(indicator.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert indicator.name in content
    assert "indicators-status--at_risk" in content
    # The chart's table alternative holds the measured and the target values.
    assert '<th scope="row">2024</th>' in content
    assert reverse("indicators:measurement_add", args=[indicator.pk]) not in content


def test_leader_enters_a_value_and_the_dashboard_shows_it(
    indicator: Indicator, gavle_leader: User, naringen: Project
) -> None:
    client = _client(gavle_leader)
    url = reverse("indicators:measurement_add", args=[indicator.pk])
    response = client.post(url, {"period": "2025", "value": "47,5", "gender": "T"})
    assert response.status_code == 302
    assert Measurement.objects.get(indicator=indicator, period=2025).value == Decimal("47.5")
    dashboard = client.get(reverse("indicators:project", args=[naringen.slug]))
    assert dashboard.status_code == 200
    assert '<th scope="row">2025</th><td data-numeric>47,5</td>' in dashboard.content.decode()


def test_bad_value_re_renders_the_form_with_what_was_typed(
    indicator: Indicator, gavle_leader: User
) -> None:
    url = reverse("indicators:measurement_add", args=[indicator.pk])
    response = _client(gavle_leader).post(
        url, {"period": "2031", "value": "12", "comment": "Prognos"}
    )
    assert response.status_code == 200
    assert "Prognos" in response.content.decode()
    assert not Measurement.objects.filter(indicator=indicator, period=2031).exists()


def test_member_of_another_municipality_may_not_enter_values(
    indicator: Indicator, kiruna_leader: User
) -> None:
    url = reverse("indicators:measurement_add", args=[indicator.pk])
    response = _client(kiruna_leader).post(url, {"period": "2025", "value": "50", "gender": "T"})
    assert response.status_code == 403
    assert not Measurement.objects.filter(indicator=indicator, period=2025).exists()


def test_members_only_indicator_is_hidden_from_visitors(
    gavle_leader: User, indicator: Indicator
) -> None:
    indicator.visibility = Visibility.MEMBERS
    indicator.save()
    assert _client().get(indicator.get_absolute_url()).status_code == 404
    assert _client(gavle_leader).get(indicator.get_absolute_url()).status_code == 200


def test_list_and_dashboards_keep_their_query_count(
    indicator: Indicator, naringen: Project, django_assert_max_num_queries: object
) -> None:
    client = _client()
    urls = [
        reverse("indicators:list"),
        reverse("indicators:project", args=[naringen.slug]),
        reverse("indicators:municipality", args=[naringen.municipality.code]),
        reverse("indicators:network"),
    ]
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    for _n in range(12):
        other = IndicatorFactory(
            organisation=indicator.organisation,
            project=naringen,
            municipality=naringen.municipality,
        )
        MeasurementFactory(indicator=other, period=2023)
        MeasurementFactory(indicator=other, period=2024)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):  # type: ignore[operator]
            assert client.get(url).status_code == 200


def test_import_page_previews_then_saves(indicator: Indicator, gavle_leader: User) -> None:
    client = _client(gavle_leader)
    url = reverse("indicators:import", args=[indicator.pk])
    preview = client.post(url, {"text": "år;värde\n2023;42\n2025;xyz\n"})
    assert preview.status_code == 200
    content = preview.content.decode()
    assert "xyz" in content and "indicators-row--error" in content
    assert "token" not in preview.context or preview.context.get("confirm_form") is None
    assert not Measurement.objects.filter(indicator=indicator, period=2023).exists()
    good = client.post(url, {"text": "år;värde\n2023;42\n2025;47\n"})
    token = good.context["confirm_form"].initial["token"]
    saved = client.post(reverse("indicators:import_confirm", args=[indicator.pk]), {"token": token})
    assert saved.status_code == 302
    assert Measurement.objects.filter(indicator=indicator, period__in=[2023, 2025]).count() == 2


def test_exports_as_svg_and_csv(indicator: Indicator) -> None:
    svg = _client().get(reverse("indicators:chart_svg", args=[indicator.pk]))
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert b"<polyline" in svg.content and indicator.name.encode() in svg.content
    csv = _client().get(reverse("indicators:csv", args=[indicator.pk]))
    text = b"".join(csv.streaming_content).decode()  # type: ignore[attr-defined]
    assert '"2024","T","44.0000"' in text
    assert '"2030","T","","60.0000"' in text


def test_import_page_survives_a_clear_value_for_the_file(
    indicator: Indicator, gavle_leader: User
) -> None:
    url = reverse("indicators:import", args=[indicator.pk])
    response = _client(gavle_leader).post(url, {"file-clear": "on", "file": "text", "text": ""})
    assert response.status_code == 200
    assert "indicators-row--error" not in response.content.decode()
