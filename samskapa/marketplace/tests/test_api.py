"""The marketplace API: sealed responses, own receipts, bad input answering 4xx with JSON."""

import datetime

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.marketplace import services
from samskapa.marketplace.models import ProcurementRequest, RequestStatus, Response
from samskapa.marketplace.tests.conftest import SECRET, Clock, submit
from samskapa.marketplace.tests.factories import RequestFactory, ServiceFactory
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _responses(request: ProcurementRequest) -> str:
    return f"/api/v1/market-requests/{request.pk}/responses/"


def test_responses_are_sealed_in_the_api_until_opened(
    api_client: APIClient,
    procurement: ProcurementRequest,
    provider_user: User,
    provider: Organisation,
    other_provider_user: User,
    gavle_leader: User,
    gavle_second: User,
    platform_admin: User,
    clock: Clock,
) -> None:
    submit(provider_user, procurement, provider)
    api_client.force_authenticate(gavle_leader)
    sealed = api_client.get(_responses(procurement))
    assert sealed.status_code == 403 and "Blåklint" not in sealed.content.decode()
    api_client.force_authenticate(platform_admin)
    assert api_client.get(_responses(procurement)).json()["results"] == []
    api_client.force_authenticate(other_provider_user)
    assert api_client.get(_responses(procurement)).json()["results"] == []
    api_client.force_authenticate(provider_user)
    own = api_client.get(_responses(procurement)).json()["results"]
    assert own[0]["digest"] == Response.objects.get().digest and own[0]["content"] is None

    clock(21 * DAY)
    services.opening_start(actor=gavle_leader, request=procurement)
    services.opening_confirm(actor=gavle_second, request=procurement)
    api_client.force_authenticate(gavle_leader)
    opened = api_client.get(_responses(procurement)).json()["results"]
    assert opened[0]["content"]["summary"] == SECRET


def test_a_provider_responds_through_the_api_and_gets_a_receipt(
    api_client: APIClient,
    procurement: ProcurementRequest,
    provider_user: User,
    provider: Organisation,
    other_provider: Organisation,
) -> None:
    requirement = procurement.requirements.get()
    body = {
        "provider": provider.slug,
        "summary": "Vi uppfyller kravet.",
        "answers": [{"requirement": requirement.pk, "meets": True, "comment": "Granskat."}],
    }
    api_client.force_authenticate(provider_user)
    answer = api_client.post(_responses(procurement), body, format="json")
    assert answer.status_code == 201 and len(answer.json()["digest"]) == 64
    stolen = api_client.post(
        _responses(procurement), {**body, "provider": other_provider.slug}, format="json"
    )
    assert stolen.status_code == 400
    missing = api_client.post(_responses(procurement), {**body, "answers": []}, format="json")
    assert missing.status_code == 400 and missing.json()["detail"]
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"provider": "x\x00", "summary": "a", "answers": []},
        {"provider": 5, "summary": ["a"], "answers": "nej"},
        {"summary": "a", "answers": [{"requirement": 10**30, "meets": "kanske"}]},
    ],
)
def test_bad_bodies_answer_400(
    api_client: APIClient,
    procurement: ProcurementRequest,
    provider_user: User,
    body: dict[str, object],
) -> None:
    api_client.force_authenticate(provider_user)
    answer = api_client.post(_responses(procurement), body, format="json")
    assert answer.status_code == 400
    assert answer.json()


def test_questions_through_the_api_are_published_without_the_asker(
    api_client: APIClient, procurement: ProcurementRequest, provider_user: User, gavle_leader: User
) -> None:
    api_client.force_authenticate(provider_user)
    asked = api_client.post(
        f"/api/v1/market-requests/{procurement.pk}/questions/", {"text": "Pris per år?"}
    )
    assert asked.status_code == 201
    services.question_answer(actor=gavle_leader, question=procurement.questions.get(), answer="Ja.")
    public = APIClient().get(f"/api/v1/market-requests/{procurement.pk}/").json()
    assert public["questions"][0]["answer"] == "Ja."
    assert "asked_by" not in public["questions"][0]


def test_drafts_and_unpublished_services_do_not_leak(
    api_client: APIClient, gavle: Organisation, kiruna_leader: User, reference_data: None
) -> None:
    draft = RequestFactory(buyer=gavle, status=RequestStatus.DRAFT)
    hidden = ServiceFactory(is_published=False)
    api_client.force_authenticate(kiruna_leader)
    assert api_client.get(f"/api/v1/market-requests/{draft.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/market-requests/{draft.pk}/ocds/").status_code == 404
    assert api_client.get(f"/api/v1/market-services/{hidden.slug}/").status_code == 404
    assert draft.pk not in [
        r["id"] for r in api_client.get("/api/v1/market-requests/").json()["results"]
    ]
