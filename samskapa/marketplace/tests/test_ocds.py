"""OCDS 1.1.5 release packages: valid against the official schema, sealed content absent."""

import datetime
import json

import pytest
from django.test import Client

from samskapa.accounts.models import User
from samskapa.marketplace import ocds, services
from samskapa.marketplace.models import Outcome, ProcurementRequest, RequestStatus, Response
from samskapa.marketplace.tests.conftest import Clock, submit
from samskapa.marketplace.tests.factories import RequestFactory
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _package(client: Client) -> dict:  # type: ignore[type-arg]
    answer = client.get("/api/v1/ocds/release-package/")
    assert answer.status_code == 200
    assert "attachment" in answer["Content-Disposition"]
    return json.loads(answer.content)


def test_published_and_awarded_requests_make_a_valid_package(
    client: Client,
    procurement: ProcurementRequest,
    provider_user: User,
    provider: Organisation,
    other_provider_user: User,
    other_provider: Organisation,
    gavle_leader: User,
    gavle_second: User,
    gavle: Organisation,
    clock: Clock,
    settings: object,
) -> None:
    settings.OCDS_OCID_PREFIX = "ocds-abc123"  # type: ignore[attr-defined]
    draft = RequestFactory(buyer=gavle, status=RequestStatus.DRAFT, title="Utkast")
    question = services.question_ask(actor=provider_user, request=procurement, text="Pris?")
    services.question_answer(actor=gavle_leader, question=question, answer="Per år.")
    submit(provider_user, procurement, provider)
    submit(other_provider_user, procurement, other_provider)

    before = _package(client)
    assert ocds.validation_errors(before) == []
    (release,) = before["releases"]
    assert release["ocid"] == f"ocds-abc123-{procurement.pk}"
    assert release["tender"]["enquiries"][0]["answer"] == "Per år."
    assert "tenderers" not in release["tender"]  # who responded stays sealed too
    assert "Blåklint" not in json.dumps(before)
    assert draft.title not in json.dumps(before)

    clock(21 * DAY)
    services.opening_start(actor=gavle_leader, request=procurement)
    services.opening_confirm(actor=gavle_second, request=procurement)
    services.outcome_record(
        actor=gavle_leader,
        request=procurement,
        outcome=Outcome.AWARD,
        rationale="Bäst poäng.",
        awarded_response=Response.objects.get(provider=provider),
    )
    after = _package(client)
    assert ocds.validation_errors(after) == []
    (release,) = after["releases"]
    assert release["tag"] == ["tender", "award"]
    assert release["awards"][0]["suppliers"][0]["name"] == provider.name
    assert release["tender"]["numberOfTenderers"] == 2
    assert "Blåklint" not in json.dumps(after)


def test_the_validator_finds_a_broken_package(procurement: ProcurementRequest) -> None:
    package = ocds.release_package(
        list(ocds.releasable_requests()), uri="https://samskapa.example/api/v1/ocds/"
    )
    assert ocds.validation_errors(package) == []
    package["releases"][0]["tender"]["status"] = "halvklar"
    del package["releases"][0]["initiationType"]
    errors = ocds.validation_errors(package)
    assert any("initiationType" in error for error in errors)
    assert any("halvklar" in error for error in errors)


def test_cancelled_request_is_a_cancellation_release(
    client: Client, procurement: ProcurementRequest, gavle_leader: User
) -> None:
    services.outcome_record(
        actor=gavle_leader,
        request=procurement,
        outcome=Outcome.CANCELLED,
        rationale="Behov ändrat.",
    )
    package = json.loads(client.get(f"/api/v1/market-requests/{procurement.pk}/ocds/").content)
    assert ocds.validation_errors(package) == []
    assert package["releases"][0]["tag"] == ["tenderCancellation"]
    assert package["releases"][0]["tender"]["status"] == "cancelled"


def test_no_published_request_answers_404(client: Client, reference_data: None) -> None:
    answer = client.get("/api/v1/ocds/release-package/")
    assert answer.status_code == 404 and answer.json()["detail"]
