"""PNG pages: each booklet page drawn with Pillow (raqm shaping), streamed one at a time."""

from __future__ import annotations

import io
from collections.abc import Iterator

from PIL import Image, ImageDraw

from storyboard.booklet.fonts import check_text_engine, pil_font
from storyboard.booklet.model import Booklet, Page, baseline
from storyboard.booklet.scene import scene_png

DEFAULT_DPI = 150


def picture_pixels(booklet: Booklet, dpi: int) -> int:
    """Return the raster width for scene pictures: the widest picture at the chosen DPI."""
    return round(booklet.scene_width * dpi / 72)


def draw_page(booklet: Booklet, page: Page, dpi: int = DEFAULT_DPI) -> Image.Image:
    """Draw one page to a Pillow image at the DPI."""
    check_text_engine()
    scale = dpi / 72
    size = (round(booklet.width * scale), round(booklet.height * scale))
    image = Image.new("RGB", size, booklet.page_colour)
    draw = ImageDraw.Draw(image)
    raster_w = picture_pixels(booklet, dpi)
    for block in page.blocks:
        if block.kind == "picture":
            with Image.open(io.BytesIO(scene_png(block.svg, raster_w))) as scene:
                box = (round(block.width * scale), round(block.height * scale))
                picture = scene.convert("RGBA").resize(box, Image.Resampling.LANCZOS)
            image.paste(picture, (round(block.x * scale), round(block.y * scale)), picture)
            continue
        for line in block.lines:
            y = baseline(block, line) * scale
            for run in line.runs:
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
    return image


def render_png(booklet: Booklet, *, dpi: int = DEFAULT_DPI) -> Iterator[bytes]:
    """Yield one PNG file's bytes per page, so only one page is held in memory at a time."""
    for page in booklet.pages:
        image = draw_page(booklet, page, dpi)
        buffer = io.BytesIO()
        image.save(buffer, "PNG", dpi=(dpi, dpi), compress_level=1)
        image.close()
        yield buffer.getvalue()
