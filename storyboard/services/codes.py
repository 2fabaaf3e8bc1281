"""Sign-in codes (TOTP, RFC 6238, with pyotp) for staff who sign in with a password.

The secret is sealed under SECRET_KEY (`core/secretbox.py`) and never logged. It is stored
when a person starts turning codes on and counts only once they have typed a code from their
app (`totp_enabled_at`). A code is accepted once: its time step is written in the same UPDATE
that checks it is newer than the last one used, so two tries at once cannot both use it. The
caller commits.
"""

from __future__ import annotations

import time

import pyotp
import segno
from flask import current_app
from sqlalchemy import update

from storyboard.core.secretbox import SecretBoxError, open_text, seal_text
from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.models import User, utcnow

PURPOSE = "sign-in-codes"
ISSUER_NAME = "Words & Pictures"
# A code from the step before or after also counts: phones' clocks drift.
VALID_WINDOW = 1


def _seal(user: User, secret: str) -> str:
    return seal_text(secret, str(current_app.config["SECRET_KEY"]), PURPOSE, f"user:{user.id}")


def secret_of(user: User) -> str | None:
    """The account's secret in clear, or None (none set, or SECRET_KEY changed since)."""
    if not user.totp_secret:
        return None
    try:
        return open_text(
            user.totp_secret, str(current_app.config["SECRET_KEY"]), PURPOSE, f"user:{user.id}"
        )
    except SecretBoxError:
        return None


def is_on(user: User) -> bool:
    """Whether sign-in asks this account for a code."""
    return user.totp_enabled_at is not None and user.totp_secret is not None


def start(user: User) -> str:
    """A new secret for an account turning codes on (not on until `confirm`)."""
    secret = pyotp.random_base32()
    user.totp_secret = _seal(user, secret)
    user.totp_enabled_at = None
    user.totp_last_step = None
    return secret


def setup_uri(user: User, secret: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER_NAME)


def qr_svg(uri: str) -> str:
    """The QR code of `uri` as an inline SVG, drawn here (no other host sees the secret)."""
    # A viewBox and no fixed size, so the page can scale it; the quiet zone of four modules
    # that scanners need.
    return segno.make(uri, error="m").svg_inline(border=4, omitsize=True, dark="#1b1b1b")


def _matching_step(secret: str, code: str) -> int | None:
    """The time step a six-digit code belongs to (within VALID_WINDOW), or None."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    step = int(time.time()) // totp.interval
    for candidate in range(step - VALID_WINDOW, step + VALID_WINDOW + 1):
        if pyotp.utils.strings_equal(totp.at(candidate * totp.interval), code):
            return candidate
    return None


def use_code(user: User, code: str) -> bool:
    """Whether `code` is right for the account and not used before; marks it used if so."""
    secret = secret_of(user)
    step = _matching_step(secret, code) if secret else None
    if step is None:
        return False
    last = User.totp_last_step
    claimed = db.session.execute(
        update(User)
        .where(User.id == user.id, (last.is_(None)) | (last < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    user.totp_last_step = step
    return True


def confirm(user: User, code: str) -> bool:
    """Turn codes on once the person types a right code from their app."""
    if user.totp_secret is None or is_on(user) or not use_code(user, code):
        return False
    user.totp_enabled_at = utcnow()
    audit.record("codes_on", user, user_id=user.id)
    return True


def turn_off(user: User, *, by_admin: bool) -> None:
    """Stop asking for codes (the owner with a code, or an admin for a lost phone)."""
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    audit.record("codes_off_by_admin" if by_admin else "codes_off", user)
