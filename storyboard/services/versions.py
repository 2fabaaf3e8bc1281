"""Frozen versions: send a storyboard for review as an immutable file, read it back, compare two.

A version is a real snapshot, not a flag on the live rows. "Send for review" writes the portable
file (the document and the photos it shows) to `<instance>/revisions/<sha256>.zip`, a file that
is never overwritten or deleted, and keeps the document in `Revision.document` too. Everything
about a version (the reviewer's page, its exports, the diff) is read back from that zip, so later
edits of the draft, or deleted photos, cannot change it.

The frozen file is the version exactly as it will be given to the family once agreed: its
status is "approved", so it carries no Draft mark, and its hash (`storyfile.version_hash`) is
the version's hash. An approved version's exports are made from that very file (same hash);
until then, exports use a copy marked "draft" so every page says Draft. Each version records
the hash scheme it was hashed with (`story.hashing`), so hashes recorded before a scheme
change stay checkable and never change.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from storyboard.core.files import write_once
from storyboard.services.db import db
from storyboard.services.models import Revision, Storyboard, User, utcnow
from storyboard.services.storydoc import to_storyfile
from storyboard.story.hashing import CURRENT_SCHEME, version_hash
from storyboard.story.storyfile import StoryFile, loads, write_zip

_HASH = re.compile(r"^[0-9a-f]{64}$")


class VersionError(RuntimeError):
    """A frozen version's file is missing or no longer matches its hash."""


# --- freezing and reading back -------------------------------------------------------------


def revisions_folder() -> Path:
    """Where frozen versions are kept: instance/revisions (outside static/)."""
    return Path(current_app.instance_path) / "revisions"


def frozen_path(sha256: str) -> Path:
    """The zip file of a frozen version, named by its hash."""
    if not _HASH.match(sha256):
        raise VersionError("not a version hash")
    return revisions_folder() / f"{sha256}.zip"


def draft_storyfile(storyboard: Storyboard) -> StoryFile:
    """The live rows as the file a new version would freeze (status approved, see above)."""
    return to_storyfile(storyboard, status="approved")


def _write_once(path: Path, data: bytes) -> None:
    """Write a frozen version's file; it is read-only and never replaced."""
    write_once(path, data, mode=0o440)


def latest_revision(storyboard: Storyboard) -> Revision | None:
    """The newest version of a storyboard, if any."""
    return db.session.scalar(
        select(Revision)
        .where(Revision.storyboard_id == storyboard.id)
        .order_by(Revision.number.desc())
        .limit(1)
    )


def freeze(
    storyboard: Storyboard, user: User, reason: str, storyfile: StoryFile | None = None
) -> Revision:
    """Freeze the draft as the next numbered version and supersede older ones (caller commits)."""
    storyfile = storyfile or draft_storyfile(storyboard)
    sha = version_hash(storyfile)
    _write_once(frozen_path(sha), write_zip(storyfile))
    number = (
        db.session.scalar(
            select(func.max(Revision.number)).where(Revision.storyboard_id == storyboard.id)
        )
        or 0
    ) + 1
    now = utcnow()
    for older in storyboard.revisions:
        if older.superseded_at is None:
            older.superseded_at = now
            older.status = "superseded"
    revision = Revision(
        storyboard_id=storyboard.id,
        number=number,
        document=storyfile.document,
        sha256=sha,
        hash_scheme=CURRENT_SCHEME,
        reason=reason,
        status="in_review",
        created_by_id=user.id,
        created_at=now,
    )
    db.session.add(revision)
    storyboard.status = "in_review"
    return revision


def load_version(revision: Revision) -> StoryFile:
    """Read a version's frozen file back and check it still has the version's hash."""
    try:
        data = frozen_path(revision.sha256).read_bytes()
    except OSError:
        raise VersionError(f"the file of version {revision.number} is missing") from None
    storyfile = loads(data)
    if version_hash(storyfile, revision.hash_scheme) != revision.sha256:
        raise VersionError(f"the file of version {revision.number} does not match its hash")
    storyfile.version = revision.sha256
    return storyfile


def same_story(storyfile: StoryFile, revision: Revision) -> bool:
    """Whether a file holds the words and pictures a version was agreed on (by its scheme)."""
    return version_hash(storyfile, revision.hash_scheme) == revision.sha256


def export_storyfile(storyfile: StoryFile, approved: bool) -> StoryFile:
    """The file to export: the frozen file itself once approved, else a copy marked draft."""
    if approved:
        return storyfile
    document = copy.deepcopy(storyfile.document)
    document["status"] = "draft"
    return StoryFile(document, storyfile.images, version=storyfile.version)
