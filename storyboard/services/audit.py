"""The audit log: who did what to which record. Never the storyboard's words."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from flask_login import current_user

from storyboard.services.db import db
from storyboard.services.models import AuditEvent


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
    if user_id is None and has_request_context() and current_user.is_authenticated:
        user_id = current_user.id
    event = AuditEvent(
        action=action,
        object_type=type(obj).__name__.lower() if obj is not None else None,
        object_id=getattr(obj, "id", None),
        case_id=case_id,
        storyboard_id=storyboard_id,
        share_link_id=share_link_id,
        user_id=user_id,
        address=request.remote_addr if has_request_context() else None,
        details=details,
    )
    db.session.add(event)
    return event
