"""Passwords and tokens: Argon2 hashes, unguessable tokens, and the digests stored for them."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """Hash a password with Argon2id."""
    return _hasher.hash(password)


def check_password(stored_hash: str, password: str) -> bool:
    """Return True when the password matches the stored Argon2 hash."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token(nbytes: int = 32) -> str:
    """Return an unguessable URL-safe token (256 bits by default)."""
    return secrets.token_urlsafe(nbytes)


def token_digest(token: str) -> str:
    """Return the SHA-256 of a token: only this is stored, never the token itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
