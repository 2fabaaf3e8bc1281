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


def too_many_failures(username: str, address: str, max_failures: int, minutes: int) -> bool:
    """Whether this account or this address failed to sign in too often recently."""
    failed = SignInAttempt.succeeded.is_(False)
    return reached(
        SignInAttempt.at, max_failures, minutes, failed, SignInAttempt.username == username
    ) or reached(SignInAttempt.at, max_failures, minutes, failed, SignInAttempt.address == address)


def note_attempt(username: str, address: str, succeeded: bool) -> None:
    """Record one sign-in attempt; a success clears that account's earlier failures."""
    if succeeded:
        db.session.execute(
            SignInAttempt.__table__.delete().where(
                SignInAttempt.username == username, SignInAttempt.succeeded.is_(False)
            )
        )
    db.session.add(SignInAttempt(username=username, address=address, succeeded=succeeded))
