"""PNG pages: each booklet page drawn with Pillow (raqm shaping), streamed one at a time."""

from __future__ import annotations

import io
from collections.abc import Iterator

from PIL import Image, ImageDraw
from PIL.PngImagePlugin import PngInfo

from storyboard.booklet import emoji
from storyboard.booklet.fonts import check_text_engine, pil_font
from storyboard.booklet.mark import mark_layer
from storyboard.booklet.model import Booklet, Page, baseline
from storyboard.booklet.raster import pixels, scene_png

DEFAULT_DPI = 150


def picture_pixels(booklet: Booklet, dpi: int) -> int:
    """Return the raster width of the widest possible picture at the chosen DPI."""
    return pixels(booklet.scene_width, dpi)


def draw_page(booklet: Booklet, page: Page, dpi: int = DEFAULT_DPI) -> Image.Image:
    """Draw one page to a Pillow image at the DPI."""
    check_text_engine()
    scale = dpi / 72
    size = (round(booklet.width * scale), round(booklet.height * scale))
    image = Image.new("RGB", size, booklet.page_colour)
    draw = ImageDraw.Draw(image)
    for block in page.blocks:
        if block.kind == "picture":
            # The raster is made at this block's own size, so it is pasted as it is.
            with Image.open(io.BytesIO(scene_png(block.svg, pixels(block.width, dpi)))) as scene:
                picture = scene.convert("RGBA")
            image.paste(picture, (round(block.x * scale), round(block.y * scale)), picture)
            continue
        for line in block.lines:
            y = baseline(block, line) * scale
            for run in line.runs:
                if run.face == emoji.FACE:
                    _draw_emoji(image, block, line, run, scale)
                    continue
                font = pil_font(run.face, block.bold, block.size * scale)
                draw.text(
                    ((line.x + run.x) * scale, y),
                    run.text,
                    font=font,
                    fill=block.colour,
                    anchor="ls",
                    direction=run.direction,
                    language=booklet.language,
                )
    if booklet.mark is not None:
        _draw_mark(image, booklet, scale)
    return image


def _draw_emoji(image: Image.Image, block, line, run, scale: float) -> None:  # noqa: ANN001
    """An emoji the family typed, as its OpenMoji picture, centred in its line box."""
    side = block.size * emoji.ADVANCE
    top = line.y + (block.size * block.line_height - side) / 2
    with Image.open(io.BytesIO(emoji.png(run.text, round(side * scale)))) as picture:
        drawn = picture.convert("RGBA")
    image.paste(drawn, (round((line.x + run.x) * scale), round(top * scale)), drawn)


def _draw_mark(image: Image.Image, booklet: Booklet, scale: float) -> None:
    """The pale diagonal DRAFT across the page, over everything (so no picture hides it)."""
    turned = mark_layer(booklet.mark, scale)  # drawn once, shared by every page
    x = (image.width - turned.width) // 2
    y = (image.height - turned.height) // 2
    image.paste(turned, (x, y), turned)


def _encode(booklet: Booklet, page: Page, dpi: int) -> bytes:
    image = draw_page(booklet, page, dpi)
    info = PngInfo()
    info.add_text("storyboard-version", booklet.version)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi), compress_level=1, pnginfo=info)
    image.close()
    return buffer.getvalue()


_forked: tuple[Booklet, int] | None = None  # what a forked worker draws from


def _forked_page(index: int) -> bytes:
    booklet, dpi = _forked
    return _encode(booklet, booklet.pages[index], dpi)


def render_png(booklet: Booklet, *, dpi: int = DEFAULT_DPI, workers: int = 1) -> Iterator[bytes]:
    """Yield one PNG file's bytes per page, in order, never holding every page drawn at once.

    With `workers` > 1 the pages are drawn in forked processes, which start at once and run
    while the caller does other work (the command line renders the other formats meanwhile).
    """
    if booklet.mark is not None:
        mark_layer(booklet.mark, dpi / 72)  # before forking: every worker inherits it
    if workers < 2 or len(booklet.pages) < 4:
        return (_encode(booklet, page, dpi) for page in booklet.pages)
    import multiprocessing

    global _forked
    _forked = (booklet, dpi)
    pool = multiprocessing.get_context("fork").Pool(workers)
    _forked = None
    pages = pool.imap(_forked_page, range(len(booklet.pages)))
    pool.close()
    return _drain(pool, pages)


def _drain(pool, pages: Iterator[bytes]) -> Iterator[bytes]:
    try:
        yield from pages
    finally:
        pool.terminate()
        pool.join()
