"""Uploaded photos: check the content, turn upright, shrink, strip all metadata.

Pure: no Flask. `clean_image(data)` gives a `CleanImage` or raises `ImageRejected` with a
message a parent can read; the caller keeps the cleaned bytes under their SHA-256.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
import zlib
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about a 7700x5200 photo: more than any tablet camera takes
MAX_EDGE = 2400  # long edge kept: sharp at A4 300 dpi for a half-page picture
JPEG_QUALITY = 85

# Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; we check the header size
# ourselves first, and this lower limit also protects any other code in the process.
if Image.MAX_IMAGE_PIXELS is None or Image.MAX_IMAGE_PIXELS > MAX_PIXELS:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS

ACCEPTED = "JPEG, PNG or WebP"
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png"}
_STORED_NAME = re.compile(r"^[0-9a-f]{64}\.(jpg|png)$")
_DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    struct.error,
    zlib.error,
    Image.DecompressionBombError,
)


class ImageRejected(ValueError):
    """An upload we will not keep; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded picture with no metadata, ready to store under `name`."""

    data: bytes
    media_type: str
    width: int
    height: int
    sha256: str

    @property
    def extension(self) -> str:
        """The file extension for the media type: jpg or png."""
        return EXTENSIONS[self.media_type]

    @property
    def name(self) -> str:
        """The stored file name: the content hash and the extension."""
        return f"{self.sha256}.{self.extension}"


def sniff(data: bytes) -> str:
    """Return JPEG, PNG or WEBP from the first bytes, or raise ImageRejected saying what it is."""
    if not data:
        raise ImageRejected("The file is empty (0 bytes). Please choose the photo again.")
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    raise ImageRejected(_what_it_is(data))


def _what_it_is(data: bytes) -> str:
    """A specific refusal for the common wrong kinds of file."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data.startswith((b"GIF87a", b"GIF89a")):
        kind = "a GIF"
    elif data.startswith(b"%PDF"):
        kind = "a PDF document"
    elif head.startswith((b"<?xml", b"<svg")) or b"<svg" in head:
        kind = "an SVG drawing (SVG files can carry scripts, so we do not take them)"
    elif head.startswith((b"<!doctype", b"<html", b"<")):
        kind = "a web page or text, not a picture"
    elif data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        kind = "a HEIC photo (set the camera to 'Most compatible', or share it as JPEG)"
    elif data.startswith(b"PK\x03\x04"):
        kind = "a zip file or document"
    else:
        kind = "not a picture we can read"
    return f"This file is {kind}. Please choose a {ACCEPTED} picture."


def too_large_message(size: int, limit: int) -> str:
    """The message for a picture over `limit` bytes, in megabytes, saying what to do."""
    return (
        f"This picture is {megabytes(size)} MB; pictures up to {megabytes(limit)} MB can be "
        "used. Choose a smaller photo, or a screenshot of it."
    )


def megabytes(size: int) -> str:
    """A size in whole megabytes (rounded up, so a limit is never understated)."""
    return str(-(-size // (1024 * 1024)))


def clean_image(data: bytes, max_width: int = MAX_EDGE, max_bytes: int = MAX_BYTES) -> CleanImage:
    """Check, turn upright, shrink and re-encode an upload without any metadata.

    `max_width` shrinks it further, to the width it prints at (the booklet's door);
    `max_bytes` is the upload limit (the MAX_CONTENT_LENGTH setting, from the web layer).
    """
    if len(data) > max_bytes:
        raise ImageRejected(too_large_message(len(data), max_bytes))
    expected = sniff(data)
    with warnings.catch_warnings():
        # Our own size check below names the size; Pillow's warning would only repeat it.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            # Lazy: reads the header only. Pillow itself refuses sizes far over the limit.
            image = Image.open(io.BytesIO(data), formats=[expected])
        except Image.DecompressionBombError:
            raise ImageRejected(_too_big()) from None
        except _DECODE_ERRORS:
            raise ImageRejected(_damaged(expected)) from None
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with image:
            if image.format != expected:
                raise ImageRejected(_damaged(expected))
            width, height = image.size
            if width < 1 or height < 1 or width * height > MAX_PIXELS:
                raise ImageRejected(_too_big(width, height))
            if getattr(image, "n_frames", 1) > 1:
                raise ImageRejected("Moving pictures cannot be used. Please choose a photo.")
            try:
                picture = _decode(image, min(max_width, MAX_EDGE))
            except _DECODE_ERRORS + (Image.DecompressionBombWarning,):
                raise ImageRejected(_damaged(expected)) from None
    return _encode(picture)


def _too_big(width: int | None = None, height: int | None = None) -> str:
    size = f" ({width} x {height} pixels)" if width else ""
    return (
        f"The picture is too big{size}. Pictures up to {MAX_PIXELS // 1_000_000} megapixels "
        "can be used: try a smaller photo or a screenshot of it."
    )


def _damaged(kind: str) -> str:
    name = {"WEBP": "WebP"}.get(kind, kind)
    return (
        f"This {name} file is damaged or incomplete, so it cannot be used. "
        "Try taking or saving the photo again."
    )


def _decode(image: Image.Image, max_width: int = MAX_EDGE) -> Image.Image:
    """Decode the pixels (JPEG at a reduced scale when large), upright, sRGB, small enough."""
    if image.format == "JPEG":
        image.draft("RGB", (MAX_EDGE, MAX_EDGE))
    image.load()
    icc = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    if icc and upright.mode in ("RGB", "RGBA", "CMYK", "L"):
        upright = _to_srgb(upright, icc)
    if upright.mode not in ("RGB", "RGBA"):
        has_alpha = upright.mode in ("LA", "PA", "RGBa", "La") or (
            upright.mode == "P" and "transparency" in upright.info
        )
        upright = upright.convert("RGBA" if has_alpha else "RGB")
    if max(upright.size) > MAX_EDGE or upright.width > max_width:
        upright.thumbnail((max_width, MAX_EDGE), Image.Resampling.LANCZOS)
    return upright


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    """Convert from an embedded colour profile to sRGB, since the profile is not kept."""
    mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        srgb = ImageCms.createProfile("sRGB")
        return ImageCms.profileToProfile(image, source, srgb, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an odd profile: keep the pixels as they are


def _encode(image: Image.Image) -> CleanImage:
    """Re-encode from pixels only: a fresh image carries no EXIF, XMP, ICC or text chunks."""
    transparent = image.mode == "RGBA" and image.getchannel("A").getextrema()[0] < 255
    fresh = Image.new("RGBA" if transparent else "RGB", image.size)
    fresh.paste(image.convert(fresh.mode))
    out = io.BytesIO()
    if transparent:
        fresh.save(out, "PNG", optimize=True)
        media_type = "image/png"
    else:
        fresh.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        media_type = "image/jpeg"
    data = out.getvalue()
    return CleanImage(
        data=data,
        media_type=media_type,
        width=fresh.width,
        height=fresh.height,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def is_stored_name(name: str) -> bool:
    """True for names we store: 64 hex digits and jpg or png (never a path)."""
    return bool(_STORED_NAME.match(name))

