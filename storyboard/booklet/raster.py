"""Scene rasters: each scene drawn once per size with resvg, cached, optionally over 2 processes."""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable

import resvg_py

from storyboard.booklet.fonts import FACES, face_for

_TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")
_CACHE_BYTES = 64 * 1024 * 1024  # a 60-page booklet of drawings stays cached, PNG and JPEG
_cache: OrderedDict[tuple[str, int, str], bytes] = OrderedDict()
_cache_size = 0


def pixels(width_pt: float, dpi: int) -> int:
    """Return the raster width in pixels of a picture `width_pt` points wide at the DPI."""
    return max(1, round(width_pt * dpi / 72))


def _fonts_for(svg: str) -> list[str]:
    """Return only the font files the scene's labels need: loading fonts dominates small scenes."""
    texts = _TEXT.findall(svg)
    if not texts:
        return []
    keys = {"latin"} | {face_for(t).key for t in texts}
    return [str(FACES[k].path(False)) for k in sorted(keys)]


def _draw(svg: str, width_px: int) -> bytes:
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg,
            width=int(width_px),
            font_files=_fonts_for(svg),
            skip_system_fonts=True,
            font_family=FACES["latin"].family,
            sans_serif_family=FACES["latin"].family,
        )
    )


def _flatten(png: bytes, background: str) -> bytes:
    """Flatten a scene onto the page colour as JPEG, which a PDF embeds without re-encoding."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as scene:
        flat = Image.new("RGB", scene.size, background)
        flat.paste(scene, (0, 0), scene.convert("RGBA"))
    buffer = io.BytesIO()
    flat.save(buffer, "JPEG", quality=92, subsampling=0)
    return buffer.getvalue()


def _key(svg: str, width_px: int, background: str) -> tuple[str, int, str]:
    return hashlib.sha256(svg.encode("utf-8")).hexdigest(), int(width_px), background


def _remember(key: tuple[str, int, str], data: bytes) -> bytes:
    global _cache_size
    if key not in _cache:
        _cache[key] = data
        _cache_size += len(data)
        while _cache_size > _CACHE_BYTES and len(_cache) > 1:
            _cache_size -= len(_cache.popitem(last=False)[1])
    return data


def scene_png(svg: str, width_px: int) -> bytes:
    """Rasterise a scene SVG to PNG bytes at a width (cached), with the booklet's fonts only."""
    key = _key(svg, width_px, "")
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    return _remember(key, _draw(svg, width_px))


def scene_jpeg(svg: str, width_px: int, background: str) -> bytes:
    """Return the scene flattened onto a page colour as JPEG bytes (cached)."""
    key = _key(svg, width_px, background)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    return _remember(key, _flatten(scene_png(svg, width_px), background))


def _job(job: tuple[str, int, str | None]) -> tuple[str, int, str | None, bytes, bytes | None]:
    svg, width_px, background = job
    png = _draw(svg, width_px)
    return svg, width_px, background, png, _flatten(png, background) if background else None


def start(
    jobs: Iterable[tuple[str, int]], *, jpeg_on: str | None = None, workers: int = 1
) -> Callable[[], None]:
    """Start rasterising scenes (in `workers` forked processes when it pays); return a wait().

    The caller can do other work until it calls wait(), which fills this process's cache.
    """
    todo = []
    for svg, width_px in dict.fromkeys(jobs):
        need_png = _key(svg, width_px, "") not in _cache
        need_jpeg = jpeg_on is not None and _key(svg, width_px, jpeg_on) not in _cache
        if need_png or need_jpeg:
            todo.append((svg, width_px, jpeg_on))
    workers = min(workers, os.cpu_count() or 1, len(todo) // 2)
    pool = None
    if workers >= 2:
        import multiprocessing

        # Big scenes first, so neither process is left with the slowest one at the end.
        todo.sort(key=lambda job: len(job[0]), reverse=True)
        pool = multiprocessing.get_context("fork").Pool(workers)
        results = pool.imap_unordered(_job, todo)
        pool.close()
    else:
        results = map(_job, todo)

    def wait() -> None:
        try:
            for svg, width_px, background, png, flat in results:
                _remember(_key(svg, width_px, ""), png)
                if flat is not None:
                    _remember(_key(svg, width_px, background), flat)
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()

    return wait


def prepare(
    jobs: Iterable[tuple[str, int]], *, jpeg_on: str | None = None, workers: int = 1
) -> None:
    """Rasterise scenes ahead of the renderers and wait until they are cached."""
    start(jobs, jpeg_on=jpeg_on, workers=workers)()
