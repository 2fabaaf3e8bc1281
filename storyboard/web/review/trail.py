"""A storyboard's audit trail for its managers: a page of rows at a time, and as a CSV
download of every row."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import ColumnElement, or_
from werkzeug.wrappers import Response

from storyboard.services import audit
from storyboard.services.audit_trail import describe, events_page, events_where, to_csv
from storyboard.services.db import db
from storyboard.services.exports import export_filename
from storyboard.services.models import AuditEvent, Storyboard
from storyboard.web.access import get_storyboard, role_required
from storyboard.web.forms import row_id
from storyboard.web.review.views import bp


def about(storyboard: Storyboard) -> ColumnElement[bool]:
    """The audit rows about this storyboard: its own, and those naming it as their object."""
    return or_(
        AuditEvent.storyboard_id == storyboard.id,
        (AuditEvent.object_type == "storyboard") & (AuditEvent.object_id == storyboard.id),
    )


@bp.get("/storyboards/<int:storyboard_id>/audit")
@role_required("manager")
def audit_trail(storyboard_id: int) -> str:
    """Every view, edit, export, share, revoke and decision on this storyboard."""
    storyboard = get_storyboard(storyboard_id)
    before = row_id("before")
    events, older = events_page(about(storyboard), before)
    rows = describe(events)
    audit.record("view_audit", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id)
    db.session.commit()
    return render_template(
        "review/audit.html", storyboard=storyboard, rows=rows, before=before, older=older,
    )  # fmt: skip


@bp.get("/storyboards/<int:storyboard_id>/audit.csv")
@role_required("manager")
def audit_csv(storyboard_id: int) -> Response:
    """The audit trail as a CSV file named by case reference, never by the child's name."""
    storyboard = get_storyboard(storyboard_id)
    data = to_csv(describe(events_where(about(storyboard))))
    audit.record(
        "export_audit", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id
    )
    db.session.commit()
    name = export_filename(storyboard, "json").replace("-storyboard.json", "-audit.csv")
    response = Response(data, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
