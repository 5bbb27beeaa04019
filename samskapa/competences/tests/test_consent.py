"""Contact on mutual consent: no contact details before both said yes, declines stay private."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samskapa.competences import services
from samskapa.competences.models import InterestRequest, RequestStatus
from samskapa.competences.tests.factories import CompetenceNeedFactory, ProfileFactory
from samskapa.core.models import Notification
from samskapa.organisations.models import Role
from samskapa.organisations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(naringen):
    return CompetenceNeedFactory(project=naringen, title="Kulturmiljö i Näringen")


@pytest.fixture
def profile(reference_data):
    return ProfileFactory(
        title="Antikvarie", contact_email="rut@example.org", contact_phone="070-111 22 33"
    )


def _send(gavle_leader, need, profile) -> InterestRequest:
    return services.request_send(actor=gavle_leader, need=need, profile=profile, message="Hej!")


def test_contact_details_only_after_both_said_yes(client, gavle_leader, need, profile) -> None:
    request = _send(gavle_leader, need, profile)
    url = reverse("competences:request_detail", args=[request.pk])

    client.force_login(gavle_leader)
    assert "rut@example.org" not in client.get(url).content.decode()
    client.force_login(profile.user)
    page = client.get(url).content.decode()
    assert gavle_leader.email not in page
    assert Notification.objects.filter(recipient=profile.user).count() == 1

    response = client.post(reverse("competences:request_accept", args=[request.pk]))
    assert response.status_code == 302
    assert gavle_leader.email in client.get(url).content.decode()
    client.force_login(gavle_leader)
    page = client.get(url).content.decode()
    assert "rut@example.org" in page and "070-111 22 33" in page
    assert Notification.objects.filter(recipient=gavle_leader).count() == 1


def test_the_api_shows_contact_details_only_when_accepted(
    api_client, gavle_leader, need, profile
) -> None:
    api_client.force_authenticate(gavle_leader)
    answer = api_client.post(
        "/api/v1/interest-requests/",
        {"need": need.pk, "profile": profile.pk, "message": "Vill du vara med?"},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    pk = answer.json()["id"]
    assert answer.json()["contact"] is None
    profile_answer = api_client.get(f"/api/v1/competence-profiles/{profile.pk}/").json()
    assert "contact_email" not in profile_answer

    api_client.force_authenticate(profile.user)
    accepted = api_client.post(f"/api/v1/interest-requests/{pk}/accept/")
    assert accepted.status_code == 200
    assert accepted.json()["contact"]["sender_email"] == gavle_leader.email
    api_client.force_authenticate(gavle_leader)
    assert (
        api_client.get(f"/api/v1/interest-requests/{pk}/").json()["contact"]["profile_email"]
        == "rut@example.org"
    )


def test_a_decline_is_private(client, gavle_leader, need, profile) -> None:
    request = _send(gavle_leader, need, profile)
    services.request_decline(actor=profile.user, request=request)

    assert not Notification.objects.filter(recipient=gavle_leader).exists()
    client.force_login(gavle_leader)
    page = client.get(reverse("competences:request_detail", args=[request.pk])).content.decode()
    assert "Väntar på svar" in page
    assert "Avböj" not in page and "rut@example.org" not in page
    # Asking again is refused with the same words as for a request still waiting.
    with pytest.raises(ValidationError, match="redan"):
        _send(gavle_leader, need, profile)


def test_a_decline_is_private_in_the_api_too(api_client, gavle_leader, need, profile) -> None:
    request = _send(gavle_leader, need, profile)
    services.request_decline(actor=profile.user, request=request)
    api_client.force_authenticate(gavle_leader)
    answer = api_client.get(f"/api/v1/interest-requests/{request.pk}/").json()
    assert answer["status"] == "pending" and answer["contact"] is None


def test_withdrawn_requests_close_the_conversation(gavle_leader, need, profile) -> None:
    request = _send(gavle_leader, need, profile)
    services.request_accept(actor=profile.user, request=request)
    services.message_post(actor=profile.user, request=request, body="Gärna!")
    services.request_withdraw(actor=gavle_leader, request=request)
    with pytest.raises(PermissionDenied):
        services.message_post(actor=gavle_leader, request=request, body="Hallå?")
    assert request.status == RequestStatus.WITHDRAWN


def test_only_the_profile_side_answers_and_outsiders_see_nothing(
    client, gavle_leader, kiruna_leader, need, profile
) -> None:
    request = _send(gavle_leader, need, profile)
    with pytest.raises(PermissionDenied):
        services.request_accept(actor=gavle_leader, request=request)
    client.force_login(kiruna_leader)
    assert client.get(reverse("competences:request_detail", args=[request.pk])).status_code == 404
    assert client.post(reverse("competences:request_accept", args=[request.pk])).status_code == 404


def test_no_messages_before_both_said_yes(gavle_leader, need, profile) -> None:
    request = _send(gavle_leader, need, profile)
    with pytest.raises(PermissionDenied):
        services.message_post(actor=gavle_leader, request=request, body="Hej igen")


def test_only_those_working_on_the_need_may_send(kiruna_leader, resident, need, profile) -> None:
    for outsider in (kiruna_leader, resident):
        with pytest.raises(PermissionDenied):
            _send(outsider, need, profile)
    member = MembershipFactory(organisation=None, project=need.project, role=Role.MEMBER).user
    assert _send(member, need, profile).status == RequestStatus.PENDING


def test_rate_limit_stops_spam(monkeypatch, gavle_leader, need, reference_data) -> None:
    monkeypatch.setattr(services, "REQUESTS_PER_DAY", 2)
    profiles = [ProfileFactory() for _ in range(3)]
    _send(gavle_leader, need, profiles[0])
    _send(gavle_leader, need, profiles[1])
    with pytest.raises(ValidationError, match="dygnet"):
        _send(gavle_leader, need, profiles[2])


def test_the_send_form_keeps_the_message_when_refused(client, gavle_leader, need, profile):
    _send(gavle_leader, need, profile)
    client.force_login(gavle_leader)
    response = client.post(
        reverse("competences:request_send", args=[need.pk, profile.pk]),
        {"message": "Ett meddelande jag skrev"},
    )
    assert response.status_code == 200
    assert "Ett meddelande jag skrev" in response.content.decode()
    assert InterestRequest.objects.count() == 1
