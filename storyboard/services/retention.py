"""Retention: what the council's rules say to delete from closed cases, and deleting it.

Two settings. RETENTION_DRAFT_DAYS after a case closes, its working drafts go: the pages,
pictures and unapproved versions of every storyboard (a storyboard never approved goes
whole); each approved version is kept. RETENTION_CASE_YEARS after it closes, everything about
the case goes, approved versions included. `plan` lists the deletions; `carry_out` makes
exactly those, writes an audit row for each, and drops the pictures and files no row names.
Audit rows themselves are kept: they hold no story text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, union

from storyboard.services import audit, blobs
from storyboard.services.db import db
from storyboard.services.models import (
    Case,
    Drawing,
    ExportFile,
    Image,
    Panel,
    Recording,
    Revision,
    Storyboard,
)

DRAFT, STORYBOARD, CASE = "draft", "storyboard", "case"


@dataclass(frozen=True)
class Deletion:
    """One thing the rules say to delete, and why (ids and references, never names)."""

    what: str
    case_id: int
    reference: str
    closed_at: datetime
    storyboard_id: int | None = None
    storyboard_number: int | None = None

    def describe(self, now: datetime) -> str:
        """The deletion in words, for the list an administrator checks."""
        days = (now - self.closed_at).days
        closed = f"closed {self.closed_at:%Y-%m-%d}, {days} days ago"
        where = f"case {self.case_id} ({self.reference})"
        if self.what == CASE:
            return f"{where}: everything, approved versions included ({closed})"
        if self.what == STORYBOARD:
            return f"{where}: storyboard {self.storyboard_number}, never approved ({closed})"
        return (
            f"{where}: the working draft of storyboard {self.storyboard_number}; its approved "
            f"versions are kept ({closed})"
        )


def _has_draft(storyboard: Storyboard) -> bool:
    """Whether anything but approved versions is left to delete."""
    return any(
        db.session.scalar(select(model.id).where(column == storyboard.id).limit(1)) is not None
        for model, column in (
            (Panel, Panel.storyboard_id),
            (Image, Image.storyboard_id),
            (Recording, Recording.storyboard_id),
            (Drawing, Drawing.storyboard_id),
        )
    ) or any(r.status != "approved" for r in storyboard.revisions)


def plan(now: datetime, draft_days: int, case_years: int) -> list[Deletion]:
    """Every deletion the rules call for at `now`, oldest case first."""
    drafts_before = now - timedelta(days=draft_days)
    cases_before = now - timedelta(days=round(365.25 * case_years))
    closed = db.session.scalars(
        select(Case)
        .where(Case.closed_at.is_not(None), Case.closed_at <= drafts_before)
        .order_by(Case.closed_at, Case.id)
    )
    deletions = []
    for case in closed:
        if case.closed_at <= cases_before:
            deletions.append(Deletion(CASE, case.id, case.reference, case.closed_at))
            continue
        for storyboard in case.storyboards:
            approved = any(r.status == "approved" for r in storyboard.revisions)
            if not approved or _has_draft(storyboard):
                deletions.append(
                    Deletion(
                        DRAFT if approved else STORYBOARD,
                        case.id,
                        case.reference,
                        case.closed_at,
                        storyboard.id,
                        storyboard.number,
                    )  # fmt: skip
                )
    return deletions


def _files_of(storyboard_ids: list[int], revisions: list[int] | None = None) -> set[str]:
    """The blobs the rows about to go name (pictures, recordings, frozen files, exports)."""
    images = union(
        select(Image.sha256).where(Image.storyboard_id.in_(storyboard_ids)),
        select(Recording.sha256).where(Recording.storyboard_id.in_(storyboard_ids)),
    )
    frozen = select(Revision.id, Revision.file_sha256).where(
        Revision.storyboard_id.in_(storyboard_ids)
    )
    if revisions is not None:
        frozen = frozen.where(Revision.id.in_(revisions))
    rows = db.session.execute(frozen).all()
    exports = select(ExportFile.blob_sha256).where(ExportFile.revision_id.in_([r[0] for r in rows]))
    names = set(db.session.scalars(images)) | set(db.session.scalars(exports))
    return names | {r[1] for r in rows if r[1]}


def _delete_draft(storyboard_id: int) -> set[str]:
    unapproved = list(
        db.session.scalars(
            select(Revision.id).where(
                Revision.storyboard_id == storyboard_id, Revision.status != "approved"
            )
        )
    )
    files = _files_of([storyboard_id], unapproved)
    for model in (Panel, Image, Recording, Drawing):
        db.session.execute(delete(model).where(model.storyboard_id == storyboard_id))
    db.session.execute(delete(Revision).where(Revision.id.in_(unapproved)))
    return files


def _delete_storyboards(storyboard_ids: list[int]) -> set[str]:
    files = _files_of(storyboard_ids)
    # Rows that name a storyboard go with it (the database's ON DELETE CASCADE).
    db.session.execute(delete(Storyboard).where(Storyboard.id.in_(storyboard_ids)))
    return files


def carry_out(deletions: list[Deletion]) -> None:
    """Make exactly these deletions, with an audit row each (the caller commits)."""
    files: set[str] = set()
    for item in deletions:
        if item.what == DRAFT:
            files |= _delete_draft(item.storyboard_id or 0)
        elif item.what == STORYBOARD:
            files |= _delete_storyboards([item.storyboard_id or 0])
        else:
            ids = list(db.session.scalars(select(Storyboard.id).filter_by(case_id=item.case_id)))
            files |= _delete_storyboards(ids)
            db.session.execute(delete(Case).where(Case.id == item.case_id))
        audit.record(
            "retention_delete", case_id=item.case_id, storyboard_id=item.storyboard_id,
            what=item.what, closed_at=item.closed_at.isoformat(),
        )  # fmt: skip
    db.session.flush()
    db.session.expire_all()
    blobs.forget(files)
