"""A page read aloud, played on the reviewer's phone through their link.

Only the link's current version, only after its PIN, only pages that print, and never the
minimal version (safe to be found at home: a voice may say a name). Each time a recording is
played from its start, the audit log says so (a browser seeking asks for later ranges;
those are not counted).
"""

from __future__ import annotations

import io
import re

from flask import Blueprint, Response, abort, request, send_file

from storyboard.recordings.audio import MEDIA_TYPE
from storyboard.services import audit, recordings
from storyboard.services.db import db
from storyboard.services.link_versions import current_revision
from storyboard.services.versions import VersionError, load_version
from storyboard.web.reviewer import _open_link, _Stop, _stopped, _unlocked, _where

bp = Blueprint("reviewer_listen", __name__, url_prefix="/r")
bp.register_error_handler(_Stop, _stopped)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_FROM_START = re.compile(r"^bytes=0-")


@bp.get("/<token>/recordings/<sha256>.m4a")
def play(token: str, sha256: str) -> Response:
    """A recording of the link's version, to the reviewer who opened it."""
    link = _open_link(token)
    if not _unlocked(link) or not _SHA256.match(sha256):
        abort(404)
    revision = current_revision(link)
    try:
        storyfile = load_version(revision)
    except VersionError:
        abort(404)
    found = recordings.in_version(storyfile, sha256)
    if found is None:
        abort(404)
    page, content = found
    asked = request.headers.get("Range", "")
    if not asked or _FROM_START.match(asked):
        audit.record(
            "share_play_recording", link, share_link_id=link.id, **_where(link),
            version=revision.number, panel=page,
        )  # fmt: skip
        db.session.commit()
    response = send_file(io.BytesIO(content), mimetype=MEDIA_TYPE, conditional=True, etag=sha256)
    response.headers["Cache-Control"] = "private, no-store"
    return response
