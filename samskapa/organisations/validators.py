"""Validation of Swedish organisation numbers (organisationsnummer)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ORG_NUMBER = re.compile(r"^(?:16)?(\d{6})-?(\d{4})$")


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by Swedish personal and organisation numbers."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def normalise_org_number(value: str) -> str:
    """Return the number as ``NNNNNN-NNNN`` or raise ``ValidationError`` with a clear message.

    Accepts the ten digits with or without the hyphen, and the twelve-digit form with the
    century prefix ``16`` used by some registers. The third digit of an organisation number is
    always 2 or higher, which is what tells it apart from a personal identity number.
    """
    compact = re.sub(r"\s", "", value or "")
    match = _ORG_NUMBER.match(compact)
    if not match:
        raise ValidationError(
            _("Enter the organisation number as ten digits, for example 212000-2270."),
            code="format",
        )
    digits = match.group(1) + match.group(2)
    if int(digits[2]) < 2:
        raise ValidationError(
            _(
                "This looks like a personal identity number, not an organisation number: "
                "the third digit of an organisation number is 2 or higher."
            ),
            code="personal_number",
        )
    if not luhn_valid(digits):
        raise ValidationError(
            _("The check digit does not match. Check the organisation number for typing errors."),
            code="checksum",
        )
    return f"{digits[:6]}-{digits[6:]}"


def validate_org_number(value: str) -> None:
    normalise_org_number(value)
