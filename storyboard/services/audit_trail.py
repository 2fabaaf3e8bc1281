"""The audit trail in words, for people: rows naming who did what, and the CSV download.

Used by a storyboard's trail page and by subject-access zips. Cells that a spreadsheet would
run as a formula (a name typed as `=HYPERLINK(...)`) are quoted.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from sqlalchemy import ColumnElement, select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, ShareLink, User

COLUMNS = ("when (UTC)", "action", "who", "object", "object id", "address", "details")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def events_where(condition: ColumnElement[bool]) -> Sequence[AuditEvent]:
    """The audit rows meeting `condition`, newest first."""
    query = select(AuditEvent).where(condition).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return db.session.scalars(query).all()


def describe(events: Sequence[AuditEvent]) -> list[dict[str, str]]:
    """Each row with who did it in words (an account's name, or a reviewer's link)."""
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
