"""The renderer registry: each takes a Booklet and returns bytes (PNG: an iterator of pages)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from storyboard.booklet.model import Booklet

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


def prepare(booklet: Booklet, fmt: str, *, dpi: int, threads: int = 2) -> None:
    """Draw and encode the scenes a Word or PDF file needs, `threads` at a time, ahead of it.

    resvg, zlib and the JPEG encoder run outside the GIL, so two threads draw a booklet's
    scenes in about half the time; the renderer then finds each one kept (`booklet/raster.py`).
    """
    if fmt not in ("docx", "pdf") or threads < 2:
        return
    from concurrent.futures import ThreadPoolExecutor

    from storyboard.booklet.raster import pixels, scene_jpeg, scene_png

    def make(job: tuple[str, int]) -> bytes:
        svg, width_px = job
        if fmt == "docx":
            return scene_png(svg, width_px)
        return scene_jpeg(svg, width_px, booklet.page_colour)

    jobs = dict.fromkeys(
        (block.svg, pixels(block.width, dpi))
        for page in booklet.pages
        for block in page.blocks
        if block.kind == "picture"
    )
    with ThreadPoolExecutor(threads, thread_name_prefix="scene") as pool:
        for _ in pool.map(make, jobs):
            pass
