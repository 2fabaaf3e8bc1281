"""The team's audit log for its manager: every row about the team's cases and accounts,
filtered by what happened, when and which case, a page of rows at a time and as a CSV
download of every row."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import ColumnElement, and_, or_, select
from werkzeug.wrappers import Response

from storyboard.services import audit
from storyboard.services.access import visible_cases
from storyboard.services.audit_trail import (
    actions_used,
    describe,
    events_page,
    events_where,
    to_csv,
)
from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Case, User
from storyboard.web.access import role_required
from storyboard.web.forms import row_id
from storyboard.web.review.views import bp


def _day(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def _filters() -> tuple[ColumnElement[bool], dict]:
    """The rows this manager may see, narrowed by the form's filters."""
    cases = select(visible_cases(current_user).subquery().c.id)
    team = select(User.id).where(
        or_(User.manager_id == current_user.id, User.id == current_user.id)
    )
    conditions: list[ColumnElement[bool]] = [
        or_(AuditEvent.case_id.in_(cases), AuditEvent.user_id.in_(team))
    ]
    chosen = {
        "action": request.args.get("action", ""),
        "case": request.args.get("case", type=int),
        "since": _day("since"),
        "until": _day("until"),
    }
    if chosen["action"]:
        conditions.append(AuditEvent.action == chosen["action"])
    if chosen["case"]:
        conditions.append(AuditEvent.case_id == chosen["case"])
    if chosen["since"]:
        conditions.append(AuditEvent.at >= datetime.combine(chosen["since"], time()))
    if chosen["until"]:
        end = datetime.combine(chosen["until"], time()) + timedelta(days=1)
        conditions.append(AuditEvent.at < end)
    return and_(*conditions), chosen


@bp.get("/audit")
@role_required("manager")
def team_audit() -> str:
    """The team's audit log, filtered."""
    condition, chosen = _filters()
    before = row_id("before")
    events, older = events_page(condition, before)
    rows = describe(events)
    audit.record("view_team_audit", **{f"filter_{k}": str(v) for k, v in chosen.items() if v})
    db.session.commit()
    # Loaded after the commit, which expires what the session holds: else one query a case.
    cases = db.session.scalars(visible_cases(current_user).order_by(Case.reference)).all()
    return render_template(
        "review/team_audit.html", rows=rows, chosen=chosen, actions=actions_used(),
        cases=cases, before=before, older=older,
    )  # fmt: skip


@bp.get("/audit.csv")
@role_required("manager")
def team_audit_csv() -> Response:
    """The filtered rows as a CSV file."""
    condition, chosen = _filters()
    data = to_csv(describe(events_where(condition)))
    audit.record("export_team_audit", **{f"filter_{k}": str(v) for k, v in chosen.items() if v})
    db.session.commit()
    response = Response(data, mimetype="text/csv")
    stamp = date.today().isoformat()
    response.headers["Content-Disposition"] = f'attachment; filename="team-audit_{stamp}.csv"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
