"""Fixtures of the follow-up tests: a fixed "today" and an indicator of Näringen in Gävle."""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone

from samskapa.indicators.models import Indicator
from samskapa.indicators.tests.factories import (
    IndicatorFactory,
    IndicatorTargetFactory,
    MeasurementFactory,
)
from samskapa.organisations.models import Organisation
from samskapa.projects.models import Project

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    """Every follow-up test runs on 25 November 2026."""
    original: Callable[..., datetime.date] = timezone.localdate

    def localdate(value: object = None, timezone: object = None) -> datetime.date:
        return TODAY if value is None else original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def indicator(gavle: Organisation, naringen: Project) -> Indicator:
    """Share of trips on foot, by bike or public transport in Näringen: 40 % in 2022, target
    60 % in 2030, measured 44 % in 2024 (the path there is 45 %: at risk)."""
    indicator = IndicatorFactory(
        name="Andel resor till fots, med cykel eller kollektivtrafik",
        organisation=gavle,
        project=naringen,
        municipality=naringen.municipality,
        baseline_year=2022,
        baseline_value=Decimal("40"),
    )
    IndicatorTargetFactory(indicator=indicator, year=2030, value=Decimal("60"))
    MeasurementFactory(indicator=indicator, period=2024, value=Decimal("44"))
    return indicator
