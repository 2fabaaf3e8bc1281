"""The portable storyboard file: a JSON document, or a zip of `storyboard.json` with the
images its `file:` pictures name and the recordings its pages' `audio` names."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from storyboard.story.model import Story, safe_member

JSON_NAME = "storyboard.json"
MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_RECORDING_BYTES = 40 * 1024 * 1024
MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_RATIO = 100  # unpacked size / zipped size of one file

_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def _is_image(content: bytes) -> bool:
    """JPEG, PNG or WebP by their first bytes (a WAV is RIFF too: never a picture)."""
    return content.startswith(_IMAGE_MAGIC) or (content[:4] == b"RIFF" and content[8:12] == b"WEBP")


class StoryFileError(ValueError):
    """A storyboard file that cannot be used; `place` names the field, e.g. `panels[3].text`."""

    def __init__(self, place: str, message: str) -> None:
        super().__init__(f"{place}: {message}")
        self.place = place
        self.message = message


@dataclass
class StoryFile:
    """A storyboard document, the image bytes its `file:` pictures name and the recordings
    its pages' `audio` names (each by its path in the zip).

    Neither is trusted: photos are cleaned where they are used, recordings likewise.
    `version` is the hash recorded for a frozen version (printed in its booklet as it was
    recorded); None for a draft, whose hash is worked out when needed.
    """

    document: dict
    images: dict[str, bytes] = field(default_factory=dict)
    version: str | None = None
    recordings: dict[str, bytes] = field(default_factory=dict)

    @property
    def story(self) -> Story:
        """The document as the typed story (checked again: a file is never trusted)."""
        return parse(self.document)


# --- reading and writing -------------------------------------------------------------------


def read(path: str | Path) -> StoryFile:
    """Read and validate a `.json` or `.zip` storyboard file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoryFileError("file", f"cannot be read ({exc.strerror or 'error'})") from None
    return loads(data)


def loads(data: bytes) -> StoryFile:
    """Parse and validate storyboard bytes, sniffing a zip from its signature."""
    if data[:4] == b"PK\x03\x04":
        return _load_zip(data)
    return StoryFile(validate(_parse_json(data, "file")), {})


def _parse_json(data: bytes, place: str) -> dict:
    if len(data) > MAX_JSON_BYTES:
        raise StoryFileError(place, "is too large")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise StoryFileError(place, "must be UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise StoryFileError(
            place, f"is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise StoryFileError(place, "is nested too deeply") from None
    return document


def _load_zip(data: bytes) -> StoryFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except zipfile.BadZipFile:
        raise StoryFileError("file", "is not a valid zip file") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise StoryFileError("file", "holds too many files")
    if sum(info.file_size for info in infos) > MAX_ZIP_TOTAL:
        raise StoryFileError("file", "is too large when unpacked")
    for info in infos:
        # Photos and JSON shrink a little when zipped, never a hundredfold: a file that does
        # is a zip bomb, refused from its header before a byte is unpacked.
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * info.compress_size:
            raise StoryFileError(info.filename, "unpacks to far more than it holds")
    names = {info.filename for info in infos}
    if JSON_NAME not in names:
        raise StoryFileError("file", f"zip must contain {JSON_NAME}")
    with archive:
        document = validate(_parse_json(_member(archive, JSON_NAME), JSON_NAME))
        heard = {name for _, name in _audio_sources(document)}
        images: dict[str, bytes] = {}
        recordings: dict[str, bytes] = {}
        for info in infos:
            name = info.filename
            if name == JSON_NAME or info.is_dir() or not safe_member(name):
                continue
            limit, what = (MAX_RECORDING_BYTES, "recording") if name in heard else (
                MAX_IMAGE_BYTES, "image"
            )  # fmt: skip
            if info.file_size > limit:
                raise StoryFileError(name, f"{what} is too large")
            content = _member(archive, info)
            if name in heard:
                recordings[name] = content  # checked as sound where it is used
            elif _is_image(content):
                images[name] = content
    for place, name in _file_sources(document):
        if name not in images:
            raise StoryFileError(place, f"names {name}, which is not a picture in the zip")
    for place, name in _audio_sources(document):
        if name not in recordings:
            raise StoryFileError(place, f"names {name}, which is not in the zip")
    return StoryFile(document, images, recordings=recordings)


def _audio_sources(document: dict) -> list[tuple[str, str]]:
    """(place, path in the zip) of every page's recording."""
    return [
        (f"panels[{p}].audio.src", panel["audio"]["src"][5:])
        for p, panel in enumerate(document.get("panels", []))
        if isinstance(panel.get("audio"), dict)
    ]


def _file_sources(document: dict) -> list[tuple[str, str]]:
    """(place, path in the zip) of every `file:` picture, for messages that name the place."""
    return [
        (f"panels[{p}].pictures[{i}].src", pic["src"][5:])
        for p, panel in enumerate(document.get("panels", []))
        for i, pic in enumerate(panel.get("pictures", []))
        if pic.get("src", "").startswith("file:")
    ]


def _member(archive: zipfile.ZipFile, member: str | zipfile.ZipInfo) -> bytes:
    """One file's bytes from the zip, or a message saying why it cannot be read."""
    name = member if isinstance(member, str) else member.filename
    info = archive.getinfo(name) if isinstance(member, str) else member
    if info.flag_bits & 0x1:
        raise StoryFileError(name, "is locked with a password: export it again without one")
    try:
        return archive.read(info)
    except NotImplementedError:
        raise StoryFileError(name, "is packed in a way we cannot read (use a plain zip)") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise StoryFileError(name, "is damaged or incomplete (its checksum is wrong)") from None


def dumps_json(document: dict) -> bytes:
    """Serialise a document as pretty UTF-8 JSON (field order kept)."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_zip(storyfile: StoryFile) -> bytes:
    """Return a zip of `storyboard.json`, the images and the recordings; the same input gives
    the same bytes."""
    buffer = io.BytesIO()
    stamp = (1980, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(JSON_NAME, stamp), dumps_json(storyfile.document))
        files = storyfile.images | storyfile.recordings
        for name in sorted(files):
            # Images and recordings are already compressed: store them.
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def file_images(document: dict) -> list[str]:
    """List the zip paths that the document's `file:` pictures name, in order."""
    return [name for _, name in _file_sources(document)]


def file_recordings(document: dict) -> list[str]:
    """List the zip paths of the document's recordings, in page order."""
    return [name for _, name in _audio_sources(document)]


# --- validation ----------------------------------------------------------------------------


def parse(document: Any) -> Story:
    """Check a document and return it as the typed story; errors name the place."""
    if not isinstance(document, dict):
        raise StoryFileError("file", "must be a JSON object")
    try:
        story = Story.model_validate(document)
    except ValidationError as exc:
        raise _first_problem(exc) from None
    problem = story.check_references()
    if problem:
        raise StoryFileError(*problem)
    return story


def to_document(story: Story) -> dict:
    """The story as the portable file writes it: the fields it was given, defaults filled."""
    return story.model_dump(mode="python", exclude_unset=True)


def validate(document: Any) -> dict:
    """Check a document and return a normalised copy (defaults filled, unknown fields kept)."""
    return to_document(parse(document))


_MESSAGES = {
    "missing": "is required",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "dict_type": "must be an object",
    "model_attributes_type": "must be an object",
}


_WHOLE = {
    ("child",): "is required and must be an object",
    ("panels",): "is required and must be a list",
}


def _first_problem(exc: ValidationError) -> StoryFileError:
    """The first error as a StoryFileError whose place reads like `panels[3].pictures[0].x`."""
    error = exc.errors(include_url=False, include_input=False)[0]
    place = ""
    for part in error["loc"]:
        place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else str(part))
    if error["loc"] in _WHOLE and error["type"] in ("missing", "model_type", "list_type"):
        message = _WHOLE[error["loc"]]
    elif error["type"] == "storyfile":
        message = error["msg"]
    else:
        message = _MESSAGES.get(error["type"], "is not valid")
    return StoryFileError(place or "file", message)
