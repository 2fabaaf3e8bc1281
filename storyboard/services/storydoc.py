"""The bridge between database rows and the portable storyboard file, in both directions.

Exports, previews and frozen versions all start from `to_storyfile`; imports go through
`import_storyfile`. Renderers then only see the `StoryFile`, never the database.
"""

from __future__ import annotations

import copy
import hashlib
import re
from typing import Any

from sqlalchemy import func, select

from storyboard.services import blobs, recordings
from storyboard.services.db import db
from storyboard.services.models import Case, Drawing, Image, Panel, Person, Storyboard, User
from storyboard.services.people import SELF, find_child, role_for
from storyboard.story.constants import FORMAT
from storyboard.story.storyfile import StoryFile, StoryFileError, file_images, validate

# Top-level fields kept in their own columns; anything else lives in Storyboard.extra.
STORYBOARD_FIELDS = {
    "format", "title", "child", "language", "page_size", "purpose", "minimal", "status",
    "reference", "family_words", "people", "panels", "drawings", "second_language", "title_2",
}  # fmt: skip
# Panel fields kept in their own columns (or the scene); the rest lives in Panel.extra.
PANEL_FIELDS = {
    "section", "kind", "heading", "text", "speaker", "voices", "pictures", "background",
    "skipped", "dismissed_hints", "audio", "heading_2", "text_2",
}  # fmt: skip
MEDIA_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def image_src(image: Image) -> str:
    """The `file:` source naming an uploaded image inside the portable file."""
    return f"file:images/{image.sha256}.{MEDIA_EXTENSIONS.get(image.media_type, 'bin')}"


def slug(text: str) -> str:
    """A short lowercase id made from text ("Nan's house" -> "nans-house")."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")
    return words[:40] or "person"


def people_ids(people: list[Person]) -> dict[int, str]:
    """Stable ids for a case's people, made from their relationship (mum, dad, nan-2)."""
    ids: dict[int, str] = {}
    used: set[str] = {"agreed"}
    for person in sorted(people, key=lambda p: p.id):
        base = slug(person.name if person.kind == "child" else person.relationship_ or person.name)
        key, n = base, 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        ids[person.id] = key
    return ids


def _speaker_out(value: str | None, ids: dict[int, str]) -> str | None:
    """A stored speaker (a Person id, or "agreed") as it appears in the file."""
    if not value:
        return None
    if value == "agreed":
        return "agreed"
    return ids.get(int(value)) if value.isdigit() else None


def _ratings_out(ratings: list[dict[str, Any]], ids: dict[int, str]) -> list[dict[str, Any]]:
    """Stored ratings (by a Person id) as the file names them; a rating by someone no longer
    in the case is left out, like their words' speaker."""
    out = []
    for rating in ratings:
        rating = dict(rating)
        if rating.get("by") is not None:
            who = ids.get(int(rating["by"])) if str(rating["by"]).isdigit() else None
            if who is None:
                continue
            rating["by"] = who
        out.append(rating)
    return out


def panel_document(panel: Panel, ids: dict[int, str]) -> dict[str, Any]:
    """One panel as the portable file writes it."""
    extra = copy.deepcopy(panel.extra or {})
    doc: dict[str, Any] = {"id": extra.pop("id", None) or f"panel-{panel.id}"}
    doc.update(extra)
    doc.update(section=panel.section, kind=panel.kind or "text", text=panel.text or "")
    if panel.heading:
        doc["heading"] = panel.heading
    for field in ("heading_2", "text_2"):  # the second language's (steps_2 is in extra)
        if getattr(panel, field) is not None:
            doc[field] = getattr(panel, field)
    speaker = _speaker_out(panel.speaker, ids)
    if speaker:
        doc["speaker"] = speaker
    if panel.voices:
        voices = []
        for voice in panel.voices:
            out = {k: v for k, v in voice.items() if k != "speaker"}
            who = _speaker_out(str(voice.get("speaker") or ""), ids)
            if who:
                out["speaker"] = who
            voices.append(out)
        doc["voices"] = voices
    if isinstance(doc.get("scale"), dict) and "ratings" in doc["scale"]:
        doc["scale"]["ratings"] = _ratings_out(doc["scale"]["ratings"], ids)
    scene = panel.scene or {}
    doc["pictures"] = copy.deepcopy(scene.get("pictures", []))
    if scene.get("background"):
        doc["background"] = scene["background"]
    if panel.skipped:
        doc["skipped"] = True
    if panel.dismissed_hints:
        doc["dismissed_hints"] = list(panel.dismissed_hints)
    audio = recordings.audio_out(panel, ids)
    if audio:
        doc["audio"] = audio
    return doc


def to_document(storyboard: Storyboard, *, status: str = "draft") -> dict[str, Any]:
    """The storyboard as a portable document (without image bytes)."""
    case = storyboard.case
    ids = people_ids(case.people)
    child = find_child(storyboard)
    # "made_by" and "date" are set by the editor and kept in `extra` like any other field.
    extra = copy.deepcopy(storyboard.extra or {})
    doc: dict[str, Any] = {"format": FORMAT}
    doc.update(extra)
    doc.update(
        title=storyboard.title,
        child={"name": storyboard.child_name, "age": storyboard.child_age}
        | ({"pronouns": child.pronouns} if child is not None and child.pronouns else {}),
        language=storyboard.language or "en",
        page_size=storyboard.page_size or "A4",
        minimal=bool(storyboard.minimal),
        status=status,
        reference=f"{case.reference}-{storyboard.number}",
        family_words=copy.deepcopy(storyboard.family_words or []),
        people=[
            _person(p, ids, storyboard, child) for p in sorted(case.people, key=lambda p: p.id)
        ],
    )
    if storyboard.purpose:
        doc["purpose"] = storyboard.purpose
    if storyboard.second_language:
        doc["second_language"] = storyboard.second_language
    if storyboard.title_2 is not None:
        doc["title_2"] = storyboard.title_2
    if storyboard.child_age is None:
        doc["child"].pop("age")
    panels = [p for p in storyboard.panels if p.deleted_at is None]
    doc["panels"] = [panel_document(p, ids) for p in panels]
    drawings = _used_drawings(storyboard, doc["panels"])
    if drawings:
        doc["drawings"] = drawings
    return doc


def _person(
    person: Person, ids: dict[int, str], storyboard: Storyboard, child: Person | None
) -> dict[str, Any]:
    """One person as the file says them; a child of the case is named by what they are to
    this storyboard's child ("me", "big brother")."""
    out: dict[str, Any] = {
        "id": ids[person.id], "name": person.name, "role": role_for(person, storyboard, child),
    }  # fmt: skip
    if person.known_as:
        out["known_as"] = person.known_as
    if person.pronouns:
        out["pronouns"] = person.pronouns
    if person.kind and person.kind != "family":
        out["kind"] = person.kind
    if person.kind == "child" and person.age is not None:
        out["age"] = person.age
    return out


def _used_drawings(storyboard: Storyboard, panels: list[dict[str, Any]]) -> dict[str, Any]:
    """The finger drawings the panels place, as strokes."""
    keys = {
        pic["src"].partition(":")[2]
        for panel in panels
        for pic in panel["pictures"]
        if pic.get("src", "").startswith("drawing:")
    }
    if not keys:
        return {}
    rows = db.session.scalars(
        select(Drawing).where(Drawing.storyboard_id == storyboard.id, Drawing.key.in_(keys))
    )
    return {
        d.key: {"width": d.width, "height": d.height, "strokes": copy.deepcopy(d.strokes)}
        for d in rows
    }


def _used_images(storyboard: Storyboard, panels: list[dict[str, Any]]) -> dict[str, bytes]:
    """The bytes of every uploaded photo the panels place, keyed by their path in the zip."""
    wanted = {
        pic["src"].partition(":")[2]
        for panel in panels
        for pic in panel["pictures"]
        if pic.get("src", "").startswith("file:")
    }
    images: dict[str, bytes] = {}
    rows = db.session.scalars(select(Image).where(Image.storyboard_id == storyboard.id))
    for image in rows:
        name = image_src(image).partition(":")[2]
        if name in wanted:
            content = blobs.get(image.sha256)
            if content is not None:
                images[name] = content
    return images


def to_storyfile(
    storyboard: Storyboard, *, status: str = "draft", with_recordings: bool = True
) -> StoryFile:
    """The storyboard as a validated portable file: the document, the photos it shows and
    the recordings it plays (`with_recordings` false: named but not read, for the pages
    that only show the story and play recordings from their own address)."""
    document = validate(to_document(storyboard, status=status))
    return StoryFile(
        document=document,
        images=_used_images(storyboard, document["panels"]),
        recordings=recordings.used(document["panels"]) if with_recordings else {},
    )


def unknown_picture(document: dict) -> tuple[str, str] | None:
    """The first (place, message) of a library picture or emoji this app does not have."""
    from storyboard.pictures import illustrations, openmoji

    for p, panel in enumerate(document.get("panels", [])):
        for i, picture in enumerate(panel.get("pictures", [])):
            kind, _, name = picture["src"].partition(":")
            place = f"panels[{p}].pictures[{i}].src"
            if kind == "library" and illustrations.get(name) is None:
                return place, f"names {name!r}, which is not a picture in our library"
            if kind == "emoji" and openmoji.svg_path(name) is None:
                return place, f"names emoji {name}, which OpenMoji does not have"
    return None


def photos_left_out(storyfile: StoryFile) -> int:
    """How many `file:` photos the file names but does not carry (a JSON file has none)."""
    return sum(1 for name in file_images(storyfile.document) if name not in storyfile.images)


def import_storyfile(case: Case, storyfile: StoryFile, user: User) -> Storyboard:
    """Create a new storyboard in `case` from a portable file (the caller commits).

    Every picture must be one this app can show: an unknown library picture or emoji is
    refused with its place; photos a plain JSON file names but cannot carry are left out
    (`photos_left_out` counts them for the message).
    """
    doc = validate(storyfile.document)
    problem = unknown_picture(doc)
    if problem:
        raise StoryFileError(*problem)
    people = _match_people(case, doc.get("people", []))
    number = (
        db.session.scalar(select(func.max(Storyboard.number)).where(Storyboard.case_id == case.id))
        or 0
    ) + 1
    storyboard = Storyboard(
        case=case,
        number=number,
        child_name=doc["child"]["name"],
        child_age=doc["child"].get("age"),
        language=doc.get("language", "en"),
        title=doc["title"],
        second_language=doc.get("second_language"),
        title_2=doc.get("title_2"),
        purpose=doc.get("purpose"),
        page_size=doc.get("page_size", "A4"),
        minimal=bool(doc.get("minimal", False)),
        family_words=doc.get("family_words", []),
        extra={k: v for k, v in doc.items() if k not in STORYBOARD_FIELDS},
        created_by_id=user.id,
    )
    db.session.add(storyboard)
    db.session.flush()
    own = [e for e in doc.get("people", []) if e.get("kind") == "child" and e.get("role") == SELF]
    if own:
        storyboard.child_person_id = int(people[own[0]["id"]])
    renamed = _import_images(storyboard, storyfile, user)
    kept = recordings.import_all(storyboard, storyfile, user)
    for key, drawing in doc.get("drawings", {}).items():
        new_key = _fresh_drawing_key(key)
        renamed[f"drawing:{key}"] = f"drawing:{new_key}"
        db.session.add(
            Drawing(
                storyboard_id=storyboard.id,
                key=new_key,
                width=int(drawing["width"]),
                height=int(drawing["height"]),
                strokes=drawing.get("strokes", []),
                created_by_id=user.id,
            )
        )
    for position, panel in enumerate(doc["panels"]):
        row = _panel_row(storyboard, position, panel, people, renamed, user)
        for column, value in recordings.imported_columns(panel, people, kept).items():
            setattr(row, column, value)
        if row.audio_sha256:
            row.audio_words = recordings.words_hash(row)
        db.session.add(row)
    return storyboard


def _fresh_drawing_key(key: str) -> str:
    """Drawing keys are unique across the app; reuse the file's key when it is free and fits."""
    fits = re.fullmatch(r"[A-Za-z0-9_-]{1,40}", key) is not None
    if fits and db.session.scalar(select(Drawing.id).where(Drawing.key == key)) is None:
        return key
    from storyboard.core.passwords import new_token

    return new_token(12)


def _match_people(case: Case, people: list[dict[str, Any]]) -> dict[str, str]:
    """Map the file's people ids to this case's people, adding anyone not there yet."""
    mapping: dict[str, str] = {}
    for entry in people:
        name, role = entry.get("name") or "", entry.get("role") or ""
        kind = entry.get("kind") or "family"
        if kind == "child":
            # A child of the case is the same child whatever they are to this story's child.
            found = next((p for p in case.people if p.kind == "child" and p.name == name), None)
            role = "child"
        else:
            found = next(
                (p for p in case.people if p.name == name and p.relationship_ == role), None
            )
        if found is None:
            found = Person(
                case=case, name=name or role, relationship_=role or name, kind=kind,
                pronouns=entry.get("pronouns"), known_as=entry.get("known_as") or None,
                age=entry.get("age") if kind == "child" else None,
            )  # fmt: skip
            db.session.add(found)
            db.session.flush()
        mapping[entry["id"]] = str(found.id)
    mapping["agreed"] = "agreed"
    return mapping


def _import_images(storyboard: Storyboard, storyfile: StoryFile, user: User) -> dict[str, str]:
    """Store each photo in the file; return old zip path -> new `file:` source.

    A photo this installation already cleaned (same name, same bytes) is kept as it is, so a
    file exported here and imported again names the same pictures; anything else is cleaned
    again (content checked, metadata stripped, re-encoded).
    """
    renamed: dict[str, str] = {}
    if not storyfile.images:
        return renamed
    from storyboard.pictures.images import CleanImage, clean_image
    from storyboard.services.images import store_image

    for name, data in storyfile.images.items():
        stored = name.rpartition("/")[2]
        digest = hashlib.sha256(data).hexdigest()
        if stored.startswith(digest + ".") and blobs.exists(digest):
            known = db.session.scalar(select(Image).where(Image.sha256 == digest).limit(1))
            clean = (
                CleanImage(data, known.media_type, known.width, known.height, digest)
                if known is not None
                else clean_image(data)
            )
        else:
            clean = clean_image(data)
        image = store_image(storyboard, clean, user, kind="photo")
        renamed[f"file:{name}"] = image_src(image)
    return renamed


def _panel_row(
    storyboard: Storyboard,
    position: int,
    panel: dict[str, Any],
    people: dict[str, str],
    renamed: dict[str, str],
    user: User,
) -> Panel:
    """A panel row from one panel of the file."""
    pictures = []
    for picture in panel.get("pictures", []):
        picture = dict(picture)
        if picture["src"].startswith("file:") and picture["src"] not in renamed:
            continue  # a photo the file does not carry: nothing to point at
        picture["src"] = renamed.get(picture["src"], picture["src"])
        pictures.append(picture)
    scene: dict[str, Any] = {"pictures": pictures}
    if panel.get("background"):
        scene["background"] = panel["background"]
    voices = []
    for voice in panel.get("voices", []):
        voice = dict(voice)
        if voice.get("speaker"):
            voice["speaker"] = people.get(voice["speaker"], "")
        voices.append(voice)
    extra = {k: v for k, v in panel.items() if k not in PANEL_FIELDS}
    if isinstance(extra.get("scale"), dict) and "ratings" in extra["scale"]:
        # The file names people by its own ids; the rows by this case's Person ids.
        scale = extra["scale"] = dict(extra["scale"])
        ratings, seen = [], set()
        for rating in scale["ratings"]:
            by = people[rating["by"]] if rating.get("by") else None
            if by not in seen:  # two of the file's people may be one person of the case
                seen.add(by)
                ratings.append({**rating, "by": by} if by else dict(rating))
        scale["ratings"] = ratings
    return Panel(
        storyboard_id=storyboard.id,
        position=position,
        section=panel.get("section", "custom"),
        kind=panel.get("kind", "text"),
        heading=panel.get("heading"),
        text=panel.get("text", ""),
        heading_2=panel.get("heading_2"),
        text_2=panel.get("text_2"),
        speaker=people.get(panel["speaker"]) if panel.get("speaker") else None,
        voices=voices,
        scene=scene,
        skipped=bool(panel.get("skipped", False)),
        dismissed_hints=[k for k in panel.get("dismissed_hints", []) if isinstance(k, str)],
        extra=extra,
        updated_by_id=user.id,
    )
