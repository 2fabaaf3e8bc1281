"""Our own illustration library: the catalogue, search, and a contact sheet of the whole set."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, TypedDict

import click

from storyboard.core.paths import FONTS_DIR, ILLUSTRATIONS_DIR, PACKAGE_DIR

CATALOGUE_FILE = ILLUSTRATIONS_DIR / "catalogue.json"
CATEGORY_ORDER = ("feelings", "people", "helpers", "places", "things", "method")
SYSTEM_FONT = Path("/usr/share/fonts/truetype/andika/Andika-Regular.ttf")

# Contact sheet geometry, in pixels: a grid of tiles, each a drawing with its id beneath.
SHEET_COLUMNS = 10
TILE = 150
PAD = 10
LABEL_HEIGHT = 26
CELL_WIDTH = TILE + 2 * PAD
CELL_HEIGHT = TILE + 2 * PAD + LABEL_HEIGHT


class Entry(TypedDict):
    """One catalogue entry; `id` is the SVG file's stem."""

    id: str
    title: str
    category: str
    words: list[str]
    alt: str


@lru_cache(maxsize=1)
def catalogue() -> tuple[Entry, ...]:
    """Every catalogue entry, in catalogue order (loaded once)."""
    data = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    return tuple(data["illustrations"])


def extract_titles(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extractor for the catalogue (see `babel-messages.cfg`): each picture's title,
    for the web pages' catalogue, which names a picture on a family's page in their language
    (the reviewer's "what changed"). Its description and search words stay English."""
    text = fileobj.read().decode("utf-8")
    lines = text.splitlines()
    for entry in json.loads(text).get("illustrations", []):
        quoted = json.dumps(entry["title"], ensure_ascii=False)
        lineno = next((n for n, line in enumerate(lines, 1) if f'"title": {quoted}' in line), 1)
        note = f"the name of a picture in our library: {entry['alt']}"
        yield lineno, None, entry["title"], [note]


def _by_id() -> dict[str, Entry]:
    """The catalogue keyed by id."""
    return {e["id"]: e for e in catalogue()}


def get(ident: str) -> Entry | None:
    """The entry for `ident`, or None if there is no such picture."""
    return _by_id().get(ident)


def svg_path(ident: str) -> Path:
    """The SVG file for a catalogue id (raises KeyError for an unknown id)."""
    if get(ident) is None:
        raise KeyError(ident)
    return ILLUSTRATIONS_DIR / f"{ident}.svg"


def svg_text(ident: str) -> str:
    """The SVG markup of one drawing."""
    return svg_path(ident).read_text(encoding="utf-8")


def categories() -> list[str]:
    """The categories in browsing order."""
    found = {e["category"] for e in catalogue()}
    known = [c for c in CATEGORY_ORDER if c in found]
    return known + sorted(found - set(known))


def in_category(category: str) -> list[Entry]:
    """The entries in one category."""
    return [e for e in catalogue() if e["category"] == category]


def _tokens(text: str) -> list[str]:
    """Lower-case words of a query or a field."""
    return re.findall(r"[a-z0-9]+", text.lower())


def _score(entry: Entry, terms: list[str]) -> int:
    """How well an entry matches every term (0: it does not match them all)."""
    title = _tokens(entry["title"]) + _tokens(entry["id"])
    words = [w.lower() for w in entry["words"]]
    total = 0
    for term in terms:
        if term in title:
            total += 6
        elif term in words:
            total += 4
        elif term == entry["category"]:
            total += 3
        elif any(w.startswith(term) for w in title + words):
            total += 2
        else:
            return 0
    return total


def search(query: str, limit: int = 24) -> list[Entry]:
    """Entries matching every word of `query` by title, search words or category, best first."""
    terms = _tokens(query)
    if not terms:
        return list(catalogue())[:limit]
    scored = [(_score(e, terms), i, e) for i, e in enumerate(catalogue())]
    return [e for s, _, e in sorted(scored, key=lambda t: (-t[0], t[1])) if s > 0][:limit]


def label_font_path() -> Path | None:
    """Andika from our vendored fonts, else the system copy, else None."""
    for candidate in (FONTS_DIR / "Andika-Regular.ttf", SYSTEM_FONT):
        if candidate.is_file():
            return candidate
    return None


def sheet_size(count: int, columns: int = SHEET_COLUMNS) -> tuple[int, int]:
    """The contact sheet's pixel size for `count` drawings."""
    rows = -(-count // columns)
    return columns * CELL_WIDTH, rows * CELL_HEIGHT


def render_png(ident: str, width: int = TILE) -> bytes:
    """One drawing rasterised to PNG bytes."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg_text(ident), width=width))


def contact_sheet_image(columns: int = SHEET_COLUMNS):  # noqa: ANN201 (PIL is imported lazily)
    """A labelled grid of the whole set, ordered by category, as a Pillow image."""
    from PIL import Image, ImageDraw, ImageFont

    entries = [e for c in categories() for e in in_category(c)]
    sheet = Image.new("RGB", sheet_size(len(entries), columns), "white")
    draw = ImageDraw.Draw(sheet)
    font_file = label_font_path()
    font = ImageFont.truetype(str(font_file), 15) if font_file else ImageFont.load_default()
    for i, entry in enumerate(entries):
        x, y = (i % columns) * CELL_WIDTH, (i // columns) * CELL_HEIGHT
        tile = Image.open(io.BytesIO(render_png(entry["id"]))).convert("RGBA")
        sheet.paste(tile, (x + PAD, y + PAD), tile)
        draw.rectangle((x + 3, y + 3, x + CELL_WIDTH - 4, y + CELL_HEIGHT - 4), outline="#e4e0d8")
        draw.text((x + CELL_WIDTH // 2, y + TILE + 2 * PAD + 10), entry["id"], fill="#3a3a3a",
                  font=font, anchor="mm")  # fmt: skip
    return sheet


DEFAULT_SHEET = PACKAGE_DIR.parent / "docs" / "illustrations.png"


@click.command("contact-sheet")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_SHEET, show_default=True, help="Where to write the PNG.")  # fmt: skip
@click.option("--columns", type=click.IntRange(1, 40), default=SHEET_COLUMNS, show_default=True)
def contact_sheet(out: Path, columns: int) -> None:
    """Write a labelled contact sheet of every illustration to a PNG file."""
    image = contact_sheet_image(columns)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, optimize=True)
    click.echo(f"Wrote {len(catalogue())} illustrations to {out} ({image.width}x{image.height}).")


if __name__ == "__main__":
    contact_sheet()
