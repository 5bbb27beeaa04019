"""Factories of indicators, targets and measurements."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from samskapa.core.models import Visibility
from samskapa.indicators.models import (
    Direction,
    Gender,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    Measurement,
    Source,
)
from samskapa.organisations.tests.factories import OrganisationFactory


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Andel hållbara resor {n}")
    kind = IndicatorKind.OWN
    unit = "%"
    direction = Direction.HIGHER
    organisation = factory.SubFactory(OrganisationFactory)
    visibility = Visibility.PUBLIC


class IndicatorTargetFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2030
    value = Decimal("60")


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    period = 2024
    gender = Gender.TOTAL
    value = Decimal("40")
    source = Source.FORM
