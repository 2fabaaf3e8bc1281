"""The audit trail in words, for people: rows naming who did what, and the CSV download.

Used by a storyboard's trail page, the team's audit page and by subject-access zips. Pages
read one page of rows at a time (the log grows by a row per save, millions in a council);
the CSV holds them all. Cells that a spreadsheet would run as a formula (a name typed as
`=HYPERLINK(...)`) are quoted.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from sqlalchemy import ColumnElement, or_, select, text

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, ShareLink, User

COLUMNS = ("when (UTC)", "action", "who", "object", "object id", "address", "details")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PER_PAGE = 100  # rows on one page of an audit page


def events_where(condition: ColumnElement[bool]) -> Sequence[AuditEvent]:
    """The audit rows meeting `condition`, newest first."""
    query = select(AuditEvent).where(condition).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return db.session.scalars(query).all()


def events_page(
    condition: ColumnElement[bool], before: int | None = None, per_page: int = PER_PAGE
) -> tuple[Sequence[AuditEvent], int | None]:
    """A page of the rows meeting `condition`, newest first: the newest, or those older than
    the row `before` (an id). Returns them and the id to ask for the next older page (None
    at the end). Counted from a row, not an offset, so the rows written while someone reads
    (their own views of the page among them) never push a row onto the next page twice."""
    query = select(AuditEvent).where(condition)
    if before is not None:
        mark = db.session.get(AuditEvent, before)
        if mark is not None:
            # `at <= ...` on its own lets the database walk the index on the time from there.
            query = query.where(
                AuditEvent.at <= mark.at,
                or_(AuditEvent.at < mark.at, AuditEvent.id < mark.id),
            )
    query = query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(per_page + 1)
    events = db.session.scalars(query).all()
    older = events[per_page - 1].id if len(events) > per_page else None
    return events[:per_page], older


# Each distinct action by walking the index on (action, at) from one action to the next: a
# few dozen index lookups, where SELECT DISTINCT reads every row of the log.
_ACTIONS = text(
    "WITH RECURSIVE used(action) AS ("
    " SELECT min(action) FROM audit_events"
    " UNION ALL"
    " SELECT (SELECT min(action) FROM audit_events WHERE action > used.action)"
    " FROM used WHERE used.action IS NOT NULL"
    ") SELECT action FROM used WHERE action IS NOT NULL"
)


def actions_used() -> list[str]:
    """Every action the log holds, in alphabetical order."""
    return list(db.session.scalars(_ACTIONS))


def describe(events: Sequence[AuditEvent]) -> list[dict[str, str]]:
    """Each row with who did it in words (an account's name, or a reviewer's link)."""
    user_ids = {e.user_id for e in events if e.user_id}
    users = dict(
        db.session.execute(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()
    )
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


def safe_cell(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(rows: list[dict[str, str]]) -> bytes:
    """The rows as a CSV file (UTF-8 with a byte-order mark, so Excel reads the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row.values()])
    return buffer.getvalue().encode("utf-8-sig")
