"""The renderer registry: each takes a Booklet and returns bytes (PNG: an iterator of pages)."""

from __future__ import annotations

from collections.abc import Iterable

from storyboard.booklet import raster
from storyboard.booklet.html import render_html
from storyboard.booklet.model import Booklet
from storyboard.booklet.pdf import render_pdf
from storyboard.booklet.png import render_png
from storyboard.booklet.raster import pixels
from storyboard.booklet.word import render_docx

# html, docx, pdf -> bytes. png -> an iterator yielding one PNG file's bytes per page, drawn
# as it is consumed, so a long booklet never holds every page in memory.
RENDERERS = {
    "html": render_html,
    "docx": render_docx,
    "png": render_png,
    "pdf": render_pdf,
}
FORMATS = tuple(RENDERERS)


def prepare(booklet: Booklet, formats: Iterable[str], *, dpi: int, workers: int = 1) -> None:
    """Rasterise every scene the formats need once, at its printed size, before they draw."""
    formats = set(formats)
    if not formats & {"docx", "png", "pdf"}:
        return
    jobs = [
        (block.svg, pixels(block.width, dpi))
        for page in booklet.pages
        for block in page.blocks
        if block.kind == "picture"
    ]
    raster.prepare(jobs, jpeg_on=booklet.page_colour if "pdf" in formats else None, workers=workers)
