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


def note_sign_in_try(username: str, address: str) -> None:
    """Record a try as failed before any password is checked (the caller commits it first).

    Written and committed before `sign_in_paused` counts, so parallel tries each see the
    ones committed before them: however many arrive at once, the n-th to commit counts at
    least n, and no more than the limit are checked. The account is counted by
    `account_key`, from any address.
    """
    db.session.add(SignInAttempt(username=account_key(username), address=address, succeeded=False))


def sign_in_paused(username: str, address: str, max_failures: int, minutes: int) -> bool:
    """Whether this account, or this address, is over the limit, this try's own row counted."""
    key = account_key(username)
    failed = SignInAttempt.succeeded.is_(False)
    over = max_failures + 1
    return reached(
        SignInAttempt.at, over, minutes, failed, SignInAttempt.username == key
    ) or reached(SignInAttempt.at, over, minutes, failed, SignInAttempt.address == address)


def sign_in_succeeded(username: str, address: str) -> None:
    """Clear the account's failed tries (this one's claim too) and record the success."""
    key = account_key(username)
    db.session.execute(
        SignInAttempt.__table__.delete().where(
            SignInAttempt.username == key, SignInAttempt.succeeded.is_(False)
        )
    )
    db.session.add(SignInAttempt(username=key, address=address, succeeded=True))
