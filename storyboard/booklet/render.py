"""The renderer registry: each takes a Booklet and returns bytes (PNG: an iterator of pages)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping

from storyboard.booklet import raster
from storyboard.booklet.model import Booklet
from storyboard.booklet.raster import pixels

_WHERE = {
    "html": ("storyboard.booklet.html", "render_html"),
    "docx": ("storyboard.booklet.word", "render_docx"),
    "png": ("storyboard.booklet.png", "render_png"),
    "pdf": ("storyboard.booklet.pdf", "render_pdf"),
}


class _Registry(Mapping[str, Callable]):
    """Format name -> renderer; a renderer's libraries (python-docx, fpdf2) load on first use."""

    def __getitem__(self, fmt: str) -> Callable:
        module, name = _WHERE[fmt]
        return getattr(importlib.import_module(module), name)

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


# html, docx, pdf -> bytes. png -> an iterator yielding one PNG file's bytes per page, drawn
# as it is consumed, so a long booklet never holds every page in memory.
RENDERERS: Mapping[str, Callable] = _Registry()
FORMATS = tuple(_WHERE)


def start_prepare(
    booklet: Booklet, formats: Iterable[str], *, dpi: int, workers: int = 1
) -> Callable[[], None]:
    """Start rasterising every scene the formats need, once, at its printed size; return wait()."""
    formats = set(formats)
    if not formats & {"docx", "png", "pdf"}:
        return lambda: None
    jobs = [
        (block.svg, pixels(block.width, dpi))
        for page in booklet.pages
        for block in page.blocks
        if block.kind == "picture"
    ]
    jpeg_on = booklet.page_colour if "pdf" in formats else None
    return raster.start(jobs, jpeg_on=jpeg_on, workers=workers)


def prepare(booklet: Booklet, formats: Iterable[str], *, dpi: int, workers: int = 1) -> None:
    """Rasterise every scene the formats need before they draw, and wait for it."""
    start_prepare(booklet, formats, dpi=dpi, workers=workers)()
