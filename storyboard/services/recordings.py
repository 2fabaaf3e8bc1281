"""Pages read aloud: their rows, their bytes in the blob store, and the file's `audio`.

A recording is cleaned (`recordings.audio.clean_audio`) before anything is kept, and kept
under its content hash in the same transaction as its `Recording` row. A panel names the one
it plays (`Panel.audio_sha256`), who reads it and the hash of the page's words when it was
recorded, so the editor can say when the words have changed since. Recording is outside the
panel's `version` (it never conflicts with typing); instead each change says which recording
it replaces, and one conditional UPDATE refuses it if another device recorded meanwhile.
The recording is part of the version: the hash covers its bytes, so recording after approval
makes a new version to agree.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import delete, select, update

from storyboard.recordings.audio import (
    EXTENSION,
    MEDIA_TYPE,
    AudioRejected,
    CleanAudio,
    clean_audio,
)
from storyboard.services import audit, blobs
from storyboard.services.db import db, insert_once
from storyboard.services.models import Panel, Recording, Storyboard, User, utcnow
from storyboard.services.panel_fields import PanelError
from storyboard.story.reading import printed_panels
from storyboard.story.storyfile import StoryFile, StoryFileError

FOLDER = "recordings"


def words_hash(panel: Panel) -> str:
    """A hash of everything a page says (heading, words, steps, voices, what 10 means), to
    tell when the words have changed since the page was recorded."""
    extra = panel.extra or {}
    scale = extra.get("scale") if isinstance(extra.get("scale"), dict) else {}
    said = [
        panel.heading or "",
        panel.text or "",
        extra.get("steps") or [],
        [
            [v.get("label", ""), v.get("text", "")]
            for v in panel.voices or []
            if isinstance(v, dict)
        ],
        scale.get("ten_means", ""),
        panel.speaker or "",
    ]
    return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode("utf-8")).hexdigest()


def state(panel: Panel) -> dict[str, Any] | None:
    """What the editor shows of a page's recording, or None when it has none."""
    if not panel.audio_sha256:
        return None
    return {
        "sha256": panel.audio_sha256,
        "speaker": panel.audio_speaker or "",
        "seconds": round(panel.audio_seconds or 0.0, 2),
        "words_changed": panel.audio_words != words_hash(panel),
    }


def _speaker(storyboard: Storyboard, speaker: str | None) -> str | None:
    """A reader chosen in the editor: a Person id of the case, or no one."""
    if not speaker:
        return None
    if not speaker.isdigit() or not any(p.id == int(speaker) for p in storyboard.case.people):
        raise PanelError(400, "invalid", "Choose who is reading from the people of the case.")
    return speaker


def keep(storyboard: Storyboard, clean: CleanAudio, user: User) -> Recording:
    """Keep a cleaned recording under its hash for the storyboard (the caller commits)."""
    blobs.put(clean.data, MEDIA_TYPE)
    values = {
        "storyboard_id": storyboard.id, "sha256": clean.sha256, "seconds": clean.seconds,
        "byte_size": len(clean.data), "recorded_by_id": user.id, "created_at": utcnow(),
    }  # fmt: skip
    insert_once(Recording, values, ["storyboard_id", "sha256"])
    return db.session.scalars(
        select(Recording).filter_by(storyboard_id=storyboard.id, sha256=clean.sha256)
    ).one()


def _claim(panel: Panel, replaces: str | None, values: dict[str, Any]) -> None:
    """Write the panel's recording if it still plays `replaces` (None: no recording)."""
    current = Panel.audio_sha256.is_(None) if not replaces else Panel.audio_sha256 == replaces
    result = db.session.execute(
        update(Panel)
        .where(Panel.id == panel.id, Panel.deleted_at.is_(None), current)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(panel)
    if result.rowcount != 1:
        raise PanelError(
            409,
            "conflict",
            "This page was recorded again on another device. Listen to it before recording.",
            recording=state(panel) if panel.deleted_at is None else None,
        )


def record(
    panel: Panel, data: bytes, user: User, *, speaker: str | None, replaces: str | None,
    max_bytes: int,
) -> Recording:  # fmt: skip
    """Clean and keep a page's new recording, replacing `replaces` (the caller commits).

    Raises `AudioRejected` (a message for the parent) for anything that is not good sound,
    and a 409 `PanelError` when the page's recording changed on another device meanwhile.
    """
    storyboard = panel.storyboard
    reader = _speaker(storyboard, speaker)
    clean = clean_audio(data, max_bytes=max_bytes)
    row = keep(storyboard, clean, user)
    _claim(panel, replaces, {
        "audio_sha256": row.sha256, "audio_speaker": reader, "audio_seconds": row.seconds,
        "audio_words": words_hash(panel),
    })  # fmt: skip
    audit.record(
        "record_page", panel, case_id=storyboard.case_id, storyboard_id=storyboard.id,
        seconds=round(row.seconds, 1), byte_size=row.byte_size, replaced=bool(replaces),
    )  # fmt: skip
    if replaces and replaces != row.sha256:
        _forget_unused(storyboard, replaces)
    return row


def _forget_unused(storyboard: Storyboard, sha256: str) -> None:
    """Delete a recording taken off its page, unless another page still plays it (a copy,
    or a deleted page that can be restored). A version already sent keeps its own copy in
    its frozen file, so nothing agreed loses its sound."""
    still = db.session.scalar(
        select(Panel.id).where(Panel.storyboard_id == storyboard.id, Panel.audio_sha256 == sha256)
    )
    if still is None:
        db.session.execute(
            delete(Recording).where(
                Recording.storyboard_id == storyboard.id, Recording.sha256 == sha256
            )
        )
        blobs.forget({sha256})


def remove(panel: Panel, user: User, *, replaces: str) -> None:
    """Take a page's recording off it (the Recording stays for earlier versions' sake)."""
    values = dict.fromkeys(("audio_sha256", "audio_speaker", "audio_seconds", "audio_words"))
    _claim(panel, replaces, values)
    audit.record(
        "delete_recording", panel, case_id=panel.storyboard.case_id,
        storyboard_id=panel.storyboard_id,
    )  # fmt: skip
    _forget_unused(panel.storyboard, replaces)


def find(storyboard: Storyboard, sha256: str) -> Recording | None:
    """A recording of this storyboard by its hash."""
    return db.session.scalars(
        select(Recording).filter_by(storyboard_id=storyboard.id, sha256=sha256)
    ).first()


def in_version(storyfile: StoryFile, sha256: str) -> tuple[int, bytes] | None:
    """A recording a version plays, by its hash: (its page's place, its bytes). Only pages
    that print (not skipped, nor left out as empty), and none in the minimal version."""
    story = storyfile.story
    if story.minimal:
        return None
    for page in printed_panels(story):
        audio = page.panel.audio if page.panel is not None else None
        content = storyfile.recordings.get(audio.src[5:]) if audio is not None else None
        if content is not None and hashlib.sha256(content).hexdigest() == sha256:
            return (page.index if page.index is not None else -1), content
    return None


# --- the portable file ---------------------------------------------------------------------


def src(sha256: str) -> str:
    """The `file:` source naming a recording inside the portable file."""
    return f"file:{FOLDER}/{sha256}.{EXTENSION}"


def audio_out(panel: Panel, ids: dict[int, str]) -> dict[str, Any] | None:
    """A panel's recording as the file says it, or None."""
    if not panel.audio_sha256:
        return None
    out: dict[str, Any] = {"src": src(panel.audio_sha256)}
    if panel.audio_speaker and panel.audio_speaker.isdigit():
        who = ids.get(int(panel.audio_speaker))
        if who:
            out["speaker"] = who
    return out


def used(panels: list[dict[str, Any]]) -> dict[str, bytes]:
    """The bytes of every recording the file's panels play, by their path in the zip."""
    out: dict[str, bytes] = {}
    for panel in panels:
        audio = panel.get("audio")
        if isinstance(audio, dict):
            name = audio["src"].partition(":")[2]
            content = blobs.get(name.rpartition("/")[2].partition(".")[0])
            if content is not None:
                out[name] = content
    return out


def import_all(storyboard: Storyboard, storyfile: StoryFile, user: User) -> dict[str, Recording]:
    """Clean and keep every recording a file brings: its path in the zip -> the row.

    Never trusted: each is cleaned like a new recording (one already in the stored form is
    kept byte for byte, so an export imported again plays and hashes the same).
    """
    kept: dict[str, Recording] = {}
    by_content: dict[str, Recording] = {}  # the same sound under many names is cleaned once
    for p, panel in enumerate(storyfile.document.get("panels", [])):
        audio = panel.get("audio")
        name = audio["src"][5:] if isinstance(audio, dict) else None
        if name is None or name in kept or name not in storyfile.recordings:
            continue
        content = storyfile.recordings[name]
        digest = hashlib.sha256(content).hexdigest()
        if digest not in by_content:
            try:
                clean = clean_audio(content)
            except AudioRejected as rejected:
                raise StoryFileError(f"panels[{p}].audio.src", rejected.message) from None
            by_content[digest] = keep(storyboard, clean, user)
        kept[name] = by_content[digest]
    return kept


def imported_columns(
    panel: dict[str, Any], people: dict[str, str], kept: dict[str, Recording]
) -> dict[str, Any]:
    """The audio columns for a panel row made from a file's panel."""
    audio = panel.get("audio")
    row = kept.get(audio["src"][5:]) if isinstance(audio, dict) else None
    if row is None:
        return {}
    reader = people.get(audio.get("speaker") or "")
    return {
        "audio_sha256": row.sha256,
        "audio_speaker": reader if reader and reader != "agreed" else None,
        "audio_seconds": row.seconds,
    }
