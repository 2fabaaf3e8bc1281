"""The loaders every view uses: a case or storyboard the signed-in user may read, or 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required

from storyboard.services.access import can_see_case
from storyboard.services.db import db
from storyboard.services.models import Case, Storyboard

F = TypeVar("F", bound=Callable[..., Any])


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
