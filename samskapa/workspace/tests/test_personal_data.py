"""A person's data export and account deletion, gathered from every app."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from samskapa.core.models import Notification
from samskapa.organisations.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user("ada@example.se", "pw-123456!", full_name="Ada")


@pytest.fixture
def organisation():
    return Organisation.objects.create(
        name="Testföreningen",
        slug="testforeningen",
        type="civil_society",
        helix_sector="civil_society",
    )


def test_export_contains_own_data_only(client, person, django_user_model, organisation):
    other = django_user_model.objects.create_user("bo@example.se", "pw-123456!")
    Membership.objects.create(user=person, organisation=organisation, role=Role.ADMINISTRATOR)
    Notification.objects.create(recipient=person, title="Till Ada")
    Notification.objects.create(recipient=other, title="Till Bo")
    client.force_login(person)
    response = client.get(reverse("workspace:export_data"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == "ada@example.se"
    assert [n["title"] for n in data["notifications"]] == ["Till Ada"]
    assert data["memberships"][0]["organisation"] == "Testföreningen"


def test_delete_refused_for_last_administrator(client, person, organisation):
    Membership.objects.create(user=person, organisation=organisation, role=Role.ADMINISTRATOR)
    client.force_login(person)
    response = client.post(reverse("workspace:delete_account"), {"confirm": "on"})
    assert response.status_code == 200
    assert "Testföreningen" in response.content.decode()
    assert type(person).objects.filter(pk=person.pk).exists()


def test_delete_needs_confirmation_then_deletes(client, person):
    client.force_login(person)
    assert client.post(reverse("workspace:delete_account"), {}).status_code == 200
    assert type(person).objects.filter(pk=person.pk).exists()
    response = client.post(reverse("workspace:delete_account"), {"confirm": "on"})
    assert response.status_code == 302
    assert not type(person).objects.filter(pk=person.pk).exists()


def test_delete_refused_for_someone_who_decided_at_a_gate(client, person):
    from samskapa.portfolio.models import GateDecision
    from samskapa.portfolio.tests.factories import InitiativeFactory

    initiative = InitiativeFactory()
    GateDecision.objects.create(
        initiative=initiative,
        decision="go",
        from_stage="idea",
        to_stage="prestudy",
        rationale="Svarar mot flera behov.",
        decided_by=person,
    )
    client.force_login(person)

    with translation.override("en"):
        response = client.post(reverse("workspace:delete_account"), {"confirm": "on"})

    assert response.status_code == 200
    assert "gate decisions" in response.content.decode()
    assert type(person).objects.filter(pk=person.pk).exists()
