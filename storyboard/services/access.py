"""Who may see what, in one place: every case and storyboard is loaded through these guards."""

from __future__ import annotations

from sqlalchemy import Select, false, or_, select

from storyboard.services.db import db
from storyboard.services.models import Case, User, case_workers


def visible_cases(user: User) -> Select[tuple[Case]]:
    """Return a query of the cases `user` may read.

    A worker reads the cases assigned to them; a manager also reads their team's cases; an
    admin manages accounts and settings and reads no case, even one they were assigned to.
    """
    if user.role == "admin":
        return select(Case).where(false())
    assigned = select(case_workers.c.case_id).where(case_workers.c.user_id == user.id)
    conditions = [Case.id.in_(assigned)]
    if user.role == "manager":
        team = select(User.id).where(User.manager_id == user.id)
        conditions.append(
            Case.id.in_(select(case_workers.c.case_id).where(case_workers.c.user_id.in_(team)))
        )
    return select(Case).where(or_(*conditions))


def can_see_case(user: User, case_id: int) -> bool:
    """Return True when `user` may read the case."""
    query = visible_cases(user).where(Case.id == case_id)
    return db.session.execute(query).first() is not None


def assignable_workers(user: User) -> list[User]:
    """Return the people `user` may assign to a case: themselves and, for a manager, the team."""
    people = [user] if user.role != "admin" else []
    if user.role == "manager":
        people += [u for u in user.team if u.active and u.role == "worker"]
    return people
