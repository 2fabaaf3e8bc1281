"""The draft mark as a picture: the large pale DRAFT, turned along the page's diagonal.

Drawn once per booklet on a transparent layer. PNG pages paste it; PDF and HTML pages place it
as one shared picture over everything, so no picture hides it, and no text extractor, screen
reader or "print to PDF" reads it as stray letters. Latin capitals only: drawn with
FreeType's basic layout, needing no text-shaping library.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageColor, ImageDraw, ImageFont

from storyboard.booklet.fonts import FACES
from storyboard.booklet.model import DraftMark

MARK_DPI = 100  # a large soft shape: sharp enough at this, and small


@lru_cache(maxsize=4)
def mark_layer(mark: DraftMark, scale: float) -> Image.Image:
    """A draft mark at `scale` pixels per point, on a transparent layer (RGBA).

    Drawn and turned once per size (turning is most of a PNG page's time); callers only read
    it, never change or close it. `png.render_png` draws it before forking its workers.
    """
    path = FACES["latin"].path(True)
    font = ImageFont.truetype(str(path), mark.size * scale, layout_engine=ImageFont.Layout.BASIC)
    left, top, right, bottom = font.getbbox(mark.text)
    with Image.new("RGBA", (right - left + 4, bottom - top + 4), (0, 0, 0, 0)) as layer:
        colour = ImageColor.getrgb(mark.colour)
        ImageDraw.Draw(layer).text(
            (2 - left, 2 - top), mark.text, font=font, fill=(*colour, round(255 * mark.opacity))
        )
        return layer.rotate(mark.angle, expand=True, resample=Image.Resampling.BICUBIC)


@lru_cache(maxsize=8)
def mark_png(mark: DraftMark) -> tuple[bytes, float, float]:
    """The mark as a PNG at MARK_DPI, with its size in points (width, height)."""
    scale = MARK_DPI / 72
    out = io.BytesIO()
    layer = mark_layer(mark, scale)
    layer.save(out, "PNG", compress_level=6)  # optimize=True costs 0.2 s for 5 KB
    return out.getvalue(), layer.width / scale, layer.height / scale
