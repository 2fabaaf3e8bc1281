"""The audit log: who did what to which record. Never the storyboard's words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storyboard.services.db import db
from storyboard.services.models import AuditEvent


def nobody() -> tuple[int | None, str | None]:
    """No signed-in user, no address: a command, or code outside a request."""
    return None, None


# Who acts, from where: (user id, address). Services never read the request; the web layer
# sets this to read the signed-in user and the client's address (`web.signin.init_app`).
actor: Callable[[], tuple[int | None, str | None]] = nobody


def record(
    action: str,
    obj: Any = None,
    *,
    case_id: int | None = None,
    storyboard_id: int | None = None,
    share_link_id: int | None = None,
    user_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit row to the session (committed with the change it describes)."""
    who, address = actor()
    if user_id is None:
        user_id = who
    event = AuditEvent(
        action=action,
        object_type=type(obj).__name__.lower() if obj is not None else None,
        object_id=getattr(obj, "id", None),
        case_id=case_id,
        storyboard_id=storyboard_id,
        share_link_id=share_link_id,
        user_id=user_id,
        address=address,
        details=details,
    )
    db.session.add(event)
    return event
