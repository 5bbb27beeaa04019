"""Sealing of responses: encrypted with Fernet (AES-128-CBC and HMAC-SHA256, ``cryptography``).

The keys come from the settings (``MARKETPLACE_SEALING_KEYS``), never from the database, so a
dump, a backup or the admin shows only ciphertext. ``MultiFernet`` decrypts with any listed key
and encrypts with the first, which lets an installation rotate its key.
"""

import base64
import hashlib
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _keys() -> list[bytes]:
    keys = [key.encode() for key in settings.MARKETPLACE_SEALING_KEYS if key]
    if keys:
        return keys
    if not settings.SECRET_KEY:
        raise ImproperlyConfigured("Set MARKETPLACE_SEALING_KEYS to seal marketplace responses.")
    # Development and tests: a key derived from SECRET_KEY (production demands its own key).
    derived = hashlib.sha256(b"samskapa-marketplace-sealing:" + settings.SECRET_KEY.encode())
    return [base64.urlsafe_b64encode(derived.digest())]


def _fernet() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in _keys()])
    except ValueError as error:
        raise ImproperlyConfigured(
            "MARKETPLACE_SEALING_KEYS holds a key Fernet refuses."
        ) from error


def canonical(payload: dict[str, Any]) -> bytes:
    """The bytes whose hash the receipt shows: sorted keys, UTF-8, no spaces."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def seal(payload: dict[str, Any]) -> tuple[bytes, str]:
    """Encrypt ``payload``; returns the ciphertext and the SHA-256 of the plain content."""
    plain = canonical(payload)
    return _fernet().encrypt(plain), hashlib.sha256(plain).hexdigest()


class SealBroken(Exception):
    """The sealed content cannot be decrypted with the configured keys, or was changed."""


def unseal(token: bytes | memoryview) -> dict[str, Any]:
    try:
        plain = _fernet().decrypt(bytes(token))
    except InvalidToken as error:
        raise SealBroken from error
    result: dict[str, Any] = json.loads(plain)
    return result
