"""A cream page is cream in every format, Word included."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
from docx.oxml.ns import qn
from PIL import Image

from storyboard.booklet import build_booklet
from storyboard.booklet.render import RENDERERS
from storyboard.story.storyfile import StoryFile, validate

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sam-12.json"


def test_cream_page_in_word_and_png():
    document = validate(json.loads(FIXTURE.read_text(encoding="utf-8")))
    booklet = build_booklet(StoryFile(document=document, images={}), page_colour="cream")
    word = docx.Document(io.BytesIO(RENDERERS["docx"](booklet)))
    background = word.element.find(qn("w:background"))
    assert background is not None
    assert "#" + background.get(qn("w:color")).lower() == booklet.page_colour.lower()
    settings = [child.tag for child in word.settings.element]
    # Where the schema puts it: Word may refuse a part whose elements are out of order.
    assert settings.index(qn("w:zoom")) < settings.index(qn("w:displayBackgroundShape"))
    assert settings.index(qn("w:displayBackgroundShape")) < settings.index(qn("w:proofState"))
    first = next(iter(RENDERERS["png"](booklet, dpi=30)))
    corner = Image.open(io.BytesIO(first)).convert("RGB").getpixel((2, 2))
    assert "#{:02x}{:02x}{:02x}".format(*corner) == booklet.page_colour.lower()


def test_white_page_has_no_word_background():
    document = validate(json.loads(FIXTURE.read_text(encoding="utf-8")))
    booklet = build_booklet(StoryFile(document=document, images={}))
    word = docx.Document(io.BytesIO(RENDERERS["docx"](booklet)))
    assert word.element.find(qn("w:background")) is None
