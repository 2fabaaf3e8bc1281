"""Files sealed with a passphrase: backups and subject-access zips (scrypt, then AES-256-GCM).

A sealed file is MAGIC, a random salt and nonce, then the ciphertext with its tag. A wrong
passphrase or a changed byte fails to open with a plain message, never with partial output.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"STORYBOARD-SEALED-1\n"
SALT_BYTES, NONCE_BYTES = 16, 12
# scrypt at the strength RFC 7914 suggests for files: 2^17 x 8 uses 128 MiB for about 0.3 s.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MIN_PASSPHRASE = 12


class SealError(ValueError):
    """A sealed file that cannot be opened: the message says why, plainly."""


def _key(passphrase: str, salt: bytes) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def seal(data: bytes, passphrase: str) -> bytes:
    """Encrypt `data` under a passphrase of at least MIN_PASSPHRASE characters."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise SealError(f"Use a passphrase of at least {MIN_PASSPHRASE} characters.")
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    return MAGIC + salt + nonce + AESGCM(_key(passphrase, salt)).encrypt(nonce, data, MAGIC)


def is_sealed(data: bytes) -> bool:
    """Whether `data` is a sealed file."""
    return data.startswith(MAGIC)


def unseal(data: bytes, passphrase: str) -> bytes:
    """The bytes sealed in `data`, or SealError for a wrong passphrase or a damaged file."""
    if not is_sealed(data):
        raise SealError("This file is not sealed with a passphrase.")
    body = data[len(MAGIC) :]
    salt, nonce = body[:SALT_BYTES], body[SALT_BYTES : SALT_BYTES + NONCE_BYTES]
    try:
        return AESGCM(_key(passphrase, salt)).decrypt(
            nonce, body[SALT_BYTES + NONCE_BYTES :], MAGIC
        )
    except InvalidTag:
        raise SealError("The passphrase is wrong, or the file was changed.") from None
