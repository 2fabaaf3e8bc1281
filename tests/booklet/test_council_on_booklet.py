"""The council's name and logo print on the About page only when given (the worker chose
them), in every format; never on the minimal version; never on a page the child reads."""

from __future__ import annotations

import io
import subprocess
import zipfile

import docx
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from storyboard.booklet import Council, build_booklet
from storyboard.booklet.render import RENDERERS
from storyboard.story.storyfile import StoryFile, validate

NAME = "Northshire County Council"
RED = (200, 0, 0)


def logo(width: int = 300, height: int = 100) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), RED).save(out, "PNG")
    return out.getvalue()


COUNCIL = Council(NAME, logo(), 300, 100)


def story(minimal: bool = False) -> StoryFile:
    doc = validate({
        "format": "storyboard/1", "title": "Sam's story", "child": {"name": "Sam"},
        "minimal": minimal, "status": "approved",
        "panels": [
            {"section": "title", "heading": "Sam's story", "text": "By Sam and Mum."},
            {"section": "family", "heading": "My family", "text": "Sam lives with Mum."},
            {"section": "talk-to", "heading": "Who I can talk to", "text": "Mum and Nan."},
        ],
    })  # fmt: skip
    return StoryFile(doc)


def red_pixels(png: bytes) -> int:
    red, green, blue = Image.open(io.BytesIO(png)).convert("RGB").split()
    near = Image.eval(red, lambda v: 255 if abs(v - 200) < 12 else 0)
    dark = [Image.eval(c, lambda v: 255 if v < 20 else 0) for c in (green, blue)]
    from PIL import ImageChops

    both = ImageChops.multiply(ImageChops.multiply(near, dark[0]), dark[1])
    return both.histogram()[255]


def test_the_model_carries_the_council_on_the_about_page_only():
    booklet = build_booklet(story(), council=COUNCIL)
    assert booklet.council == COUNCIL
    about = booklet.pages[-1]
    assert about.role == "about"
    assert NAME in " ".join(about.words())
    logos = [b for b in about.blocks if b.kind == "picture"]
    assert len(logos) == 1 and logos[0].alt == f"{NAME} logo"
    assert logos[0].width / logos[0].height == pytest.approx(3, rel=0.01)
    for page in booklet.pages[:-1]:  # the child's pages never name the council
        assert "Northshire" not in " ".join(page.words())


def test_no_council_unless_given_and_never_on_the_minimal_version():
    for booklet in (build_booklet(story()), build_booklet(story(minimal=True), council=COUNCIL)):
        assert booklet.council is None
        assert "Northshire" not in " ".join(w for p in booklet.pages for w in p.words())


def test_html_shows_the_name_and_the_logo():
    for council, expected in ((COUNCIL, True), (None, False)):
        html = RENDERERS["html"](build_booklet(story(), council=council)).decode("utf-8")
        about = BeautifulSoup(html, "html.parser").select(".page")[-1]
        assert (NAME in about.get_text(" ")) is expected
        assert (
            bool(about.select('svg[aria-label="Northshire County Council logo"] image')) is expected
        )


def test_word_shows_the_name_and_the_logo():
    for council, expected in ((COUNCIL, True), (None, False)):
        document = docx.Document(
            io.BytesIO(RENDERERS["docx"](build_booklet(story(), council=council)))
        )
        assert any(NAME in p.text for p in document.paragraphs) is expected
        described = [
            d.get("descr") for d in document.element.body.iter()
            if d.tag.endswith("}docPr")
        ]  # fmt: skip
        assert (f"{NAME} logo" in described) is expected
        with zipfile.ZipFile(
            io.BytesIO(RENDERERS["docx"](build_booklet(story(), council=council)))
        ) as z:
            media = [n for n in z.namelist() if n.startswith("word/media/")]
            assert any(red_pixels(z.read(n)) > 500 for n in media) is expected


def test_pdf_shows_the_name_and_the_logo(tmp_path):
    for council, expected in ((COUNCIL, True), (None, False)):
        path = tmp_path / "b.pdf"
        path.write_bytes(RENDERERS["pdf"](build_booklet(story(), council=council), dpi=72))
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        assert (NAME in " ".join(text.split())) is expected
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "4", "-l", "4", str(path),
                        str(tmp_path / "about")], check=True)  # fmt: skip
        page = next(tmp_path.glob("about*.png"))
        assert (red_pixels(page.read_bytes()) > 50) is expected
        page.unlink()


def test_png_about_page_shows_the_logo():
    for council, expected in ((COUNCIL, True), (None, False)):
        pages = list(RENDERERS["png"](build_booklet(story(), council=council), dpi=50))
        assert (red_pixels(pages[-1]) > 100) is expected
        assert all(red_pixels(page) == 0 for page in pages[:-1])
