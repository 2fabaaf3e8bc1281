"""Scene rasters: each scene drawn once per size, kept as pixels, encoded as each format needs.

Drawn by resvg with the booklet's fonts only. With svg2png-py (the `fast` extra) resvg draws
straight into memory; without it, resvg-py draws a PNG file that is read back, which takes five
times as long (most of it writing and reading the PNG). Both draw the same pixels
(`tests/booklet/test_raster.py`). PNG pages paste the pixels, Word takes a PNG of them and PDF
a JPEG on the page colour: each made from one drawing, and kept for the next page or format.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import struct
import threading
from collections import OrderedDict
from functools import cache

from PIL import Image

from storyboard.booklet.fonts import FACES, face_for
from storyboard.booklet.pngfile import PICTURE_LEVEL, png_bytes

try:  # the `fast` extra; not built for every platform
    import svg2png_py
except ImportError:  # pragma: no cover - depends on the installation
    svg2png_py = None

_TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")
_ROOT = re.compile(r"<svg\b[^>]*>")
_ATTRIBUTE = r'\s{}\s*=\s*"([^"]*)"'
_NUMBER = re.compile(r"\s*([\d.]+)\s*(?:px)?\s*")
_IMAGE_BYTES = 16 * 1024 * 1024  # pixels of a few scenes: cheap to draw again
_FILE_BYTES = 64 * 1024 * 1024  # PNG and JPEG of a 60-page booklet of drawings
_lock = threading.Lock()
_images: OrderedDict[tuple[str, int], Image.Image] = OrderedDict()
_files: OrderedDict[tuple[str, int, str], bytes] = OrderedDict()
_sizes = {"images": 0, "files": 0}


def pixels(width_pt: float, dpi: int) -> int:
    """Return the raster width in pixels of a picture `width_pt` points wide at the DPI."""
    return max(1, round(width_pt * dpi / 72))


def _fonts_for(svg: str) -> tuple[str, ...]:
    """Return only the font files the scene's labels need: loading fonts dominates small scenes."""
    texts = _TEXT.findall(svg)
    if not texts:
        return ()
    keys = {"latin"} | {face_for(t).key for t in texts}
    return tuple(str(FACES[k].path(False)) for k in sorted(keys))


def _f32(value: float) -> float:
    return struct.unpack("f", struct.pack("f", value))[0]


def _fit_width(svg: str, width_px: int) -> str | None:
    """The SVG sized to `width_px` as resvg-py's `width=` sizes it, or None if unsure how.

    resvg-py scales the picture's own size (a view box as large as its width and height) by
    width_px / width across and ceil(width_px * height / width) / height down; a root sized in
    pixels with preserveAspectRatio="none" makes resvg do exactly that.
    """
    root = _ROOT.search(svg)
    if root is None:
        return None
    tag = root.group(0)
    box = re.search(_ATTRIBUTE.format("viewBox"), tag)
    if box is None or re.search(_ATTRIBUTE.format("preserveAspectRatio"), tag):
        return None
    try:
        _, _, box_w, box_h = (float(v) for v in box.group(1).replace(",", " ").split())
    except ValueError:
        return None
    for name, along in (("width", box_w), ("height", box_h)):
        given = re.search(_ATTRIBUTE.format(name), tag)
        number = _NUMBER.fullmatch(given.group(1)) if given else None
        if given and (number is None or float(number.group(1)) != along):
            return None  # a size other than the view box's: let resvg-py scale it
    if box_w <= 0 or box_h <= 0 or box_w != int(box_w) or box_h != int(box_h):
        return None
    # tiny-skia's IntSize::scale_to_width, in single precision.
    height_px = math.ceil(_f32(_f32(width_px * box_h) / box_w))
    bare = re.sub(r'\s(?:width|height)\s*=\s*"[^"]*"', "", tag)
    sized = bare.replace(
        "<svg", f'<svg width="{width_px}" height="{height_px}" preserveAspectRatio="none"', 1
    )
    return svg[: root.start()] + sized + svg[root.end() :]


@cache
def _font_db(files: tuple[str, ...]):  # noqa: ANN202 (svg2png_py is optional)
    db = svg2png_py.FontDatabase()
    for path in files:
        db.load_font_file(path)
    return db


@cache
def _options():  # noqa: ANN202
    return svg2png_py.RenderOptions(font_family=FACES["latin"].family)


# svg2png-py 1.1 drops vowel signs of these scripts from labels (ਦਾਦੀ drawn as ਦਦੀ, दादी
# mangled too); resvg-py shapes them right, so their scenes are drawn with it.
_MISSHAPED = frozenset({"devanagari", "bengali", "gurmukhi"})


def _svg2png_draws_right(svg: str) -> bool:
    return not any(face_for(t).key in _MISSHAPED for t in _TEXT.findall(svg))


def _draw(svg: str, width_px: int) -> Image.Image:
    """Rasterise a scene SVG at a width to an RGBA image."""
    fast = svg2png_py is not None and _svg2png_draws_right(svg)
    sized = _fit_width(svg, width_px) if fast else None
    if sized is not None:
        data, width, height = svg2png_py.svg_to_rgba(
            sized, _font_db(_fonts_for(svg)), options=_options()
        )
        premultiplied = Image.frombuffer("RGBa", (width, height), data, "raw", "RGBa", 0, 1)
        return premultiplied.convert("RGBA")
    return _draw_png(svg, width_px)


def _draw_png(svg: str, width_px: int) -> Image.Image:
    """Rasterise with resvg-py, which only writes PNG files: kept, as reading one back is
    cheaper than drawing it again when the pixels were let go."""
    key = (_digest(svg), int(width_px), "resvg-py")
    png = _found(_files, key)
    if png is None:
        import resvg_py

        png = bytes(
            resvg_py.svg_to_bytes(
                svg_string=svg,
                width=int(width_px),
                font_files=list(_fonts_for(svg)),
                skip_system_fonts=True,
                font_family=FACES["latin"].family,
                sans_serif_family=FACES["latin"].family,
            )
        )
        _keep(_files, "files", _FILE_BYTES, key, png, len(png))
    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGBA")


def _keep(cache: OrderedDict, kind: str, budget: int, key: tuple, value, size: int) -> None:
    with _lock:
        if key in cache:
            return
        cache[key] = value
        _sizes[kind] += size
        while _sizes[kind] > budget and len(cache) > 1:
            _, old = cache.popitem(last=False)
            _sizes[kind] -= _size(old)


def _size(value: Image.Image | bytes) -> int:
    return len(value) if isinstance(value, bytes) else value.width * value.height * 4


def _found(cache: OrderedDict, key: tuple):  # noqa: ANN202
    with _lock:
        value = cache.get(key)
        if value is not None:
            cache.move_to_end(key)
        return value


def _digest(svg: str) -> str:
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()


def scene_image(svg: str, width_px: int) -> Image.Image:
    """The scene drawn at a width as an RGBA image (kept): read it, never change or close it."""
    key = (_digest(svg), int(width_px))
    image = _found(_images, key)
    if image is None:
        image = _draw(svg, int(width_px))
        _keep(_images, "images", _IMAGE_BYTES, key, image, _size(image))
    return image


def _file(svg: str, width_px: int, kind: str, make) -> bytes:  # noqa: ANN001
    key = (_digest(svg), int(width_px), kind)
    data = _found(_files, key)
    if data is None:
        data = make(scene_image(svg, width_px))
        _keep(_files, "files", _FILE_BYTES, key, data, len(data))
    return data


def scene_png(svg: str, width_px: int) -> bytes:
    """The scene at a width as PNG bytes, transparent around its rounded frame (kept)."""
    return _file(svg, width_px, "png", lambda image: png_bytes(image, level=PICTURE_LEVEL))


def scene_jpeg(svg: str, width_px: int, background: str) -> bytes:
    """The scene flattened onto a page colour as JPEG bytes, which a PDF embeds as they are."""

    def flatten(image: Image.Image) -> bytes:
        flat = Image.new("RGB", image.size, background)
        flat.paste(image, (0, 0), image)
        buffer = io.BytesIO()
        flat.save(buffer, "JPEG", quality=92, subsampling=0)
        return buffer.getvalue()

    return _file(svg, width_px, f"jpeg {background}", flatten)
