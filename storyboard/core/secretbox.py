"""Short secrets kept in the database, encrypted under a key made from SECRET_KEY.

A sign-in code's secret (TOTP) must never be readable from a copy of the database or a
backup alone. It is sealed with AES-256-GCM under a key derived from the app's SECRET_KEY
(HKDF-SHA256, with the purpose as its info), and the row it belongs to as associated data, so
a sealed value copied to another account does not open. Pure: the caller passes the key.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "v1:"
NONCE_BYTES = 12


class SecretBoxError(ValueError):
    """A sealed value that does not open: SECRET_KEY changed, or the value was altered."""


def _key(secret_key: str, purpose: str) -> bytes:
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode())
    return kdf.derive(secret_key.encode("utf-8"))


def seal_text(text: str, secret_key: str, purpose: str, row: str) -> str:
    """Encrypt `text` for one purpose and one row; the result is short printable text."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_key(secret_key, purpose)).encrypt(nonce, text.encode(), row.encode())
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def open_text(value: str, secret_key: str, purpose: str, row: str) -> str:
    """The text sealed in `value`, or SecretBoxError."""
    if not value.startswith(PREFIX):
        raise SecretBoxError("not a sealed value")
    try:
        raw = base64.urlsafe_b64decode(value[len(PREFIX) :])
        nonce, body = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
        return AESGCM(_key(secret_key, purpose)).decrypt(nonce, body, row.encode()).decode()
    except (InvalidTag, ValueError):
        raise SecretBoxError("the sealed value does not open with this key") from None
