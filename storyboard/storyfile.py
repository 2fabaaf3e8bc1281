"""The portable storyboard file: a JSON document, or a zip of `storyboard.json` and its images."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "storyboard/1"
JSON_NAME = "storyboard.json"
SECTIONS = (
    "title",
    "family",
    "worried",
    "worries",
    "next",
    "now",
    "safety-plan",
    "network",
    "talk-to",
    "custom",
)
KINDS = ("text", "scale", "steps")
PAGE_SIZES = ("A4", "A5", "Letter")
STATUSES = ("draft", "approved")
SOURCE_KINDS = ("library", "emoji", "file", "drawing")

MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_ZIP_TOTAL = 200 * 1024 * 1024

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_EMOJI = re.compile(r"^[0-9A-Fa-f]{2,6}(?:-[0-9A-Fa-f]{2,6})*$")
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")


class StoryFileError(ValueError):
    """A storyboard file that cannot be used; `place` names the field, e.g. `panels[3].text`."""

    def __init__(self, place: str, message: str) -> None:
        super().__init__(f"{place}: {message}")
        self.place = place
        self.message = message


@dataclass
class StoryFile:
    """A storyboard document and the image bytes its `file:` pictures name."""

    document: dict
    images: dict[str, bytes] = field(default_factory=dict)


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
    names = {info.filename for info in infos}
    if JSON_NAME not in names:
        raise StoryFileError("file", f"zip must contain {JSON_NAME}")
    with archive:
        document = validate(_parse_json(archive.read(JSON_NAME), JSON_NAME))
        images: dict[str, bytes] = {}
        for info in infos:
            name = info.filename
            if name == JSON_NAME or info.is_dir() or not _safe_member(name):
                continue
            if info.file_size > MAX_IMAGE_BYTES:
                raise StoryFileError(name, "image is too large")
            content = archive.read(info)
            if content.startswith(_IMAGE_MAGIC):
                images[name] = content
    return StoryFile(document, images)


def _safe_member(name: str) -> bool:
    parts = name.split("/")
    return not name.startswith("/") and ".." not in parts and "\\" not in name


def dumps_json(document: dict) -> bytes:
    """Serialise a document as pretty UTF-8 JSON (field order kept)."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_zip(storyfile: StoryFile) -> bytes:
    """Return a zip of `storyboard.json` and the images; the same input gives the same bytes."""
    buffer = io.BytesIO()
    stamp = (1980, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(JSON_NAME, stamp), dumps_json(storyfile.document))
        for name in sorted(storyfile.images):
            # Images are already compressed: store them.
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, storyfile.images[name])
    return buffer.getvalue()


def version_hash(storyfile: StoryFile) -> str:
    """SHA-256 hex of the canonical form: sorted keys, compact, `file:` images by content hash.

    `status` is left out: the hash names the words and pictures, so a draft and the same
    version once approved carry the same hash.
    """
    document = copy.deepcopy(storyfile.document)
    document.pop("status", None)
    for panel in document.get("panels", []):
        for picture in panel.get("pictures", []) if isinstance(panel, dict) else []:
            src = picture.get("src", "") if isinstance(picture, dict) else ""
            if isinstance(src, str) and src.startswith("file:"):
                content = storyfile.images.get(src[5:])
                if content is not None:
                    picture["src"] = "sha256:" + hashlib.sha256(content).hexdigest()
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def file_images(document: dict) -> list[str]:
    """List the zip paths that the document's `file:` pictures name, in order."""
    return [
        pic["src"][5:]
        for panel in document.get("panels", [])
        for pic in panel.get("pictures", [])
        if pic.get("src", "").startswith("file:")
    ]


# --- validation ----------------------------------------------------------------------------


def validate(document: Any) -> dict:
    """Check a document and return a normalised copy (defaults filled, unknown fields kept)."""
    if not isinstance(document, dict):
        raise StoryFileError("file", "must be a JSON object")
    doc = copy.deepcopy(document)
    if "format" not in doc:
        raise StoryFileError("format", "is required")
    if doc["format"] != FORMAT:
        raise StoryFileError("format", f'must be "{FORMAT}"')
    doc["title"] = _text(doc, "title", "title", required=True, non_empty=True)
    child = doc.get("child")
    if not isinstance(child, dict):
        raise StoryFileError("child", "is required and must be an object")
    child["name"] = _text(child, "name", "child.name", required=True, non_empty=True)
    if "age" in child and child["age"] is not None:
        _number(child, "age", "child.age", 0, 25, integer=True)
    language = doc.setdefault("language", "en")
    if not isinstance(language, str) or not _LANGUAGE.match(language):
        raise StoryFileError("language", "must be a BCP 47 language tag such as en or ar")
    _choice(doc, "page_size", "page_size", PAGE_SIZES)
    status = doc.setdefault("status", "draft")
    if status not in STATUSES:
        raise StoryFileError("status", 'must be "draft" or "approved"')
    for name in ("purpose", "made_by", "reference"):
        _text(doc, name, name)
    if "date" in doc:
        date = doc["date"]
        try:
            if not (isinstance(date, str) and _DATE.match(date)):
                raise ValueError(date)
            dt.date.fromisoformat(date)
        except ValueError:
            raise StoryFileError("date", "must be an ISO date such as 2024-05-31") from None
    _flag(doc, "minimal", "minimal")
    _colour(doc, "page_colour", "page_colour")
    _family_words(doc.get("family_words", []))
    ids = _people(doc.get("people", []))
    _drawings(doc.get("drawings", {}))
    panels = doc.get("panels")
    if not isinstance(panels, list):
        raise StoryFileError("panels", "is required and must be a list")
    for index, panel in enumerate(panels):
        _panel(panel, f"panels[{index}]", ids)
    return doc


def _text(obj: dict, key: str, place: str, *, required: bool = False, non_empty: bool = False):
    if key not in obj:
        if required:
            raise StoryFileError(place, "is required")
        return None
    value = obj[key]
    if not isinstance(value, str):
        raise StoryFileError(place, "must be text")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if non_empty and not value.strip():
        raise StoryFileError(place, "must not be empty")
    obj[key] = value
    return value


def _number(obj: dict, key: str, place: str, low: float, high: float, *, integer=False) -> None:
    value = obj[key]
    wrong = isinstance(value, bool) or not isinstance(value, int if integer else (int, float))
    if wrong or value != value:  # NaN
        raise StoryFileError(place, "must be a whole number" if integer else "must be a number")
    if not low <= value <= high:
        raise StoryFileError(place, f"must be between {low:g} and {high:g}")


def _flag(obj: dict, key: str, place: str) -> None:
    if key in obj and not isinstance(obj[key], bool):
        raise StoryFileError(place, "must be true or false")


def _choice(obj: dict, key: str, place: str, choices: tuple[str, ...]) -> None:
    if key in obj and obj[key] not in choices:
        raise StoryFileError(place, "must be one of " + ", ".join(choices))


def _colour(obj: dict, key: str, place: str) -> None:
    if key in obj and not (isinstance(obj[key], str) and _HEX_COLOUR.match(obj[key])):
        raise StoryFileError(place, "must be a colour like #fff8e7")


def _list(value: Any, place: str) -> list:
    if not isinstance(value, list):
        raise StoryFileError(place, "must be a list")
    return value


def _object(value: Any, place: str) -> dict:
    if not isinstance(value, dict):
        raise StoryFileError(place, "must be an object")
    return value


def _family_words(words: Any) -> None:
    for i, item in enumerate(_list(words, "family_words")):
        _object(item, f"family_words[{i}]")
        _text(item, "word", f"family_words[{i}].word", required=True, non_empty=True)
        _text(item, "means", f"family_words[{i}].means")


def _people(people: Any) -> set[str]:
    ids: set[str] = set()
    for i, person in enumerate(_list(people, "people")):
        place = f"people[{i}]"
        _object(person, place)
        pid = _text(person, "id", f"{place}.id", required=True, non_empty=True)
        if pid in ids or pid == "agreed":
            raise StoryFileError(f"{place}.id", "must be unique and not 'agreed'")
        ids.add(pid)
        _text(person, "name", f"{place}.name")
        _text(person, "role", f"{place}.role")
    return ids


def _drawings(drawings: Any) -> None:
    for key, drawing in _object(drawings, "drawings").items():
        place = f"drawings.{key}"
        _object(drawing, place)
        for dim in ("width", "height"):
            if dim not in drawing:
                raise StoryFileError(f"{place}.{dim}", "is required")
            _number(drawing, dim, f"{place}.{dim}", 1, 10000)
        for s, stroke in enumerate(_list(drawing.get("strokes", []), f"{place}.strokes")):
            splace = f"{place}.strokes[{s}]"
            _object(stroke, splace)
            _colour(stroke, "color", f"{splace}.color")
            if "size" in stroke:
                _number(stroke, "size", f"{splace}.size", 0.1, 500)
            _flag(stroke, "erase", f"{splace}.erase")
            for p, point in enumerate(_list(stroke.get("points", []), f"{splace}.points")):
                ok = isinstance(point, list) and len(point) == 2
                if not ok or not all(_is_number(v) for v in point):
                    raise StoryFileError(f"{splace}.points[{p}]", "must be [x, y]")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _panel(panel: Any, place: str, people: set[str]) -> None:
    _object(panel, place)
    _text(panel, "text", f"{place}.text", required=True)
    _text(panel, "heading", f"{place}.heading")
    _text(panel, "id", f"{place}.id")
    if panel.setdefault("section", "custom") not in SECTIONS:
        raise StoryFileError(f"{place}.section", "must be one of " + ", ".join(SECTIONS))
    if panel.setdefault("kind", "text") not in KINDS:
        raise StoryFileError(f"{place}.kind", "must be one of " + ", ".join(KINDS))
    _speaker(panel, f"{place}.speaker", people)
    _flag(panel, "skipped", f"{place}.skipped")
    _colour(panel, "background", f"{place}.background")
    if "scale" in panel:
        scale = _object(panel["scale"], f"{place}.scale")
        if "value" in scale and scale["value"] is not None:
            _number(scale, "value", f"{place}.scale.value", 0, 10)
        _text(scale, "ten_means", f"{place}.scale.ten_means")
    for s, step in enumerate(_list(panel.get("steps", []), f"{place}.steps")):
        if not isinstance(step, str):
            raise StoryFileError(f"{place}.steps[{s}]", "must be text")
    for v, voice in enumerate(_list(panel.get("voices", []), f"{place}.voices")):
        vplace = f"{place}.voices[{v}]"
        _object(voice, vplace)
        _speaker(voice, f"{vplace}.speaker", people)
        _text(voice, "label", f"{vplace}.label")
        _text(voice, "text", f"{vplace}.text", required=True)
    for p, picture in enumerate(_list(panel.setdefault("pictures", []), f"{place}.pictures")):
        _picture(picture, f"{place}.pictures[{p}]")


def _speaker(obj: dict, place: str, people: set[str]) -> None:
    speaker = obj.get("speaker")
    if speaker in (None, "", "agreed"):
        return
    if not isinstance(speaker, str) or speaker not in people:
        raise StoryFileError(place, 'must be a people id or "agreed"')


def _picture(picture: Any, place: str) -> None:
    _object(picture, place)
    src = _text(picture, "src", f"{place}.src", required=True, non_empty=True)
    kind, _, name = src.partition(":")
    if kind not in SOURCE_KINDS or not name:
        raise StoryFileError(f"{place}.src", "must start with library:, emoji:, file: or drawing:")
    if kind == "library" and not _STEM.match(name):
        raise StoryFileError(f"{place}.src", "must name a library picture such as library:house")
    if kind == "emoji" and not _EMOJI.match(name):
        raise StoryFileError(f"{place}.src", "must be emoji:<hex codepoints joined by ->")
    if kind == "file" and not _safe_member(name):
        raise StoryFileError(f"{place}.src", "must be a relative path inside the zip")
    for key, default in (("x", 0.35), ("y", 0.25)):
        picture.setdefault(key, default)
        _number(picture, key, f"{place}.{key}", 0, 1)
    picture.setdefault("width", 0.3)
    _number(picture, "width", f"{place}.width", 0.01, 1)
    _flag(picture, "flip", f"{place}.flip")
    _text(picture, "label", f"{place}.label")
    _text(picture, "alt", f"{place}.alt")
