"""Recordings: a page read aloud, recorded on the tablet, kept cleaned, and played back.

JSON for the editor's recorder (record, delete) and the recording itself, only to people who
may see the storyboard (family mode: only its own). The bytes are checked and cleaned in
`services.recordings.record` before anything is kept.
"""

from __future__ import annotations

import io
import re
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, request, send_file, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from sqlalchemy import select

from storyboard.core.errors import code_for, error_body
from storyboard.recordings.audio import MEDIA_TYPE, AudioRejected
from storyboard.services import blobs, recordings
from storyboard.services.db import db
from storyboard.services.models import Panel, Revision, Storyboard
from storyboard.services.panel_fields import PanelError
from storyboard.services.versions import VersionError, load_version
from storyboard.web.access import get_storyboard
from storyboard.web.security import allows_uploads

bp = Blueprint("recordings", __name__)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _error(status: int, message: str, **extra: Any) -> tuple[Response, int]:
    return jsonify(error_body(code_for(status), message, **extra)), status


@bp.errorhandler(PanelError)
def _refused(error: PanelError) -> tuple[Response, int]:
    """A change that cannot be made (another tablet recorded meanwhile: 409), in the one
    JSON shape of errors; nothing of it was kept."""
    db.session.rollback()
    return jsonify(error.body()), error.status


def _panel(storyboard: Storyboard, panel_id: int) -> Panel:
    panel = db.session.get(Panel, panel_id)
    if panel is None or panel.storyboard_id != storyboard.id or panel.deleted_at is not None:
        abort(404)
    return panel


def _answer(storyboard: Storyboard, panel: Panel) -> dict[str, Any]:
    """The page's recording as the editor shows it, with the address that plays it."""
    found = recordings.state(panel)
    if found is not None:
        found["url"] = url_for(
            "recordings.play", storyboard_id=storyboard.id, sha256=found["sha256"]
        )
    return {"recording": found}


def _replaces(value: Any) -> str | None:
    """The recording a change says it replaces: a hash, or none."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _SHA256.match(value):
        raise PanelError(400, "invalid", gettext("The recording did not say what it replaces."))
    return value


@bp.post("/api/storyboards/<int:storyboard_id>/panels/<int:panel_id>/recording")
@login_required
@allows_uploads
def record(storyboard_id: int, panel_id: int) -> Response | tuple[Response, int]:
    """Keep a page's new recording (a multipart `audio` file, `speaker`, `replaces`)."""
    storyboard = get_storyboard(storyboard_id)
    panel = _panel(storyboard, panel_id)
    upload = request.files.get("audio")
    if upload is None:
        return _error(400, gettext("The recording did not arrive. Please record it again."))
    try:
        recordings.record(
            panel,
            upload.read(),
            current_user,
            speaker=request.form.get("speaker") or None,
            replaces=_replaces(request.form.get("replaces")),
            max_bytes=current_app.config["MAX_CONTENT_LENGTH"],
        )
    except AudioRejected as rejected:
        db.session.rollback()
        return _error(400, rejected.message)
    db.session.commit()
    return jsonify(_answer(storyboard, panel)), 201


@bp.delete("/api/storyboards/<int:storyboard_id>/panels/<int:panel_id>/recording")
@login_required
def delete(storyboard_id: int, panel_id: int) -> Response:
    """Take the recording off a page (JSON `replaces`: the recording the editor showed)."""
    storyboard = get_storyboard(storyboard_id)
    panel = _panel(storyboard, panel_id)
    body = request.get_json(silent=True)
    replaces = _replaces(body.get("replaces") if isinstance(body, dict) else None)
    if replaces is None:
        raise PanelError(400, "invalid", gettext("The recording did not say what it replaces."))
    recordings.remove(panel, current_user, replaces=replaces)
    db.session.commit()
    return jsonify(_answer(storyboard, panel))


@bp.get("/storyboards/<int:storyboard_id>/recordings/<sha256>.m4a")
@login_required
def play(storyboard_id: int, sha256: str) -> Response:
    """A recording, only to people who may see the storyboard (ranges for seeking)."""
    storyboard = get_storyboard(storyboard_id)
    if not _SHA256.match(sha256) or recordings.find(storyboard, sha256) is None:
        abort(404)
    content = blobs.get(sha256)
    if content is None:
        abort(404)
    return _audio(content, sha256)


@bp.get("/storyboards/<int:storyboard_id>/versions/<int:number>/recordings/<sha256>.m4a")
@login_required
def play_version(storyboard_id: int, number: int, sha256: str) -> Response:
    """A recording as a version sent for review has it (from its frozen file: a take deleted
    from the draft since is gone from the draft, never from what was sent)."""
    storyboard = get_storyboard(storyboard_id)
    revision = db.session.scalar(
        select(Revision).where(Revision.storyboard_id == storyboard.id, Revision.number == number)
    )
    if revision is None or not _SHA256.match(sha256):
        abort(404)
    try:
        found = recordings.in_version(load_version(revision), sha256)
    except VersionError:
        found = None
    if found is None:
        abort(404)
    return _audio(found[1], sha256)


def _audio(content: bytes, sha256: str) -> Response:
    response = send_file(io.BytesIO(content), mimetype=MEDIA_TYPE, conditional=True, etag=sha256)
    response.headers["Cache-Control"] = "private, no-store"
    return response
