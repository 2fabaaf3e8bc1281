"""Passwords and tokens: Argon2 hashes, unguessable tokens, and the digests stored for them.

Pure: the hash profile is passed in (services/accounts.py reads the PASSWORD_HASH_PROFILE
setting). A hash carries its own parameters, so one made under any profile verifies anywhere.
"""

from __future__ import annotations

import functools
import hashlib
import secrets

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

# Argon2id parameters by the PASSWORD_HASH_PROFILE setting's values (argon2-cffi's profiles).
# The default is argon2-cffi's own default. "test-cheap" makes hashes anyone could brute-force:
# it keeps test suites fast, and the app refuses it unless TESTING is on.
PASSWORD_HASH_PROFILES: dict[str, Parameters] = {
    "rfc9106-low-memory": profiles.RFC_9106_LOW_MEMORY,
    "test-cheap": profiles.CHEAPEST,
}
DEFAULT_PROFILE = "rfc9106-low-memory"
TEST_ONLY_PROFILES = frozenset({"test-cheap"})


@functools.cache
def hasher(profile: str = DEFAULT_PROFILE) -> PasswordHasher:
    """The hasher for one profile (made once: each holds only its parameters)."""
    return PasswordHasher.from_parameters(PASSWORD_HASH_PROFILES[profile])


def hash_password(password: str, profile: str = DEFAULT_PROFILE) -> str:
    """Hash a password with Argon2id, with the parameters of a profile."""
    return hasher(profile).hash(password)


def check_password(stored_hash: str, password: str) -> bool:
    """Return True when the password matches the stored Argon2 hash (whatever its profile)."""
    try:
        return hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def dummy_hash(profile: str = DEFAULT_PROFILE) -> str:
    """A hash of no one's password, made once per profile."""
    return hasher(profile).hash("not-a-real-password")


def new_token(nbytes: int = 32) -> str:
    """Return an unguessable URL-safe token (256 bits by default)."""
    return secrets.token_urlsafe(nbytes)


def token_digest(token: str) -> str:
    """Return the SHA-256 of a token: only this is stored, never the token itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
