"""Writes of a person's own account: profile, API tokens and deletion.

The export of a person's data and the checks before deleting an account gather what every app
holds about them: they live in ``workspace.services``, which calls ``user_delete`` last.
"""

from django.db import transaction
from rest_framework.authtoken.models import Token

from samskapa.accounts.models import User
from samskapa.core.history import save_with_history
from samskapa.core.writes import UNSET, set_fields
from samskapa.geo.models import Municipality


@transaction.atomic
def user_update_profile(
    *,
    actor: User,
    full_name: str = UNSET,
    municipality: Municipality | None = UNSET,
    language: str = UNSET,
) -> User:
    """Change the actor's own name, home municipality or preferred language."""
    set_fields(actor, full_name=full_name, municipality=municipality, language=language)
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


@transaction.atomic
def user_delete(*, actor: User) -> None:
    """Delete the actor's account and personal data; what they changed stays in the history
    without their name. Callers check first that nothing forbids it
    (``workspace.services.account_delete``)."""
    actor.delete()
