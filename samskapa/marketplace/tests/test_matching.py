"""Matching of requests and services, with the reasons shown."""

import pytest

from samskapa.accounts.models import User
from samskapa.marketplace.matching import requests_for_service, services_for_request
from samskapa.marketplace.models import DataLocation, ProcurementRequest, WcagLevel
from samskapa.marketplace.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_services_fit_a_request_with_reasons(
    procurement: ProcurementRequest, gavle_leader: User
) -> None:
    good = ServiceFactory(
        name="Boka Lokal",
        summary="Bokningssystem för lokaler och idrottshallar.",
        wcag_level=WcagLevel.AA,
        has_processor_agreement=True,
    )
    weaker = ServiceFactory(
        name="Sensorplattform",
        category="sensors",
        summary="Bokningssystem för sensorer.",
        data_location=DataLocation.THIRD_COUNTRY,
    )
    ServiceFactory(name="Dold", is_published=False)
    matches = services_for_request(user=gavle_leader, request=procurement)
    assert [m.item for m in matches] == [good, weaker]
    assert any("Same category" in reason for reason in matches[0].reasons)
    assert any("WCAG" in reason for reason in matches[0].reasons)
    assert not any("Same category" in reason for reason in matches[1].reasons)


def test_open_requests_fit_a_service(procurement: ProcurementRequest, provider_user: User) -> None:
    service = ServiceFactory(summary="Bokningssystem för kommuner.")
    other = ServiceFactory(category="maps")
    assert [m.item for m in requests_for_service(user=provider_user, service=service)] == [
        procurement
    ]
    assert requests_for_service(user=provider_user, service=other) == []
