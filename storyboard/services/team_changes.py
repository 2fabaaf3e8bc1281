"""Changes to who is in a team, recorded in the audit and shown to the managers concerned.

A manager reads the cases of their team, so moving a worker between teams, or making someone
a manager, changes who can read a family's story. Such changes are made by administrators
(who open no case themselves); every one is an audit row, and the managers of both teams see
it on their dashboard, so an administrator cannot quietly give an account of their own a
team's cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.models import AuditEvent, User, utcnow

SHOWN_FOR_DAYS = 90
ACTIONS = ("create_user", "edit_user")


@dataclass(frozen=True)
class AccountState:
    """What decides what an account can read: its role, its team and whether it is on."""

    role: str | None
    team: int | None
    active: bool | None

    @classmethod
    def of(cls, user: User) -> AccountState:
        """The account as it stands."""
        return cls(user.role, user.manager_id, user.active)


NEW_ACCOUNT = AccountState(None, None, None)


def record_account_change(action: str, user: User, before: AccountState) -> None:
    """Audit a new or edited account with its role, team and status before and after."""
    after = AccountState.of(user)
    audit.record(
        action,
        user,
        role=after.role,
        active=after.active,
        role_from=before.role,
        team_from=before.team,
        team_to=after.team,
    )


@dataclass(frozen=True)
class TeamChange:
    """One change a manager is shown: when, and what, in words."""

    at: datetime
    text: str


def _describe(event: AuditEvent, me: User, names: dict[int, str]) -> str | None:
    """The change in words for `me`, or None when it does not concern my team or me."""
    d: dict[str, Any] = event.details or {}
    subject = event.object_id
    team_from, team_to = d.get("team_from"), d.get("team_to")
    if me.id not in (team_from, team_to, subject):
        return None
    who = names.get(subject or 0, "An account")
    parts = []
    if team_from != team_to:
        if team_from == me.id:
            elsewhere = f"{names.get(team_to, '?')}'s team" if team_to else "no team"
            parts.append(f"{who} moved from your team to {elsewhere}")
        elif team_to == me.id:
            before = f"{names.get(team_from, '?')}'s team" if team_from else "no team"
            new = event.action == "create_user"
            parts.append(
                f"{who} joined your team" if new else f"{who} moved into your team from {before}"
            )
    if d.get("role") != d.get("role_from") and d.get("role") in ("manager", "admin"):
        parts.append(f"{who} made a{'n' if d['role'] == 'admin' else ''} {d['role']}")
    if d.get("active") is False and event.action == "edit_user":
        parts.append(f"{who}'s account turned off")
    if not parts:
        return None
    by = names.get(event.user_id or 0, "a command")
    return f"{'; '.join(parts)}, by {by}, {event.at:%-d %b %Y}"


def team_changes(me: User, days: int = SHOWN_FOR_DAYS) -> list[TeamChange]:
    """The recent account changes that concern a manager's team (or the manager), newest first."""
    if me.role != "manager":
        return []
    since = utcnow() - timedelta(days=days)
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action.in_(ACTIONS), AuditEvent.at >= since)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    ).all()
    names = dict(db.session.execute(select(User.id, User.display_name)).tuples().all())
    changes = []
    for event in events:
        text = _describe(event, me, names)
        if text:
            changes.append(TeamChange(event.at, text))
    return changes
