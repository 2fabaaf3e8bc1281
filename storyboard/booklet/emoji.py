"""Emoji the family types, drawn in colour in every format from the OpenMoji pictures we ship.

No booklet font has emoji, and a reader's computer may have none either: so each emoji in the
words becomes its own run (face "emoji", one em wide) that every renderer draws as a small
picture, never as a missing glyph. An emoji OpenMoji does not draw stays text.
"""

from __future__ import annotations

import base64
from functools import lru_cache

import emoji as emoji_data

from storyboard.pictures import openmoji

FACE = "emoji"
ADVANCE = 1.0  # the width of one emoji, in ems
DPI = 300  # small pictures: sharp in print at little cost


@lru_cache(maxsize=4096)
def split(text: str) -> tuple[tuple[str, bool], ...]:
    """The text as (piece, is_emoji) in order, each drawable emoji a piece of its own."""
    out: list[tuple[str, bool]] = []
    at = 0
    for found in emoji_data.emoji_list(text):
        start, end = found["match_start"], found["match_end"]
        if openmoji.svg_path(openmoji.code_of(found["emoji"])) is None:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return tuple(out)


def has_emoji(text: str) -> bool:
    """Whether the text holds an emoji we draw as a picture."""
    return any(is_emoji for _, is_emoji in split(text))


@lru_cache(maxsize=512)
def svg(char: str) -> str:
    """The OpenMoji colour SVG of one emoji."""
    return openmoji.svg_text(openmoji.code_of(char))


def data_uri(char: str) -> str:
    """The emoji as an SVG data: URI, for HTML."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(char).encode()).decode("ascii")


@lru_cache(maxsize=512)
def png(char: str, pixels: int) -> bytes:
    """The emoji drawn as a square PNG `pixels` wide (PNG pages, PDF and Word)."""
    from storyboard.booklet.raster import scene_png

    return scene_png(svg(char), max(8, pixels))
