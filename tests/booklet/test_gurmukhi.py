"""A Punjabi booklet prints Gurmukhi in every format, in Noto Sans Gurmukhi, left to right.

Each format is read back by another program: the PDF by pdftotext and pdffonts, the .docx as
a zip (its words, and the font embedded in it), the HTML by a parser, PNG pages by pixels.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
import zipfile

import docx
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image, ImageChops

from storyboard.booklet import build_booklet, scene
from storyboard.booklet.fonts import FACES, missing_glyphs
from storyboard.booklet.png import page_png
from storyboard.booklet.render import RENDERERS
from storyboard.story import storyfile
from tests.booklet.test_booklet_formats import FIXTURES
from tests.booklet.test_booklet_word_fonts import NS, R, deobfuscate

GURMUKHI = re.compile("[\u0a00-\u0a7f]")
HEADINGS = ("ਮੇਰਾ ਪਰਿਵਾਰ", "ਵੱਡਿਆਂ ਨੂੰ ਕਿਸ ਗੱਲ ਦੀ ਚਿੰਤਾ ਹੈ?", "ਸੁਰੱਖਿਆ ਦੀ ਯੋਜਨਾ")
DRAFT_WORD = "ਖਰੜਾ"  # the catalogue's "Draft", at the top of every page


@pytest.fixture(autouse=True)
def test_library(monkeypatch):
    monkeypatch.setattr(scene, "ILLUSTRATIONS_DIR", FIXTURES / "library")


@pytest.fixture(scope="module")
def booklet():
    return build_booklet(storyfile.read(FIXTURES / "sam-pa.json"))


def squeeze(text: str) -> str:
    """Text without white space: pdftotext puts a space after a vowel sign drawn before its
    consonant (ਿ), which is the reader's way with Indic scripts, not a missing letter."""
    return re.sub(r"\s+", "", text)


def test_the_booklet_reads_left_to_right_in_gurmukhi(booklet):
    assert booklet.language == "pa"
    assert booklet.direction == "ltr"
    assert "gurmukhi" in booklet.faces
    # The danda ("।") stays with the Gurmukhi words: no Devanagari face for a Punjabi booklet.
    assert "devanagari" not in booklet.faces
    assert missing_glyphs(booklet) == []
    faces = {r.face for p in booklet.pages for b in p.blocks for ln in getattr(b, "lines", [])
             for r in ln.runs if GURMUKHI.search(r.text)}  # fmt: skip
    assert faces == {"gurmukhi"}


def test_pdf_has_gurmukhi_text_in_noto_sans_gurmukhi(booklet, tmp_path):
    path = tmp_path / "pa.pdf"
    path.write_bytes(RENDERERS["pdf"](booklet))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    for heading in HEADINGS:
        assert squeeze(heading) in squeeze(text)
    assert all(DRAFT_WORD in page for page in pages if page.strip())
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "NotoSansGurmukhi" in fonts.stdout
    assert "NotoSansGurmukhiBold" in fonts.stdout  # the headings


def test_word_has_gurmukhi_words_and_embeds_noto_sans_gurmukhi(booklet):
    data = RENDERERS["docx"](booklet)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    for heading in HEADINGS:
        assert heading in text
    package = zipfile.ZipFile(io.BytesIO(data))
    body = etree.fromstring(package.read("word/document.xml"))
    # A run of Gurmukhi names Noto Sans Gurmukhi as its complex-script font.
    cs = {f.get(f"{{{NS['w']}}}cs") for f in body.iterfind(".//w:rFonts", NS)}
    assert "Noto Sans Gurmukhi" in cs
    table = etree.fromstring(package.read("word/fontTable.xml"))
    (entry,) = table.xpath("w:font[@w:name='Noto Sans Gurmukhi']", namespaces=NS)
    rels = etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    for tag, bold in (("embedRegular", False), ("embedBold", True)):
        (embed,) = entry.findall(f"w:{tag}", NS)
        hidden = package.read("word/" + targets[embed.get(f"{{{R}}}id")])
        font = deobfuscate(hidden, embed.get(f"{{{NS['w']}}}fontKey"))
        assert font == FACES["gurmukhi"].path(bold).read_bytes()


def test_html_has_gurmukhi_words_and_carries_the_font(booklet):
    page = BeautifulSoup(RENDERERS["html"](booklet), "html.parser")
    root = page.find("html")
    assert (root["lang"], root.get("dir", "ltr")) == ("pa", "ltr")
    headings = [b.get_text(" ", strip=True) for b in page.select(".block.heading")]
    assert set(HEADINGS) <= set(headings)
    styles = " ".join(s.get_text() for s in page.find_all("style"))
    assert re.search(r'font-family:\s*"Noto Sans Gurmukhi"', styles)


def _heading_pixels(words: str) -> Image.Image:
    """The family page's heading line, drawn on a PNG page with the heading changed."""
    doc = json.loads((FIXTURES / "sam-pa.json").read_text(encoding="utf-8"))
    doc["panels"][1]["heading"] = words
    story = storyfile.StoryFile(storyfile.validate(doc))
    changed = dataclasses.replace(build_booklet(story), mark=None)
    page = changed.pages[1]
    block = next(b for b in page.blocks if b.kind == "text" and words in b.paragraphs)
    line = block.lines[0]
    png = page_png(changed, page, dpi=100)
    scale = 100 / 72
    box = (int(line.x * scale), int(line.y * scale),
           int((line.x + line.width) * scale) + 1,
           int((line.y + block.size * block.line_height) * scale) + 1)  # fmt: skip
    return Image.open(io.BytesIO(png)).convert("L").crop(box)


def test_png_draws_gurmukhi_letters_not_boxes():
    # Missing glyphs draw one and the same box for every letter: two words of different
    # letters, the same length, would then give the same pixels.
    first, second = _heading_pixels("ਕਕਕ ਕਕਕ"), _heading_pixels("ਸਸਸ ਸਸਸ")
    assert first.getextrema()[0] < 100  # ink
    size = (min(first.width, second.width), min(first.height, second.height))
    diff = ImageChops.difference(first.crop((0, 0, *size)), second.crop((0, 0, *size)))
    assert sum(1 for v in diff.getdata() if v > 64) > 200


def _label_ink_width(label: str) -> int:
    """How wide a scene label's ink is, drawn as every format draws scenes."""
    from storyboard.booklet.raster import scene_image
    from storyboard.booklet.scene import FONT_STACK

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100">'
        '<rect width="400" height="100" fill="#fff"/><text x="20" y="70" '
        f'font-family="{FONT_STACK}" font-size="50">{label}</text></svg>'
    )
    image = scene_image(svg, 400).convert("L")
    box = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    return box[2] - box[0]


@pytest.mark.parametrize(("label", "without"), [("ਦਾਦੀ", "ਦਦੀ"), ("ਪਾਪਾ", "ਪਪਾ")])
def test_a_scene_label_keeps_its_vowel_signs(label, without):
    # The kanna (ਾ) takes room of its own: a label that lost it would be as narrow as without.
    assert _label_ink_width(label) > _label_ink_width(without) + 5
