"""Writes of a person's own account: profile, API tokens and deletion.

The export of a person's data and the checks before deleting an account gather what every app
holds about them: they live in ``workspace.services``, which calls ``user_delete`` last.
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from samskapa.accounts.models import Consent, LegalDocument, User
from samskapa.accounts.selectors import CURRENT_DOCUMENTS_CACHE_KEY, document_ids_in_force
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
def consent_give(*, actor: User, documents: Iterable[LegalDocument]) -> list[Consent]:
    """Record that ``actor`` accepted these versions now; only versions in force may be accepted."""
    in_force = set(document_ids_in_force())
    documents = list(documents)
    if any(document.pk not in in_force for document in documents):
        raise ValidationError(_("This version is no longer in force. Read the current one."))
    now = timezone.now()
    Consent.objects.bulk_create(
        [Consent(user=actor, document=document, accepted_at=now) for document in documents],
        ignore_conflicts=True,
    )
    return list(Consent.objects.filter(user=actor, document__in=documents))


@transaction.atomic
def user_signup_complete(
    *, user: User, display_name: str, documents: Iterable[LegalDocument]
) -> User:
    """The last step of signing up: the chosen display name and the accepted terms."""
    user.full_name = display_name.strip()
    # E-mails reach the person in the language they signed up in.
    user.language = "en" if (translation.get_language() or "").startswith("en") else "sv"
    save_with_history(user, actor=None)
    consent_give(actor=user, documents=documents)
    return user


def legal_documents_changed() -> None:
    """Forget the cached versions in force: a version was published, changed or deleted."""
    transaction.on_commit(lambda: cache.delete(CURRENT_DOCUMENTS_CACHE_KEY))
    cache.delete(CURRENT_DOCUMENTS_CACHE_KEY)


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
