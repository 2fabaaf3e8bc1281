"""Uploaded pictures: content checks, bombs, polyglots, metadata stripped, turned upright."""

from __future__ import annotations

import hashlib
import io
import time
import tracemalloc

import pytest
from PIL import Image

from storyboard.pictures.images import (
    MAX_BYTES,
    MAX_EDGE,
    ImageRejected,
    clean_image,
    is_stored_name,
)
from tests.fixtures.pictures import make


def reopen(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_no_metadata(data: bytes) -> None:
    image = reopen(data)
    assert len(image.getexif()) == 0
    assert b"Exif" not in data and b"SecretCam" not in data
    assert "icc_profile" not in image.info and "exif" not in image.info
    assert not {k for k in image.info if k not in ("jfif", "jfif_version", "jfif_unit",
                                                   "jfif_density", "dpi", "progressive",
                                                   "progression")}  # fmt: skip


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (make.photo(), "image/jpeg"),
        (make.photo(fmt="PNG"), "image/jpeg"),  # a photo without see-through parts: JPEG
        (make.photo(fmt="WEBP"), "image/jpeg"),
        (make.transparent_png(), "image/png"),
    ],
)
def test_accepts_jpeg_png_webp(data, media_type):
    clean = clean_image(data)
    assert clean.media_type == media_type
    assert clean.sha256 == hashlib.sha256(clean.data).hexdigest()
    assert clean.name == f"{clean.sha256}.{'png' if media_type == 'image/png' else 'jpg'}"
    assert reopen(clean.data).size == (clean.width, clean.height)
    assert_no_metadata(clean.data)


def test_transparency_is_kept_in_png():
    clean = clean_image(make.transparent_png())
    image = reopen(clean.data)
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0
    assert image.getpixel((20, 20)) == (200, 40, 40, 255)


def test_gps_and_camera_metadata_are_removed():
    original = make.gps_jpeg()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(make.GPS_IFD)  # it had a position
    clean = clean_image(original)
    assert_no_metadata(clean.data)
    assert b"family address here" not in clean.data


def test_png_text_and_colour_profile_are_removed():
    clean = clean_image(make.png_with_text())
    assert b"script" not in clean.data
    assert_no_metadata(clean.data)


def test_exif_rotation_is_applied():
    clean = clean_image(make.rotated_jpeg((60, 40), orientation=6))
    assert (clean.width, clean.height) == (40, 60)
    image = reopen(clean.data).convert("RGB")
    # The dark quarter was top-left; turned 90 degrees clockwise it is top-right.
    assert sum(image.getpixel((35, 5))) < 150
    assert sum(image.getpixel((5, 5))) > 300


def test_large_photo_is_shrunk_to_print_size():
    clean = clean_image(make.photo((5000, 2500), quality=70))
    assert (clean.width, clean.height) == (MAX_EDGE, MAX_EDGE // 2)


def test_png_named_jpg_and_jpeg_named_png_are_judged_by_content():
    # Names play no part: the content decides, and the stored name carries the right extension.
    assert clean_image(make.photo(fmt="PNG")).name.endswith(".jpg")
    assert clean_image(make.transparent_png()).name.endswith(".png")
    assert clean_image(make.photo(fmt="JPEG")).media_type == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (make.truncated_jpeg(), "damaged or incomplete"),
        (make.SVG_WITH_SCRIPT, "SVG"),
        (make.gif_html_polyglot(), "GIF"),
        (make.png_header_html_body(), "damaged"),
        (b"%PDF-1.7\n1 0 obj", "PDF"),
        (b"<!doctype html><html><body>hi</body></html>", "web page"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "HEIC"),
        (b"just some words", "not a picture"),
    ],
    ids=[
        "zero-byte",
        "truncated",
        "svg-script",
        "gif-html",
        "png-html",
        "pdf",
        "html",
        "heic",
        "text",
    ],  # fmt: skip
)
def test_refuses_with_a_specific_message(data, words):
    with pytest.raises(ImageRejected) as caught:
        clean_image(data)
    assert words in caught.value.message
    assert "JPEG" in caught.value.message or "photo" in caught.value.message


def test_jpeg_zip_polyglot_keeps_only_the_picture():
    """Decision: accept. Phones append data after a JPEG (motion photos), so trailing bytes are
    not refused; re-encoding from pixels drops them, so the stored copy is a JPEG and nothing
    else."""
    original = make.jpeg_zip_polyglot()
    assert b"PK\x03\x04" in original
    clean = clean_image(original)
    assert b"PK\x03\x04" not in clean.data and b"script" not in clean.data
    assert clean.data.endswith(b"\xff\xd9")


def test_too_many_bytes_refused_before_looking():
    with pytest.raises(ImageRejected, match="pictures up to 20 MB"):
        clean_image(b"\xff\xd8\xff" + b"\x00" * MAX_BYTES)


def test_animated_picture_refused():
    frames = [Image.new("RGB", (10, 10), c) for c in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:])
    with pytest.raises(ImageRejected, match="Moving pictures"):
        clean_image(out.getvalue())


def test_png_bomb_refused_fast_with_little_memory():
    bomb = make.png_bomb(30000)
    assert len(bomb) < 1_000_000
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ImageRejected, match="too big") as caught:
            clean_image(bomb)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "40 megapixels" in caught.value.message
    assert elapsed < 2
    assert peak < 50 * 1024 * 1024


def test_bomb_just_over_the_limit_is_refused_by_our_own_check():
    # 7000 x 7000 is under Pillow's hard limit but over ours: our header check names the size.
    with pytest.raises(ImageRejected, match="7000 x 7000"):
        clean_image(make.png_bomb(7000))


@pytest.mark.parametrize(
    "name", ["../x.jpg", "a" * 64 + ".svg", "A" * 64 + ".jpg", "a" * 63 + ".png", "/etc/passwd"]
)
def test_names_that_are_not_content_hashes_are_not_stored_names(name):
    assert not is_stored_name(name)
