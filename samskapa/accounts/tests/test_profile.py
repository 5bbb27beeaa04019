"""A person's own profile."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user("ada@example.se", "pw-123456!", full_name="Ada")


def test_profile_requires_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_profile_saves_name_and_language(client, person):
    client.force_login(person)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Ada Lovelace", "language": "en"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Ada Lovelace"
    assert person.language == "en"


def test_profile_rejects_unknown_language_and_keeps_input(client, person):
    client.force_login(person)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Nytt namn", "language": "xx"}
    )
    assert response.status_code == 200
    assert "Nytt namn" in response.content.decode()
    person.refresh_from_db()
    assert person.full_name == "Ada"
