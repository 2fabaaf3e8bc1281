"""A worker who leaves: their cases (and, for a manager, their team) go to one colleague in
the same step that turns the account off, so no family's case is left with no one to open it.

Done by an administrator on the account's page. The audit keeps who handed what to whom (ids
only, never a family's name), and each team move is a team change its managers are shown.
"""

from __future__ import annotations

from sqlalchemy import exists, select

from storyboard.core.errors import StoryboardError
from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.models import Case, User, case_workers
from storyboard.services.team_changes import AccountState, record_account_change

TAKERS = ("worker", "manager")  # who can take over cases (admins open no case)


class HandOverError(StoryboardError):
    """A hand-over that cannot be made, with a message for the administrator."""

    def __init__(self, message: str) -> None:
        super().__init__(400, "invalid", message)


def team_of(user: User) -> list[User]:
    """The accounts this user manages."""
    return list(db.session.scalars(select(User).where(User.manager_id == user.id)))


def needs_hand_over(user: User) -> bool:
    """Whether turning this account off would leave cases or a team without anyone."""
    return bool(user.cases) or bool(team_of(user))


def takers(leaver: User) -> list[User]:
    """Who can take over: other active workers and managers, the leaver's manager first."""
    people = db.session.scalars(
        select(User)
        .where(User.active.is_(True), User.role.in_(TAKERS), User.id != leaver.id)
        .order_by(User.display_name)
    ).all()
    return sorted(people, key=lambda u: u.id != leaver.manager_id)


def hand_over(leaver: User, taker: User) -> tuple[int, int]:
    """Give every case of `leaver` to `taker`, and their team if they manage one (the caller
    commits, with the account turned off). Returns (cases, team members) moved."""
    if taker.id == leaver.id or not taker.active or taker.role not in TAKERS:
        raise HandOverError("Choose an active worker or manager to take over.")
    team = team_of(leaver)
    if team and taker.role != "manager":
        raise HandOverError(
            f"{leaver.display_name} manages a team: choose a manager to take it over."
        )
    cases = list(leaver.cases)
    for case in cases:
        if taker not in case.workers:
            case.workers.append(taker)
        case.workers.remove(leaver)
    for member in team:
        before = AccountState.of(member)
        # The taker from the leaver's own team now answers to the leaver's manager.
        member.manager_id = taker.id if member.id != taker.id else leaver.manager_id
        record_account_change("edit_user", member, before)
    audit.record(
        "hand_over", leaver, to_user=taker.id,
        cases=sorted(c.id for c in cases), team=sorted(m.id for m in team),
    )  # fmt: skip
    return len(cases), len(team)


def cases_without_anyone() -> int:
    """How many cases no active worker or manager can open through the case's own workers
    (a team's manager reads them too, but a case should have its own worker)."""
    active_worker = (
        select(case_workers.c.case_id)
        .join(User, User.id == case_workers.c.user_id)
        .where(case_workers.c.case_id == Case.id, User.active.is_(True))
    )
    return (
        db.session.scalar(select(db.func.count()).select_from(Case).where(~exists(active_worker)))
        or 0
    )
