"""Reads of a person's own account."""

from typing import Any

from allauth.account.models import EmailAddress
from django.core.cache import cache

from samskapa.accounts.models import Consent, LegalDocument, LegalDocumentKind, User


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
        "consents": consents_of(user=user),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
    }


# The versions in force change a few times a year and are asked for on every page a signed-in
# person opens: they are cached, and the cache is emptied when a version is published.
CURRENT_DOCUMENTS_CACHE_KEY = "accounts:legal-documents-in-force"


def document_ids_in_force() -> list[int]:
    """The ids of the newest published version of each kind; from the cache, else one query."""
    ids = cache.get(CURRENT_DOCUMENTS_CACHE_KEY)
    if ids is None:
        newest: dict[str, tuple[int, int]] = {}
        published = LegalDocument.objects.filter(published_at__isnull=False)
        for pk, kind, version in published.values_list("pk", "kind", "version"):
            if kind not in newest or version > newest[kind][1]:
                newest[kind] = (pk, version)
        ids = [newest[kind][0] for kind in LegalDocumentKind.values if kind in newest]
        cache.set(CURRENT_DOCUMENTS_CACHE_KEY, ids, timeout=60 * 60)
    return list(ids)


def documents_in_force() -> list[LegalDocument]:
    """The newest published version of each kind (terms, privacy notice), terms first."""
    ids = document_ids_in_force()
    if not ids:
        return []
    documents = {document.pk: document for document in LegalDocument.objects.filter(pk__in=ids)}
    return [documents[pk] for pk in ids if pk in documents]


def document_in_force(*, kind: str) -> LegalDocument | None:
    return next((document for document in documents_in_force() if document.kind == kind), None)


def documents_to_accept(*, user: User) -> list[LegalDocument]:
    """The versions in force that ``user`` has not accepted yet."""
    ids = document_ids_in_force()
    if not ids:
        return []
    accepted = set(
        Consent.objects.filter(user=user, document_id__in=ids).values_list("document_id", flat=True)
    )
    if accepted.issuperset(ids):
        return []
    return [document for document in documents_in_force() if document.pk not in accepted]


def consents_of(*, user: User) -> list[dict[str, Any]]:
    return [
        {
            "document": str(consent.document),
            "version": consent.document.version,
            "accepted_at": consent.accepted_at.isoformat(),
        }
        for consent in Consent.objects.filter(user=user).select_related("document")
    ]
