"""People: the e-mail address is the login, and a name is shown wherever one is known."""

import pytest
from django.db import IntegrityError
from django.utils import translation

from samskapa.accounts.models import User
from samskapa.geo.models import Municipality

pytestmark = pytest.mark.django_db


def test_email_is_stored_lower_case_and_is_the_login() -> None:
    user = User.objects.create_user("Ada.Lovelace@Example.SE", "ett-langt-losenord")

    assert user.email == "ada.lovelace@example.se"
    assert user.check_password("ett-langt-losenord")
    assert not user.is_staff and not user.is_superuser


def test_same_email_cannot_register_twice() -> None:
    User.objects.create_user("ada@example.se")

    with pytest.raises(IntegrityError):
        User.objects.create_user("ADA@example.se")


def test_email_is_required() -> None:
    with pytest.raises(ValueError, match="e-mail"):
        User.objects.create_user("")


def test_platform_administrator() -> None:
    admin = User.objects.create_superuser("alva@example.se", "ett-langt-losenord")

    assert admin.is_superuser and admin.is_staff


def test_display_name_never_shows_the_email_address() -> None:
    gavle = Municipality.objects.get(code="2180")
    assert User(email="ingrid@example.se", full_name=" Ingrid I ").display_name == "Ingrid I"
    with translation.override("sv"):
        assert str(User(email="ingrid@example.se", municipality=gavle)) == "Invånare i Gävle"
        assert str(User(email="ingrid@example.se")) == "Invånare"
    with translation.override("en"):
        assert str(User(email="ingrid@example.se", municipality=gavle)) == "Resident of Gävle"
