"""Reads of a person's own account."""

from typing import Any

from allauth.account.models import EmailAddress

from samskapa.accounts.models import User


def personal_data(*, user: User) -> dict[str, Any]:
    """The person's profile and e-mail addresses, for their data export."""
    return {
        "profile": {
            "email": user.email,
            "name": user.full_name,
            "home_municipality": user.municipality.name if user.municipality else None,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
    }
