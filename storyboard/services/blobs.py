"""The blob store: bytes in the database under their SHA-256, in the caller's transaction.

Uploaded photos, children's drawings, frozen versions and export caches all live here (and the
recordings to come), on SQLite and PostgreSQL alike. `put` adds to the current transaction and
never commits, so a blob and the row that names it are kept or lost together; the app servers
keep no files of their own. Reading checks the bytes against their name, so a damaged blob is
never served as if it were whole.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from flask import Flask
from sqlalchemy import delete, select, union

from storyboard.services.db import db, insert_once
from storyboard.services.models import Blob

log = logging.getLogger(__name__)

_HASH = re.compile(r"^[0-9a-f]{64}$")


class BlobDamaged(RuntimeError):
    """A blob's bytes no longer match the hash they are kept under."""


def digest(data: bytes) -> str:
    """The name a blob is kept under: the SHA-256 of its bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def put(data: bytes, media_type: str) -> str:
    """Keep `data` (once: the same bytes have the same name) and return its SHA-256.

    Part of the caller's transaction: nothing is kept unless the caller commits. Two people
    putting the same bytes at once both succeed and one copy is kept.
    """
    sha256 = digest(data)
    values = {"sha256": sha256, "media_type": media_type, "byte_size": len(data), "data": data}
    insert_once(Blob, values, ["sha256"])  # created_at: the column's default
    return sha256


def get(sha256: str | None) -> bytes | None:
    """The bytes kept under `sha256`, or None if there are none; BlobDamaged if they changed."""
    if not sha256 or not _HASH.match(sha256):
        return None
    data = db.session.scalar(select(Blob.data).where(Blob.sha256 == sha256))
    if data is None:
        return None
    data = bytes(data)  # PostgreSQL hands back a memoryview
    if digest(data) != sha256:
        raise BlobDamaged("a stored file does not match its hash")
    return data


def exists(sha256: str) -> bool:
    """Whether bytes are kept under `sha256` (without reading them)."""
    return db.session.scalar(select(Blob.sha256).where(Blob.sha256 == sha256)) is not None


def forget(sha256s: set[str]) -> None:
    """Delete those blobs no row names any more (photos, recordings, versions, kept exports),
    in this transaction. A blob still named anywhere is kept."""
    from storyboard.services.models import (
        CouncilSettings,
        ExportFile,
        Image,
        Panel,
        Recording,
        Revision,
    )

    named = union(
        select(Image.sha256),
        select(CouncilSettings.logo_sha256).where(CouncilSettings.logo_sha256.is_not(None)),
        select(Recording.sha256),
        select(Panel.audio_sha256).where(Panel.audio_sha256.is_not(None)),
        select(Revision.file_sha256).where(Revision.file_sha256.is_not(None)),
        select(ExportFile.blob_sha256),
    )
    if sha256s:
        db.session.execute(delete(Blob).where(Blob.sha256.in_(sha256s), Blob.sha256.not_in(named)))


# --- files kept before the blob store ------------------------------------------------------


def old_image_folder(app: Flask) -> Path:
    """Where photos were kept as files before the blob store: UPLOAD_FOLDER or instance/images."""
    configured = app.config.get("UPLOAD_FOLDER")
    return Path(configured) if configured else Path(app.instance_path) / "images"


def old_revision_folder(app: Flask) -> Path:
    """Where frozen versions were kept as files before the blob store."""
    return Path(app.instance_path) / "revisions"


def remove_moved_files(app: Flask) -> int:
    """Delete the old photo and version files whose exact bytes are now in the database.

    Called after the migration that copied them in has committed, so a file is deleted only
    when the database holds it. A file the database does not hold is left where it is.
    Returns how many files were removed (a count: names are never logged).
    """
    removed = 0
    with app.app_context():
        for folder in (old_image_folder(app), old_revision_folder(app)):
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if _held(path):
                    path.unlink()
                    removed += 1
            if not any(folder.iterdir()):
                folder.rmdir()
    if removed:
        log.info("removed %d files now kept in the database", removed)
    return removed


def _held(path: Path) -> bool:
    """Whether a file's bytes are in the blob store (so the file may go)."""
    if not path.is_file() or path.name.startswith("."):
        return False
    data = path.read_bytes()
    try:
        return get(digest(data)) == data
    except BlobDamaged:
        return False
