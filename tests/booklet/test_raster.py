"""Scene rasters and PNG files: the same pixels however they are drawn, written or shared out."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import svg2png_py  # noqa: F401 - the `fast` extra: the lock installs it, so the test needs it
from PIL import Image, ImageChops

from storyboard.booklet import build_booklet, emoji, files, raster
from storyboard.booklet.pngfile import png_bytes
from storyboard.booklet.render import RENDERERS
from storyboard.story.storyfile import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def scenes(name: str) -> list[str]:
    booklet = build_booklet(read(FIXTURES / name))
    return [b.svg for page in booklet.pages for b in page.blocks if b.kind == "picture"]


@pytest.mark.parametrize("name", ["sam-12.json", "layla-ar.json"])
@pytest.mark.parametrize("width", [301, 302, 303, 1181])
def test_scenes_drawn_fast_have_the_pixels_resvg_py_draws(name, width):
    """svg2png-py and resvg-py (the fallback) size and draw scenes, labels included, alike."""
    for svg in [*scenes(name)[:4], emoji.svg("\N{HOUSE BUILDING}")]:
        fast = raster._draw(svg, width)
        portable = raster._draw_png(svg, width)
        assert fast.size == portable.size
        # The same coverage everywhere; colour at most one level apart where the edge of a
        # shape is see-through (straight colour is recovered from premultiplied pixels).
        alpha = ImageChops.difference(fast.getchannel("A"), portable.getchannel("A"))
        assert alpha.getbbox() is None
        for band in "RGB":
            difference = ImageChops.difference(fast.getchannel(band), portable.getchannel(band))
            assert difference.getextrema()[1] <= 1


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_png_files_keep_every_pixel_the_dpi_and_the_version(mode):
    image = Image.effect_noise((301, 170), 80).convert(mode)
    if mode == "RGBA":
        image.putalpha(Image.linear_gradient("L").resize(image.size))
    data = png_bytes(image, dpi=150, text={"storyboard-version": "abc123"})
    with Image.open(io.BytesIO(data)) as back:
        assert back.mode == mode
        assert back.tobytes() == image.tobytes()
        assert back.info["storyboard-version"] == "abc123"
        assert [round(d) for d in back.info["dpi"]] == [150, 150]


def test_png_pages_drawn_by_two_threads_are_the_pages_drawn_one_by_one():
    booklet = build_booklet(read(FIXTURES / "sam-12.json"))
    alone = list(RENDERERS["png"](booklet, dpi=40))
    assert list(RENDERERS["png"](booklet, dpi=40, threads=2)) == alone
    assert len(alone) == len(booklet.pages)


def undated(data: bytes) -> bytes | dict[str, bytes]:
    """A file without the times it was written at: a PDF's creation time and the ID fpdf2
    derives from it, a Word file's zip entry times (its parts are compared)."""
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    return re.sub(rb"/CreationDate \(D:\d+Z\)|/ID \[<\w+><\w+>\]", b"", data)


def test_files_written_by_two_processes_are_the_files_one_writes(tmp_path):
    booklet = build_booklet(read(FIXTURES / "sam-12.json"))
    written = {}
    for processes in (1, 2):
        out = tmp_path / str(processes)
        out.mkdir()
        todo = files.jobs(booklet, RENDERERS, out, "b", dpi=40, folded=False)
        files.run(todo, processes=processes)
        written[processes] = {p.name: undated(p.read_bytes()) for p in out.iterdir()}
    assert written[2] == written[1]
    pages = [name for name in written[1] if name.endswith(".png")]
    assert len(pages) == len(booklet.pages)
    assert {"b.html", "b.docx", "b.pdf"} <= set(written[1])
