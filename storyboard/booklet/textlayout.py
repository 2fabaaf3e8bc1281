"""Line breaking and bidi runs: which face draws which characters, and in what visual order."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from fontTools.unicodedata import script

from storyboard.booklet import emoji
from storyboard.booklet.fonts import _cmap, measure, script_of_char

# Bidi classes that can make any part of a line right to left: strong right-to-left letters,
# Arabic numbers, and the explicit embedding, override and isolate controls.
_RTL_CLASSES = {"R", "AL", "AN", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI", "FSI", "PDF", "PDI"}


def char_face(char: str) -> str:
    """Return the face that draws a character: Andika when it can, else its script's Noto."""
    if ord(char) in _cmap("latin", False):
        return "latin"
    return script_of_char(char) or "latin"


@lru_cache(maxsize=20000)
def _unit_width(text: str, face: str, bold: bool, direction: str) -> float:
    if face == emoji.FACE:
        return emoji.ADVANCE
    return measure(text, face, bold, 1.0, direction)


def _fragments(text: str, base: str) -> list[tuple[str, str]]:
    """Return (text, direction) fragments in visual order (Unicode bidi, rule L2)."""
    if base == "ltr" and not any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text):
        return [(text, "ltr")] if text else []  # all level 0: no need for the bidi algorithm
    from fpdf.bidi import BidiParagraph  # fpdf2 is slow to import; only bidi text needs it
    from fpdf.enums import TextDirection

    base_dir = TextDirection.RTL if base == "rtl" else TextDirection.LTR
    frags = BidiParagraph(text, base_dir).get_bidi_fragments()
    items = []
    for frag_text, frag_dir in frags:
        rtl = frag_dir == TextDirection.RTL
        level = (1 if rtl else 2) if base == "rtl" else (1 if rtl else 0)
        items.append([level, frag_text, "rtl" if rtl else "ltr"])
    if not items:
        return []
    highest = max(i[0] for i in items)
    lowest_odd = min((i[0] for i in items if i[0] % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        start = None
        for index in range(len(items) + 1):
            inside = index < len(items) and items[index][0] >= level
            if inside and start is None:
                start = index
            elif not inside and start is not None:
                items[start:index] = reversed(items[start:index])
                start = None
    return [(t, d) for _, t, d in items]


def _stays(char: str, face: str, before: str) -> bool:
    """Whether a character shared by several scripts (the danda "।" of Hindi, Bengali and
    Punjabi) stays in the run before it, whose script's face draws it too."""
    if face in ("latin", before) or before in ("latin", emoji.FACE):
        return False
    return script(char) in ("Zyyy", "Zinh") and ord(char) in _cmap(before, False)


def _face_runs(text: str) -> list[tuple[str, str]]:
    """Split a text into (text, face) runs in logical order; each emoji is a run of its own."""
    runs: list[list[str]] = []
    for piece, is_emoji in emoji.split(text):
        if is_emoji:
            runs.append([piece, emoji.FACE])
            continue
        for char in piece:
            face = char_face(char)
            if runs and _stays(char, face, runs[-1][1]):
                face = runs[-1][1]
            if runs and runs[-1][1] == face:
                runs[-1][0] += char
            else:
                runs.append([char, face])
    return [(t, f) for t, f in runs]


def runs(text: str, size: float, bold: bool, base: str):
    """Lay out one line: return [(text, face, direction, x, width)] in visual order, and width."""
    out = []
    x = 0.0
    for frag, direction in _fragments(text, base):
        pieces = _face_runs(frag)
        if direction == "rtl":
            pieces.reverse()
        for piece, face in pieces:
            width = _unit_width(piece, face, bold, direction) * size
            out.append((piece, face, direction, x, width))
            x += width
    return out, x


def line_width(text: str, size: float, bold: bool, base: str) -> float:
    """Return the width of one line of text in points."""
    return sum(
        _unit_width(
            piece, face, bold, "rtl" if script_of_char(piece[0]) in ("arabic", "hebrew") else "ltr"
        )
        * size
        for piece, face in _face_runs(text)
    )


def wrap(paragraph: str, width: float, size: float, bold: bool, base: str) -> list[str]:
    """Break a paragraph into lines no wider than width (greedy, at spaces)."""
    words = paragraph.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and line_width(candidate, size, bold, base) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
        while line_width(current, size, bold, base) > width and len(current) > 1:
            # A single word longer than the line: break it where it overflows.
            cut = len(current) - 1
            while cut > 1 and line_width(current[:cut], size, bold, base) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines or [""]
