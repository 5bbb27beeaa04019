"""Length limits on what people write: refused with a clear message in forms, API and services."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.core.limits import LONG_TEXT, MEDIUM_TEXT
from samskapa.ideas.tests.factories import IdeaFactory
from samskapa.needs.models import Need
from samskapa.needs.services import need_submit
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

TOO_LONG = "å" * (LONG_TEXT + 1)


def test_the_need_form_states_the_limit_and_counts_it(
    client: Client, naringen: Project, resident: User
) -> None:
    client.force_login(resident)
    page = client.get("/sv/behov/nytt/?project=naringen").content.decode()

    assert f'maxlength="{LONG_TEXT}"' in page
    assert "Högst 10000 tecken." in page
    assert 'data-counter-for="id_description"' in page
    assert 'aria-live="polite"' in page


def test_a_too_long_description_is_refused_and_what_was_typed_stays(
    client: Client, naringen: Project, resident: User
) -> None:
    client.force_login(resident)
    response = client.post(
        "/sv/behov/nytt/?project=naringen",
        {"title": "Fler bänkar", "description": TOO_LONG, "visibility": "public"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Säkerställ att detta värde har som mest 10000 tecken (den har 10001)." in page
    assert 'value="Fler bänkar"' in page
    assert not Need.objects.exists()


def test_the_api_answers_400_in_english(naringen: Project, resident: User) -> None:
    api = APIClient()
    api.force_authenticate(resident)
    response = api.post(
        "/api/v1/needs/",
        {"project": "naringen", "title": "Bänkar", "description": TOO_LONG},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert "no more than 10000 characters" in str(response.json()["description"])
    assert not Need.objects.exists()


def test_the_service_refuses_it_too(naringen: Project, resident: User) -> None:
    with pytest.raises(ValidationError) as refusal:
        need_submit(actor=resident, project=naringen, title="Bänkar", description=TOO_LONG)
    assert "description" in refusal.value.message_dict
    assert need_submit(
        actor=resident, project=naringen, title="Bänkar", description="å" * LONG_TEXT
    ).pk


def test_a_too_long_comment_is_refused(client: Client, naringen: Project, resident: User) -> None:
    idea = IdeaFactory(project=naringen)
    client.force_login(resident)
    client.post(f"/sv/ideer/{idea.pk}/kommentarer/", {"text": "x" * (MEDIUM_TEXT + 1)})
    assert idea.comments.count() == 0
    client.post(f"/sv/ideer/{idea.pk}/kommentarer/", {"text": "x" * MEDIUM_TEXT})
    assert idea.comments.count() == 1
