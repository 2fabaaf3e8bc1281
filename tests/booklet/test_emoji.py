"""Emoji the family types appear, in colour, in every format: never a box, never gone."""

from __future__ import annotations

import io
import subprocess

import docx
from bs4 import BeautifulSoup
from PIL import Image

from storyboard.booklet import build_booklet, fonts
from storyboard.booklet.render import RENDERERS
from storyboard.story.storyfile import StoryFile, validate

WORDS = "Sam loves Biscuit 🐈 and pizza 🍕. Family 👨‍👩‍👧 hugs ❤️ 👍🏽"
EMOJI = ["🐈", "🍕", "👨‍👩‍👧", "❤️", "👍🏽"]


def storyfile() -> StoryFile:
    return StoryFile(validate({
        "format": "storyboard/1", "title": "Sam's story 🌈", "child": {"name": "Sam"},
        "status": "approved",
        "panels": [{"section": "family", "heading": "My family", "text": WORDS}],
    }))  # fmt: skip


def emoji_runs(booklet):  # noqa: ANN001, ANN201
    return [
        (page, block, line, run)
        for page in booklet.pages
        for block in page.blocks
        if block.kind == "text"
        for line in block.lines
        for run in line.runs
        if run.face == "emoji"
    ]


def colourful(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    """Whether a box holds coloured pixels (an OpenMoji picture, not black text or a box)."""
    rgb = image.convert("RGB").crop(box).tobytes()
    return any(max(rgb[i : i + 3]) - min(rgb[i : i + 3]) > 80 for i in range(0, len(rgb), 3))


def test_each_emoji_is_a_run_of_its_own_and_no_glyph_is_missing():
    booklet = build_booklet(storyfile())
    runs = [run.text for *_, run in emoji_runs(booklet)]
    assert runs == ["🌈", *EMOJI]
    assert fonts.missing_glyphs(booklet) == []


def test_png_pages_draw_each_emoji_in_colour_where_the_layout_puts_it():
    booklet = build_booklet(storyfile())
    pages = [Image.open(io.BytesIO(p)) for p in RENDERERS["png"](booklet, dpi=72)]
    for page, block, line, run in emoji_runs(booklet):
        box = (int(line.x + run.x), int(line.y), int(line.x + run.x + run.width),
               int(line.y + block.size * block.line_height))  # fmt: skip
        assert colourful(pages[page.number - 1], box), run.text


def test_the_pdf_draws_each_emoji_and_keeps_no_box_or_blank(tmp_path):
    booklet = build_booklet(storyfile())
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(RENDERERS["pdf"](booklet))
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(pdf), str(tmp_path / "p")], check=True)
    for page, block, line, run in emoji_runs(booklet):
        image = Image.open(sorted(tmp_path.glob("p-*.png"))[page.number - 1])
        box = (int(line.x + run.x), int(line.y), int(line.x + run.x + run.width),
               int(line.y + block.size * block.line_height))  # fmt: skip
        assert colourful(image, box), run.text
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "pizza" in text and "🍕" not in text  # a picture, not a glyph the font lacks


def test_html_and_word_show_each_emoji_as_a_picture():
    booklet = build_booklet(storyfile())
    soup = BeautifulSoup(RENDERERS["html"](booklet), "html.parser")
    pictures = soup.select("img.emoji")
    assert [img["alt"] for img in pictures] == ["🌈", *EMOJI]
    assert all(img["src"].startswith("data:image/svg+xml;base64,") for img in pictures)
    document = docx.Document(io.BytesIO(RENDERERS["docx"](booklet)))
    text = "".join(p.text for p in document.paragraphs)
    assert not any(e in text for e in EMOJI) and "pizza" in text
    described = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert all(e in described for e in EMOJI)


def test_typed_emoji_are_credited_to_openmoji_on_the_about_page():
    booklet = build_booklet(storyfile())
    assert "OpenMoji" in " ".join(booklet.pages[-1].words())
