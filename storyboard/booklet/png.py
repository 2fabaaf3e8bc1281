"""PNG pages: each booklet page drawn with Pillow (raqm shaping), streamed one at a time."""

from __future__ import annotations

from collections.abc import Iterator

from PIL import Image, ImageDraw

from storyboard.booklet import emoji
from storyboard.booklet.fonts import check_text_engine, pil_font
from storyboard.booklet.mark import mark_layer
from storyboard.booklet.model import Booklet, Page, baseline
from storyboard.booklet.pngfile import png_bytes
from storyboard.booklet.raster import pixels, scene_image

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
            picture = scene_image(block.svg, pixels(block.width, dpi))
            image.paste(picture, (round(block.x * scale), round(block.y * scale)), picture)
            continue
        if block.kind == "rule":  # the thin line where a page's second language starts
            box = [block.x * scale, block.y * scale, (block.x + block.width) * scale,
                   (block.y + block.height) * scale]  # fmt: skip
            draw.rectangle(box, fill=block.colour)
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
                    language=block.language or booklet.language,
                )
    if booklet.mark is not None:
        _draw_mark(image, booklet, scale)
    return image


def _draw_emoji(image: Image.Image, block, line, run, scale: float) -> None:  # noqa: ANN001
    """An emoji the family typed, as its OpenMoji picture, centred in its line box."""
    side = block.size * emoji.ADVANCE
    top = line.y + (block.size * block.line_height - side) / 2
    # The same pixels as emoji.png(), without writing and reading a PNG file.
    drawn = scene_image(emoji.svg(run.text), max(8, round(side * scale)))
    image.paste(drawn, (round((line.x + run.x) * scale), round(top * scale)), drawn)


def _draw_mark(image: Image.Image, booklet: Booklet, scale: float) -> None:
    """The pale diagonal DRAFT across the page, over everything (so no picture hides it)."""
    turned = mark_layer(booklet.mark, scale)  # drawn once, shared by every page
    x = (image.width - turned.width) // 2
    y = (image.height - turned.height) // 2
    image.paste(turned, (x, y), turned)


def page_png(booklet: Booklet, page: Page, dpi: int = DEFAULT_DPI) -> bytes:
    """One page as a PNG file's bytes, naming the version it was drawn from."""
    image = draw_page(booklet, page, dpi)
    data = png_bytes(image, dpi=dpi, text={"storyboard-version": booklet.version})
    image.close()
    return data


def render_png(booklet: Booklet, *, dpi: int = DEFAULT_DPI, threads: int = 1) -> Iterator[bytes]:
    """Yield one PNG file's bytes per page, in order, never holding every page drawn at once.

    With `threads` > 1 that many pages are drawn at a time (resvg, pasting and zlib run
    outside the GIL), each at most `threads` pages ahead of the reader.
    """
    if booklet.mark is not None:
        mark_layer(booklet.mark, dpi / 72)  # drawn once, before the threads share it
    if threads < 2:
        return (page_png(booklet, page, dpi) for page in booklet.pages)
    return _threaded(booklet, dpi, threads)


def _threaded(booklet: Booklet, dpi: int, threads: int) -> Iterator[bytes]:
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(threads, thread_name_prefix="png-page") as pool:
        drawing = deque()
        try:
            for page in booklet.pages:
                drawing.append(pool.submit(page_png, booklet, page, dpi))
                if len(drawing) > threads:
                    yield drawing.popleft().result()
            while drawing:
                yield drawing.popleft().result()
        finally:
            for future in drawing:
                future.cancel()
