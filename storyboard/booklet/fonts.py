"""The booklet's fonts: which face a text needs, where the files are, and text measurement."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import ImageFont, features

from storyboard.core.paths import FONTS_DIR
from storyboard.story.languages import script_for

if TYPE_CHECKING:
    from storyboard.booklet.model import Booklet


@dataclass(frozen=True)
class Face:
    """One font family: its CSS name and the regular and bold files."""

    key: str
    family: str
    regular: str
    bold: str

    def path(self, bold: bool = False) -> Path:
        """Return the file of the regular or bold face."""
        return FONTS_DIR / (self.bold if bold else self.regular)


FACES = {
    "latin": Face("latin", "Andika", "Andika-Regular.ttf", "Andika-Bold.ttf"),
    "arabic": Face(
        "arabic", "Noto Sans Arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"
    ),
    "hebrew": Face(
        "hebrew", "Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"
    ),
    "bengali": Face(
        "bengali", "Noto Sans Bengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"
    ),
    "devanagari": Face(
        "devanagari",
        "Noto Sans Devanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
    ),
    "gurmukhi": Face(
        "gurmukhi",
        "Noto Sans Gurmukhi",
        "NotoSansGurmukhi-Regular.ttf",
        "NotoSansGurmukhi-Bold.ttf",
    ),
}
# The face for each script (ISO 15924, as `story.languages.script_for` names a language's).
SCRIPT_FACES = {
    "Latn": "latin",
    "Arab": "arabic",
    "Hebr": "hebrew",
    "Beng": "bengali",
    "Deva": "devanagari",
    "Guru": "gurmukhi",
}
_RANGES = (
    (0x0590, 0x05FF, "hebrew"),
    (0xFB1D, 0xFB4F, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0A00, 0x0A7F, "gurmukhi"),
)


class LayoutEngineMissing(RuntimeError):
    """Pillow cannot shape complex scripts: raqm (with fribidi and harfbuzz) is missing."""


def check_text_engine() -> None:
    """Raise a clear error unless Pillow has raqm with fribidi and harfbuzz."""
    missing = [name for name in ("raqm", "fribidi", "harfbuzz") if not features.check(name)]
    if missing:
        raise LayoutEngineMissing(
            "Pillow cannot shape right-to-left and complex scripts: missing "
            + ", ".join(missing)
            + ". Install libraqm (Debian: apt-get install libraqm0, which brings libfribidi0 "
            "and libharfbuzz0b) and reinstall Pillow."
        )


def script_of_char(char: str) -> str | None:
    """Return the script key of a character that Andika lacks, or None."""
    code = ord(char)
    for low, high, key in _RANGES:
        if low <= code <= high:
            return key
    return None


def face_for(text: str, language: str = "en") -> Face:
    """Return the face for a text: the first non-Latin script found, else the face of the
    script the language is written in (a name or a number in a Punjabi story: Gurmukhi's)."""
    for char in text:
        key = script_of_char(char)
        if key:
            return FACES[key]
    return FACES[SCRIPT_FACES.get(script_for(language) or "", "latin")]


def text_direction(text: str, default: str) -> str:
    """Return the direction of the first strong character of a text, or the default."""
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi == "L":
            return "ltr"
        if bidi in ("R", "AL"):
            return "rtl"
    return default


def pil_font(face_key: str, bold: bool, size_px: float) -> ImageFont.FreeTypeFont:
    """Return a Pillow font using raqm layout (cached), one per thread.

    A FreeType face is not for two threads at once, and the app draws PNG pages in two.
    """
    return _pil_font(face_key, bold, size_px, threading.get_ident())


@lru_cache(maxsize=128)
def _pil_font(face_key: str, bold: bool, size_px: float, _thread: int) -> ImageFont.FreeTypeFont:
    check_text_engine()
    path = FACES[face_key].path(bold)
    return ImageFont.truetype(str(path), size_px, layout_engine=ImageFont.Layout.RAQM)


pil_font.cache_clear = _pil_font.cache_clear  # type: ignore[attr-defined]


@cache
def _shaper(face_key: str, bold: bool) -> tuple[object, int]:
    """A HarfBuzz font for a face, and its units per em."""
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(FACES[face_key].path(bold))))
    return hb.Font(face), face.upem


def measure(text: str, face_key: str, bold: bool, size_pt: float, direction: str) -> float:
    """Return the shaped width of a text in points.

    Shaped with HarfBuzz (joining, ligatures, kerning), so laying out a booklet needs no
    system library: only PNG pages, which Pillow draws, need libraqm.
    """
    import uharfbuzz as hb

    font, upem = _shaper(face_key, bold)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = direction
    hb.shape(font, buffer)
    return sum(p.x_advance for p in buffer.glyph_positions) * size_pt / upem


def all_font_files() -> list[str]:
    """Return every vendored font file, for resvg and the PDF."""
    return [str(face.path(b)) for face in FACES.values() for b in (False, True)]


@cache
def _cmap(face_key: str, bold: bool) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(FACES[face_key].path(bold)), lazy=True) as font:
        return frozenset(font.getBestCmap())


def uncovered(text: str, face_key: str, bold: bool = False) -> set[str]:
    """Return the characters of a text that neither the face nor Andika can draw."""
    latin = _cmap("latin", bold)
    own = _cmap(face_key, bold)
    return {
        c
        for c in text
        if not c.isspace()
        and unicodedata.category(c) not in ("Cf", "Cc")
        and ord(c) not in own
        and ord(c) not in latin
    }


def missing_glyphs(booklet: Booklet) -> list[tuple[int, str, str]]:
    """Return (page number, face, character) for every printed character its face cannot draw."""
    missing = []
    for page in booklet.pages:
        for block in page.blocks:
            for line in getattr(block, "lines", []):
                for run in line.runs:
                    if run.face == "emoji":
                        continue  # drawn as a picture (booklet/emoji.py)
                    cmap = _cmap(run.face, block.bold)
                    for char in dict.fromkeys(run.text):
                        if char.isspace() or unicodedata.category(char) in ("Cf", "Cc"):
                            continue
                        if ord(char) not in cmap:
                            missing.append((page.number, run.face, char))
    return missing
