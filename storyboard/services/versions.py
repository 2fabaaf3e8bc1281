"""Frozen versions: send a storyboard for review as an immutable file, read it back, compare two.

A version is a real snapshot, not a flag on the live rows. "Send for review" writes the portable
file (the document and the photos it shows) as a zip into the blob store (`services.blobs`), in
the same transaction as the `Revision` row that names it (`Revision.file_sha256`), and keeps the
document in `Revision.document` too. Everything about a version (the reviewer's page, its
exports, the diff) is read back from that zip, so later edits of the draft, or deleted photos,
cannot change it.

The frozen file is the version exactly as it will be given to the family once agreed: its
status is "approved", so it carries no Draft mark, and its hash (`storyfile.version_hash`) is
the version's hash. An approved version's exports are made from that very file (same hash);
until then, exports use a copy marked "draft" so every page says Draft. Each version records
the hash scheme it was hashed with (`story.hashing`), so hashes recorded before a scheme
change stay checkable and never change.
"""

from __future__ import annotations

import copy

from sqlalchemy import func, select

from storyboard.services import blobs
from storyboard.services.db import db
from storyboard.services.models import Revision, Storyboard, User, utcnow
from storyboard.services.storydoc import to_storyfile
from storyboard.story.hashing import CURRENT_SCHEME, version_hash
from storyboard.story.storyfile import StoryFile, loads, write_zip


class VersionError(RuntimeError):
    """A frozen version's file is missing or no longer matches its hash."""


# --- freezing and reading back -------------------------------------------------------------


def draft_storyfile(storyboard: Storyboard) -> StoryFile:
    """The live rows as the file a new version would freeze (status approved, see above)."""
    return to_storyfile(storyboard, status="approved")


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
    file_sha256 = blobs.put(write_zip(storyfile), "application/zip")
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
        file_sha256=file_sha256,
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
        data = blobs.get(revision.file_sha256)
    except blobs.BlobDamaged:
        raise VersionError(f"the file of version {revision.number} is damaged") from None
    if data is None:
        raise VersionError(f"the file of version {revision.number} is missing")
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
