"""Everything held about one case, in one zip: for a subject-access request.

Holds the case and its people; each storyboard's working draft as a portable file; every
frozen version exactly as it was sent; every share link (who it was for, never its token),
decision, comment and reading record; and every audit row about the case, as a CSV.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select

from storyboard.services import blobs
from storyboard.services.audit_trail import describe, events_where, to_csv
from storyboard.services.db import db
from storyboard.services.models import (
    Approval,
    AuditEvent,
    Case,
    Comment,
    ReadingRecord,
    ShareLink,
    Storyboard,
)
from storyboard.services.storydoc import to_storyfile
from storyboard.story.storyfile import write_zip

README = """\
Everything this app holds about case {reference}, made on {made} (UTC).

case.json                          the case, its workers and the people in it
storyboard-N/draft.zip             the working draft, as a portable storyboard file
storyboard-N/version-M.zip         each version exactly as it was sent for review
storyboard-N/review.json           share links (who for; never the link), decisions,
                                   comments and reading records
audit.csv                          every audit row about the case: who did what, when

A storyboard file opens in the app (Import) and with `storyboard render`.
"""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(obj: Any, *names: str) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in names}


def _review(storyboard: Storyboard) -> dict[str, Any]:
    versions = []
    for revision in storyboard.revisions:
        where = {"revision_id": revision.id}
        versions.append(
            {
                **_row(
                    revision,
                    "number",
                    "sha256",
                    "reason",
                    "status",
                    "created_at",
                    "approved_at",
                    "superseded_at",
                ),  # fmt: skip
                "links": [
                    _row(
                        link,
                        "id",
                        "reviewer_name",
                        "reviewer_role",
                        "required",
                        "created_at",
                        "expires_at",
                        "revoked_at",
                        "first_viewed_at",
                        "last_viewed_at",
                    )  # fmt: skip
                    for link in db.session.scalars(select(ShareLink).filter_by(**where))
                ],
                "decisions": [
                    _row(
                        a,
                        "reviewer_name",
                        "decision",
                        "details",
                        "revision_sha256",
                        "share_link_id",
                        "created_at",
                    )  # fmt: skip
                    for a in db.session.scalars(select(Approval).filter_by(**where))
                ],
                "comments": [
                    _row(
                        c,
                        "author_name",
                        "panel_index",
                        "body",
                        "share_link_id",
                        "resolved_at",
                        "created_at",
                    )  # fmt: skip
                    for c in db.session.scalars(select(Comment).filter_by(**where))
                ],
            }
        )
    readings = [
        _row(r, "read_on", "read_by", "notes", "revision_id", "created_at")
        for r in db.session.scalars(select(ReadingRecord).filter_by(storyboard_id=storyboard.id))
    ]
    return {"versions": versions, "readings": readings}


def subject_access_zip(case: Case, made: datetime) -> bytes:
    """The zip of everything held about `case`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(reference=case.reference, made=made))
        about = {
            **_row(case, "reference", "family_name", "created_at", "closed_at"),
            "workers": [{"name": u.display_name, "username": u.username} for u in case.workers],
            "people": [
                {
                    **_row(p, "name", "pronouns", "known_as", "preferred_language"),
                    "needs_interpreter": p.needs_interpreter,
                    "relationship": p.relationship_,
                }
                for p in case.people
            ],
        }
        archive.writestr("case.json", json.dumps(about, indent=2, ensure_ascii=False))
        for storyboard in case.storyboards:
            folder = f"storyboard-{storyboard.number}"
            archive.writestr(f"{folder}/draft.zip", write_zip(to_storyfile(storyboard)))
            for revision in storyboard.revisions:
                frozen = blobs.get(revision.file_sha256)
                if frozen is not None:
                    archive.writestr(f"{folder}/version-{revision.number}.zip", frozen)
            review = json.dumps(_review(storyboard), indent=2, ensure_ascii=False)
            archive.writestr(f"{folder}/review.json", review)
        ids = [s.id for s in case.storyboards]
        condition = or_(
            AuditEvent.case_id == case.id,
            AuditEvent.storyboard_id.in_(ids),
            (AuditEvent.object_type == "case") & (AuditEvent.object_id == case.id),
        )
        archive.writestr("audit.csv", to_csv(describe(events_where(condition))))
    return buffer.getvalue()
