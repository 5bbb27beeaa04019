"""Writes of a person's own account: profile, export of their data, deletion, API tokens."""

from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from samskapa.accounts.models import User
from samskapa.core.history import save_with_history
from samskapa.organisations.models import Membership, Role
from samskapa.portfolio.models import GateDecision

PROFILE_FIELDS = ("full_name", "municipality", "language")


@transaction.atomic
def user_update_profile(*, actor: User, **fields: Any) -> User:
    """Change the actor's own name, home municipality or preferred language."""
    for key, value in fields.items():
        if key not in PROFILE_FIELDS:
            raise TypeError(f"{key} cannot be changed here")
        setattr(actor, key, value)
    save_with_history(actor, actor=None)
    return actor


@transaction.atomic
def api_token_issue(*, actor: User) -> Token:
    """The actor's API token (API-nyckel), made on first use and kept until revoked."""
    token, _created = Token.objects.get_or_create(user=actor)
    return token


@transaction.atomic
def user_password_changed(*, user: User) -> None:
    """Revoke the user's API tokens once their password has been changed, reset or set.

    Whoever learnt the old password may have fetched a token with it; a new password must lock
    them out of the API as it does of the site. Called by every way a password is changed: the
    account pages (``accounts.adapter.AccountAdapter.set_password``) and the administration
    site (``accounts.admin.PasswordChangeForm``).
    """
    Token.objects.filter(user=user).delete()


def user_export_data(*, actor: User) -> dict[str, Any]:
    """Everything Samskapa holds about the actor, as data they can download (GDPR art. 15, 20)."""
    memberships = Membership.objects.filter(user=actor).select_related("organisation", "project")
    return {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": actor.email,
            "name": actor.full_name,
            "home_municipality": actor.municipality.name if actor.municipality else None,
            "language": actor.language,
            "date_joined": actor.date_joined.isoformat(),
            "last_login": actor.last_login.isoformat() if actor.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=actor)
        ],
        "memberships": [
            {
                "role": membership.role,
                "organisation": membership.organisation.name if membership.organisation else None,
                "project": membership.project.name if membership.project else None,
                "since": membership.created_at.isoformat(),
            }
            for membership in memberships
        ],
        "notifications": [
            {
                "title": notification.title,
                "text": notification.body,
                "created_at": notification.created_at.isoformat(),
                "read_at": notification.read_at.isoformat() if notification.read_at else None,
            }
            for notification in actor.notifications.all()
        ],
    }


@transaction.atomic
def user_delete(*, actor: User) -> None:
    """Delete the actor's account and personal data.

    Refused while they are the last administrator of an organisation, so that no organisation
    is left without anyone who can run it. What they changed stays in the change history
    without their name.
    """
    administered = Membership.objects.filter(
        user=actor, role=Role.ADMINISTRATOR, organisation__isnull=False
    ).values_list("organisation_id", "organisation__name")
    others = set(
        Membership.objects.filter(
            organisation_id__in=[pk for pk, _name in administered], role=Role.ADMINISTRATOR
        )
        .exclude(user=actor)
        .values_list("organisation_id", flat=True)
    )
    sole_admin_of = [name for pk, name in administered if pk not in others]
    if sole_admin_of:
        raise ValidationError(
            _(
                "You are the only administrator of %(names)s. Make someone else administrator "
                "before you delete your account."
            )
            % {"names": ", ".join(sole_admin_of)}
        )
    if GateDecision.objects.filter(decided_by=actor).exists():
        raise ValidationError(
            _(
                "You have made gate decisions in the portfolio. They are kept as a record of who "
                "decided what, so the account cannot be deleted here. Ask the platform "
                "administrator to close it."
            )
        )
    actor.delete()
