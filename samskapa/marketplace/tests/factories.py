"""Factories of the marketplace: providers with organisation numbers, services, requests."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from samskapa.core.models import HelixSector
from samskapa.marketplace.models import (
    Criterion,
    DataLocation,
    PricingModel,
    ProcurementRequest,
    RequestStatus,
    RequestType,
    Requirement,
    RequirementKind,
    Service,
    ServiceCategory,
)
from samskapa.organisations.models import OrganisationType
from samskapa.organisations.tests.factories import OrganisationFactory


def org_number(n: int) -> str:
    """The ``n``-th company number of the form 5577nnnnn-c, with its Luhn check digit."""
    digits = f"5577{n:05d}"
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    check = (10 - total % 10) % 10
    return f"{digits[:6]}-{digits[6:]}{check}"


class ProviderFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Leverantör {n} AB")
    type = OrganisationType.COMPANY
    helix_sector = HelixSector.BUSINESS
    org_number = factory.Sequence(org_number)


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Tjänst {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)}-{n}")
    category = ServiceCategory.BOOKING
    summary = "Bokning av lokaler för invånare och föreningar."
    pricing_model = PricingModel.SUBSCRIPTION
    data_location = DataLocation.SWEDEN


def in_days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


class RequestFactory(DjangoModelFactory):
    """A published request: questions for 10 more days, responses for 20."""

    class Meta:
        model = ProcurementRequest

    buyer = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Förfrågan {n}")
    request_type = RequestType.DIRECT
    category = ServiceCategory.BOOKING
    summary = "Ett bokningssystem för kommunens lokaler."
    status = RequestStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: in_days(-1))
    question_deadline = factory.LazyFunction(lambda: in_days(10))
    response_deadline = factory.LazyFunction(lambda: in_days(20))
    cpv_code = "48000000-8"
    estimated_value = 500000


class RequirementFactory(DjangoModelFactory):
    class Meta:
        model = Requirement

    request = factory.SubFactory(RequestFactory)
    kind = RequirementKind.MUST
    text = factory.Sequence(lambda n: f"Krav {n}: tjänsten uppfyller WCAG 2.1 AA.")


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    request = factory.SubFactory(RequestFactory)
    name = factory.Sequence(lambda n: f"Kriterium {n}")
    weight = 50
