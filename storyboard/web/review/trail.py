"""A storyboard's audit trail for its managers: on a page, and as a CSV download."""

from __future__ import annotations

import csv
import io
import json

from flask import render_template
from sqlalchemy import or_, select
from werkzeug.wrappers import Response

from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.exports import export_filename
from storyboard.services.models import AuditEvent, ShareLink, Storyboard, User
from storyboard.web.access import get_storyboard, role_required
from storyboard.web.review.views import bp

COLUMNS = ("when (UTC)", "action", "who", "object", "object id", "address", "details")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def trail(storyboard: Storyboard) -> list[dict]:
    """The storyboard's audit rows, newest first, with who did each thing in words."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(
            or_(
                AuditEvent.storyboard_id == storyboard.id,
                (AuditEvent.object_type == "storyboard") & (AuditEvent.object_id == storyboard.id),
            )
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    ).all()
    users = {u.id: u.display_name for u in db.session.scalars(select(User))}
    link_ids = {e.share_link_id for e in events if e.share_link_id}
    links = {
        link.id: f"{link.reviewer_name} ({link.reviewer_role}, by link)"
        for link in db.session.scalars(select(ShareLink).where(ShareLink.id.in_(link_ids)))
    }
    rows = []
    for event in events:
        if event.user_id:
            who = users.get(event.user_id, f"account {event.user_id}")
        elif event.share_link_id:
            who = links.get(event.share_link_id, "a reviewer's link")
        else:
            who = "someone without an account"
        rows.append(
            {
                "at": event.at.strftime("%Y-%m-%d %H:%M:%S"),
                "action": event.action,
                "who": who,
                "object": event.object_type or "",
                "object_id": "" if event.object_id is None else str(event.object_id),
                "address": event.address or "",
                "details": json.dumps(event.details or {}, sort_keys=True, ensure_ascii=False),
            }
        )
    return rows


def _cell(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


@bp.get("/storyboards/<int:storyboard_id>/audit")
@role_required("manager")
def audit_trail(storyboard_id: int) -> str:
    """Every view, edit, export, share, revoke and decision on this storyboard."""
    storyboard = get_storyboard(storyboard_id)
    rows = trail(storyboard)
    audit.record("view_audit", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id)
    db.session.commit()
    return render_template("review/audit.html", storyboard=storyboard, rows=rows)


@bp.get("/storyboards/<int:storyboard_id>/audit.csv")
@role_required("manager")
def audit_csv(storyboard_id: int) -> Response:
    """The audit trail as a CSV file named by case reference, never by the child's name."""
    storyboard = get_storyboard(storyboard_id)
    rows = trail(storyboard)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(v) for v in row.values()])
    audit.record(
        "export_audit", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id
    )
    db.session.commit()
    name = export_filename(storyboard, "json").replace("-storyboard.json", "-audit.csv")
    response = Response(buffer.getvalue().encode("utf-8-sig"), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
