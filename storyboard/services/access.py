"""Who may see what, in one place: every case and storyboard is loaded through these guards."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import Select, or_, select

from storyboard.services.db import db
from storyboard.services.models import Case, Storyboard, User, case_workers

F = TypeVar("F", bound=Callable[..., Any])


def visible_cases(user: User) -> Select[tuple[Case]]:
    """Return a query of the cases `user` may read.

    A worker reads the cases assigned to them; a manager also reads their team's cases; an
    admin manages accounts and reads only the cases they are assigned to.
    """
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


def get_case(case_id: int) -> Case:
    """Load a case the signed-in user may read, or answer 404 (never reveal it exists)."""
    case = db.session.get(Case, case_id)
    if case is None or not can_see_case(current_user, case.id):
        abort(404)
    return case


def get_storyboard(storyboard_id: int) -> Storyboard:
    """Load a storyboard the signed-in user may read, or answer 404."""
    storyboard = db.session.get(Storyboard, storyboard_id)
    if storyboard is None or not can_see_case(current_user, storyboard.case_id):
        abort(404)
    return storyboard


def assignable_workers(user: User) -> list[User]:
    """Return the people `user` may assign to a case: themselves and, for a manager, the team."""
    people = [user]
    if user.role == "manager":
        people += [u for u in user.team if u.active and u.role == "worker"]
    return people


def role_required(*roles: str) -> Callable[[F], F]:
    """Allow a view only to signed-in users with one of `roles` (others get 403)."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
