"""Swedish organisation numbers: what is accepted, how it is written, and what each mistake says."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from samskapa.organisations.validators import luhn_valid, normalise_org_number

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("212000-2270", "212000-2270"),  # Gävle kommun
        ("556677-8899", "556677-8899"),  # a limited company (aktiebolag)
        ("2120002270", "212000-2270"),
        ("162120002270", "212000-2270"),
        ("16212000-2270", "212000-2270"),
        (" 212000 2270 ", "212000-2270"),
    ],
)
def test_valid_numbers_are_written_with_a_hyphen(typed: str, stored: str) -> None:
    assert normalise_org_number(typed) == stored


def test_wrong_check_digit_says_so() -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_org_number("212000-2271")

    assert caught.value.code == "checksum"
    assert caught.value.messages == [
        "The check digit does not match. Check the organisation number for typing errors."
    ]


@pytest.mark.parametrize(
    "typed", ["21200-2270", "212000-22700", "2120-002270", "ABCDEF-GHIJ", "", "172120002270"]
)
def test_wrong_format_shows_an_example(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_org_number(typed)

    assert caught.value.code == "format"
    assert caught.value.messages == [
        "Enter the organisation number as ten digits, for example 212000-2270."
    ]


def test_personal_identity_number_is_recognised() -> None:
    # 811218-9876 is a valid personal identity number (Luhn check passes); its third digit is 1.
    assert luhn_valid("8112189876")

    with pytest.raises(ValidationError) as caught:
        normalise_org_number("811218-9876")

    assert caught.value.code == "personal_number"
    assert "personal identity number" in caught.value.messages[0]


def test_luhn() -> None:
    assert luhn_valid("2120002270")
    assert not luhn_valid("2120002271")


@pytest.mark.parametrize(
    ("typed", "swedish"),
    [
        ("212000-2271", "Kontrollsiffran stämmer inte"),
        ("21200-2270", "Skriv organisationsnumret med tio siffror"),
        ("811218-9876", "personnummer"),
    ],
)
def test_messages_are_in_swedish_on_the_swedish_site(typed: str, swedish: str) -> None:
    with translation.override("sv"):
        with pytest.raises(ValidationError) as caught:
            normalise_org_number(typed)
        message = caught.value.messages[0]  # a lazy translation: read it while Swedish is on

    assert swedish in message
