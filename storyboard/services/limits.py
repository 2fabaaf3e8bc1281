"""The one rate-limit helper: how many recorded events in the last minutes, and sign-in tries.

Every limit counts rows that are kept anyway (sign-in attempts, audit events), so a limit holds
across app servers and restarts with no store of its own. Sign-in, family-mode PINs and share
links all ask `reached`; a share link's PIN lockout is a counter on the link itself, changed in
one UPDATE (`web/reviewer`).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute

from storyboard.services.db import db
from storyboard.services.models import SignInAttempt, utcnow


def counted(at: InstrumentedAttribute, minutes: int, *conditions: ColumnElement[bool]) -> int:
    """How many rows of `at`'s table, made in the last `minutes`, meet the conditions."""
    since = utcnow() - timedelta(minutes=minutes)
    query = select(func.count()).select_from(at.class_).where(at >= since, *conditions)
    return db.session.scalar(query) or 0


def reached(
    at: InstrumentedAttribute, most: int, minutes: int, *conditions: ColumnElement[bool]
) -> bool:
    """Whether `most` such rows were made in the last `minutes`: the limit is reached."""
    return counted(at, minutes, *conditions) >= most


def account_key(username: str) -> str:
    """The name a sign-in try is counted under: one account, whatever the letter case."""
    return username.strip().casefold()


def claim_sign_in_try(username: str, address: str, max_failures: int, minutes: int) -> bool:
    """Record a try as failed before any password is checked; False when it is over the limit.

    The row is written first (the caller commits it before checking the password), so
    parallel tries each see the ones before them: however many arrive at once, no more than
    `max_failures` are checked. The account is counted by `account_key`, from any address.
    """
    key = account_key(username)
    db.session.add(SignInAttempt(username=key, address=address, succeeded=False))
    db.session.flush()
    failed = SignInAttempt.succeeded.is_(False)
    over = max_failures + 1  # this try's own row is counted
    return not (
        reached(SignInAttempt.at, over, minutes, failed, SignInAttempt.username == key)
        or reached(SignInAttempt.at, over, minutes, failed, SignInAttempt.address == address)
    )


def sign_in_succeeded(username: str, address: str) -> None:
    """Clear the account's failed tries (this one's claim too) and record the success."""
    key = account_key(username)
    db.session.execute(
        SignInAttempt.__table__.delete().where(
            SignInAttempt.username == key, SignInAttempt.succeeded.is_(False)
        )
    )
    db.session.add(SignInAttempt(username=key, address=address, succeeded=True))
