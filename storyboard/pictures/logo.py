"""A council's logo: a PNG re-encoded from its pixels, or an SVG checked and drawn to PNG.

Pure: no Flask. `clean_logo(data)` gives a `CleanLogo` (always PNG, no metadata) or raises
`ImageRejected` with a message an administrator can act on. An uploaded SVG is never kept or
served as SVG: anything that could run or fetch (scripts, event attributes, foreign objects,
links to other files or sites, entities) is refused, then resvg draws it to pixels here.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import struct
import warnings
import zlib
from dataclasses import dataclass

from lxml import etree
from PIL import Image

from storyboard.core.paths import FONTS_DIR
from storyboard.pictures.images import MAX_PIXELS, ImageRejected, megabytes

MAX_BYTES = 1024 * 1024  # a logo is small; 1 MB holds any sensible PNG or SVG
MAX_EDGE = 800  # pixels kept on the long edge: sharp on a page header and a printed booklet
ACCEPTED = "PNG or SVG"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Elements that run code, embed documents or pull in other content: never drawn.
_REFUSED_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_EMBEDDED = re.compile(r"^data:image/(png|jpeg);base64,", re.IGNORECASE)
# Pictures carried inside an SVG logo, in all: resvg decodes them with no limit of its own.
MAX_EMBEDDED_PIXELS = 4_000_000
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, zlib.error)


@dataclass(frozen=True)
class CleanLogo:
    """A logo as PNG bytes made from pixels only, with its size in pixels."""

    data: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        """The SHA-256 of the PNG bytes (its name in the blob store)."""
        return hashlib.sha256(self.data).hexdigest()


def clean_logo(data: bytes, max_bytes: int = MAX_BYTES) -> CleanLogo:
    """Check a PNG or SVG upload and return it as a clean PNG, or raise ImageRejected."""
    if not data:
        raise ImageRejected("The file is empty (0 bytes). Please choose the logo again.")
    if len(data) > max_bytes:
        raise ImageRejected(
            f"This file is {megabytes(len(data))} MB; a logo may be up to "
            f"{megabytes(max_bytes)} MB. Save a smaller PNG, or use the SVG version."
        )
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _from_png(data)
    if _looks_like_svg(data):
        return _from_svg(data)
    raise ImageRejected(f"This file is {_what_it_is(data)}. Please choose a {ACCEPTED} logo.")


def _what_it_is(data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        return "a JPEG photo (a logo must be PNG or SVG, which keep sharp edges)"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "a GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP picture"
    if data.startswith(b"%PDF"):
        return "a PDF document"
    if data.startswith(b"PK\x03\x04"):
        return "a zip file or document"
    return "not a picture we can read"


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<svg" in data[:4096].lower()


def _from_png(data: bytes) -> CleanLogo:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
                width, height = image.size
                if width < 1 or height < 1 or width * height > MAX_PIXELS:
                    raise ImageRejected(_too_big(width, height))
                if getattr(image, "n_frames", 1) > 1:
                    raise ImageRejected("Moving pictures cannot be a logo. Save it as one PNG.")
                image.load()
                pixels = image.convert("RGBA")
        except ImageRejected:
            raise
        except (*_DECODE_ERRORS, Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRejected(
                "This PNG file is damaged or incomplete, so it cannot be used. Save it again."
            ) from None
    return _encode(pixels)


def _too_big(width: int, height: int) -> str:
    return (
        f"The logo is too big ({width} x {height} pixels). Save it at a smaller size, "
        f"at most {MAX_EDGE * 4} pixels across."
    )


def check_svg(data: bytes) -> str:
    """The SVG's text if nothing in it can run or fetch anything; else ImageRejected saying what."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise ImageRejected(
            "This SVG file is damaged or incomplete (it is not well-formed XML). Save it again "
            "from your drawing program, or use a PNG."
        ) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ImageRejected(_svg_refused("declares a DOCTYPE or entities"))
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ImageRejected(_svg_refused("is not an SVG drawing at its top"))
    embedded = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            if isinstance(element, etree._Entity):
                raise ImageRejected(_svg_refused("uses entities"))
            continue  # comments and processing instructions are never drawn
        name = etree.QName(element).localname.lower()
        if name in _REFUSED_ELEMENTS:
            raise ImageRejected(_svg_refused(f"contains a <{etree.QName(element).localname}>"))
        if name == "style" and _outside_refs(element.text or ""):
            raise ImageRejected(_svg_refused("has a style that loads other files"))
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname.lower()
            if local.startswith("on"):
                raise ImageRejected(_svg_refused(f"has an event attribute ({local})"))
            if local == "href" and not _safe_href(value):
                raise ImageRejected(_svg_refused("links to another file or site"))
            if local == "href" and _EMBEDDED.match(value.strip()):
                embedded += _embedded_pixels(value.strip())
                if embedded > MAX_EMBEDDED_PIXELS:
                    raise ImageRejected(_svg_refused("carries pictures too large for a logo"))
            if _outside_refs(value):
                raise ImageRejected(_svg_refused("refers to another file or site"))
    return etree.tostring(root, encoding="unicode")


def _safe_href(value: str) -> bool:
    """Only a part of this drawing (#id) or a PNG or JPEG carried inside it."""
    value = value.strip()
    return value.startswith("#") or bool(_EMBEDDED.match(value))


def _embedded_pixels(value: str) -> int:
    """The pixels of a PNG or JPEG carried in a data: address, read from its header only."""
    try:
        data = base64.b64decode(value.split(",", 1)[1], validate=False)
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as image:
            width, height = image.size
    except (*_DECODE_ERRORS, Image.DecompressionBombError) as error:
        raise ImageRejected(_svg_refused("carries a picture that cannot be read")) from error
    return width * height


def _outside_refs(text: str) -> bool:
    lowered = text.lower()
    if "@import" in lowered:
        return True
    return any(not ref.startswith("#") for ref in _URL.findall(text))


def _svg_refused(why: str) -> str:
    return (
        f"This SVG {why}, so it cannot be used: an SVG logo must be a plain drawing. Export "
        "it again as plain SVG, or use a PNG."
    )


def _from_svg(data: bytes) -> CleanLogo:
    import resvg_py

    text = check_svg(data)
    _check_shape(text)
    try:
        # Words in the logo are drawn with our own fonts (Andika, Noto Sans), the same on
        # every server; a logo made with another font shows it close enough, or as paths.
        png = bytes(
            resvg_py.svg_to_bytes(
                svg_string=text,
                width=MAX_EDGE,
                font_dirs=[str(FONTS_DIR)],
                skip_system_fonts=True,
                font_family="Andika",
                sans_serif_family="Andika",
                serif_family="Andika",
            )
        )
        with Image.open(io.BytesIO(png), formats=["PNG"]) as image:
            image.load()
            pixels = image.convert("RGBA")
    except Exception:  # resvg's errors have no common class: any of them means "cannot draw"
        raise ImageRejected(
            "This SVG could not be drawn (it may have no size or no visible shapes). Save it "
            "again from your drawing program, or use a PNG."
        ) from None
    if pixels.getchannel("A").getextrema()[1] == 0:
        raise ImageRejected("This SVG draws nothing visible. Please choose the logo file again.")
    return _encode(pixels)


_NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")
MAX_ASPECT = 12  # a logo wider (or taller) than this is a banner: it would draw as a thin line


def _check_shape(text: str) -> None:
    """Refuse a drawing so long and thin that it could not be seen (or would be huge drawn)."""
    root = etree.fromstring(text.encode("utf-8"))
    size = None
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            size = float(box[2]), float(box[3])
        except ValueError:
            size = None
    if size is None:
        width, height = (_NUMBER.match(root.get(name) or "") for name in ("width", "height"))
        if width and height:
            size = float(width.group(1)), float(height.group(1))
    if size is None:
        return  # resvg draws it at its default size, 100 x 100
    width, height = size
    if width <= 0 or height <= 0 or max(width / height, height / width) > MAX_ASPECT:
        raise ImageRejected(
            "This SVG has no sensible size (its width or height is zero, or it is a very long "
            "thin strip). Save the logo again with its own size, or use a PNG."
        )


def _encode(image: Image.Image) -> CleanLogo:
    """PNG from pixels only: a fresh image carries no EXIF, XMP, ICC or text chunks."""
    if max(image.size) > MAX_EDGE:
        image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    fresh = Image.new("RGBA", image.size)
    fresh.paste(image)
    out = io.BytesIO()
    fresh.save(out, "PNG", optimize=True)
    return CleanLogo(out.getvalue(), fresh.width, fresh.height)


def data_uri(png: bytes) -> str:
    """The PNG as a data: address (for a booklet, which carries its pictures inside it)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
