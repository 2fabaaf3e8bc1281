"""Each renderer draws the one layout: Word, PNG, HTML, PDF, right-to-left, fonts, CLI."""

import io
import json
import re
import subprocess
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from PIL import Image

from storyboard.booklet import build_booklet, fonts, scene
from storyboard.booklet.commands import render_command, validate_command
from storyboard.booklet.pdf import fold_order
from storyboard.booklet.render import RENDERERS
from storyboard.story import storyfile

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(autouse=True)
def test_library(monkeypatch):
    monkeypatch.setattr(scene, "ILLUSTRATIONS_DIR", FIXTURES / "library")


@pytest.fixture(scope="module")
def sam():
    return storyfile.read(FIXTURES / "sam-12.json")


@pytest.fixture(scope="module")
def layla():
    return storyfile.read(FIXTURES / "layla-ar.json")


def printed_panels(sf):
    return [p for p in sf.document["panels"] if not p.get("skipped")]


def test_title_first_the_childs_pages_then_an_about_page_with_the_small_print(sam):
    booklet = build_booklet(sam)
    assert len(booklet.pages) == 13
    assert booklet.pages[0].role == "title" and "Sam's" in booklet.pages[0].words()
    about = " ".join(booklet.pages[-1].words())
    assert booklet.pages[-1].role == "about" and "About this booklet" in about
    assert "OpenMoji" in about and booklet.version in about and "Andika" in about
    talk = " ".join(booklet.pages[-2].words())
    assert booklet.pages[-2].role == "end" and "talk" in talk
    # No licence, font or version on any page the child reads.
    for page in booklet.pages[:-1]:
        words = " ".join(page.words())
        assert "OpenMoji" not in words and "Andika" not in words
        assert booklet.version not in words
    assert all("Draft" in p.words() for p in booklet.pages)
    assert not booklet.problems


def test_fonts_cover_every_character(sam, layla):
    for sf in (sam, layla):
        assert fonts.missing_glyphs(build_booklet(sf)) == []


def test_missing_glyphs_names_page_face_and_character(sam):
    doc = json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))
    doc["panels"][2]["text"] += " \u2c80"  # Coptic: no booklet font has it
    booklet = build_booklet(storyfile.StoryFile(storyfile.validate(doc), {}))
    assert fonts.missing_glyphs(booklet) == [(3, "latin", "\u2c80")]


def test_body_type_is_large_for_young_children(sam):
    booklet = build_booklet(sam)
    assert booklet.body_size >= 18
    sizes = [
        b.size for p in booklet.pages for b in p.blocks if b.kind == "text" and b.role == "body"
    ]
    assert min(sizes) >= 18
    assert all(b.line_height >= 1.3 for p in booklet.pages for b in p.blocks if b.kind == "text")


def test_docx_text_pictures_alt_and_page_size(sam):
    booklet = build_booklet(sam)
    document = docx.Document(io.BytesIO(RENDERERS["docx"](booklet)))
    section = document.sections[0]
    assert abs(section.page_width.pt - 595.28) < 1 and abs(section.page_height.pt - 841.89) < 1
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for c in t._cells)
    body = "\n".join(p.text for p in document.paragraphs)
    position = 0
    for panel in printed_panels(sam):
        for line in [s for s in panel["text"].split("\n") if s.strip()]:
            found = body.find(line, position)
            assert found >= 0, "panel text missing or out of order"
            position = found
    assert "Sam needs breakfast every day to learn well." in text
    assert document.core_properties.keywords == f"storyboard-version:{booklet.version}"
    descr = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert len(descr) == sum(1 for p in booklet.pages for b in p.blocks if b.kind == "picture")
    assert "Biscuit the cat" in ", ".join(descr)
    fonts_used = {r.font.name for p in document.paragraphs for r in p.runs if r.text}
    assert fonts_used == {"Andika"}
    assert all(r.font.size.pt >= 9 for p in document.paragraphs for r in p.runs if r.text)


def test_png_pages_size_and_text_pixels(sam):
    booklet = build_booklet(sam)
    pages = list(RENDERERS["png"](booklet, dpi=72))
    assert len(pages) == 13
    assert Image.open(io.BytesIO(pages[-1])).text["storyboard-version"] == booklet.version
    first = Image.open(io.BytesIO(pages[1])).convert("L")
    assert first.size == (595, 842)
    heading = next(b for b in booklet.pages[1].blocks if b.role == "heading")
    line = heading.lines[0]
    inside = first.crop(
        (int(line.x), int(line.y), int(line.x + line.width), int(line.y + heading.size * 1.4))
    )
    assert inside.getextrema()[0] < 80, "dark text pixels where the layout puts the heading"
    below = first.crop((60, 800, 535, 830))
    assert below.getextrema()[0] > 240, "nothing drawn in the empty bottom margin"


def test_html_escapes_and_embeds_everything(sam):
    doc = json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))
    doc["panels"][1]["text"] = "<script>alert(1)</script> & more"
    doc["panels"][1]["pictures"][0]["label"] = "<script>x</script>"
    sf = storyfile.StoryFile(storyfile.validate(doc), {})
    html = RENDERERS["html"](build_booklet(sf)).decode("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("script")
    assert "<script>alert(1)</script>" in soup.get_text()
    assert not re.search(r"""(?:src|href)=(?!["']?(?:data:|#))""", html)
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    assert len(soup.select("section.page")) == 13
    assert "@font-face" in html and "data:font/ttf;base64," in html


def test_pdf_has_real_text(sam, tmp_path):
    booklet = build_booklet(sam)
    path = tmp_path / "b.pdf"
    path.write_bytes(RENDERERS["pdf"](booklet))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    for panel in printed_panels(sam):
        for word in panel["text"].split():
            assert word in text
    fonts_out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Andika" in fonts_out and " yes " in fonts_out
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+13\n", info)


def test_fold_order():
    assert fold_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert fold_order(8, rtl=True)[0] == (0, 7)
    assert fold_order(5)[0] == (None, 0)


def test_arabic_is_right_to_left_everywhere(layla, tmp_path):
    booklet = build_booklet(layla)
    assert booklet.direction == "rtl" and "arabic" in booklet.faces
    assert not booklet.draft  # approved
    body = next(b for b in booklet.pages[1].blocks if b.kind == "text" and b.role == "body")
    right = body.x + body.width
    assert all(abs(line.x + line.width - right) < 0.5 for line in body.lines)
    html = RENDERERS["html"](booklet).decode("utf-8")
    assert BeautifulSoup(html, "html.parser").html["dir"] == "rtl"
    document = docx.Document(io.BytesIO(RENDERERS["docx"](booklet)))
    para = next(p for p in document.paragraphs if "ليلى" in p.text)
    assert (
        para._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi")
        is not None
    )
    assert "w:rtl" in para.runs[0]._r.xml
    page = Image.open(io.BytesIO(next(iter(RENDERERS["png"](booklet, dpi=72))))).convert("L")
    title = booklet.pages[0].blocks[0]
    row = page.crop(
        (0, int(title.lines[0].y), page.width, int(title.lines[0].y + title.size * 1.4))
    )
    assert row.getbbox() is None or row.getextrema()[0] < 80
    pdf = tmp_path / "ar.pdf"
    pdf.write_bytes(RENDERERS["pdf"](booklet))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "عائلتي" in text


def test_draft_on_every_page_of_every_format(sam, tmp_path):
    booklet = build_booklet(sam)
    html = BeautifulSoup(RENDERERS["html"](booklet), "html.parser")
    assert all("Draft" in s.get_text() for s in html.select("section.page"))
    document = docx.Document(io.BytesIO(RENDERERS["docx"](booklet)))
    assert document.sections[0].header.paragraphs[0].text == "Draft"
    approved = build_booklet(sam, draft=False)
    assert not any("Draft" in p.words() for p in approved.pages)


def reddish(png: bytes) -> int:
    """How many pixels are tinted red (the draft mark), on a page otherwise ink on white."""
    with Image.open(io.BytesIO(png)) as image:
        data = image.convert("RGB").tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
    return sum(1 for r, g, b in pixels if r - g > 12 and abs(g - b) < 12 and r > 200)


def test_a_draft_carries_a_large_diagonal_mark_on_every_page_gone_once_approved(sam, tmp_path):
    draft, approved = build_booklet(sam), build_booklet(sam, draft=False)
    mark = draft.mark
    assert mark is not None and approved.mark is None
    assert mark.size > 100 and 50 < mark.angle < 60  # along the A4 page's diagonal
    # HTML: one picture, over every page (drawn by the browser: see the browser test).
    for booklet, marked in ((draft, True), (approved, False)):
        style = BeautifulSoup(RENDERERS["html"](booklet), "html.parser").style.string
        assert (".page::after" in style and "data:image/png;base64," in style) is marked
    # PNG and PDF: the about page (words only) is tinted across its diagonal, and not once
    # approved. A page with no mark has no red at all.
    last = len(draft.pages) - 1
    png = list(RENDERERS["png"](draft, dpi=30))
    assert all(reddish(page) > 2000 for page in png)
    assert reddish(list(RENDERERS["png"](approved, dpi=30))[last]) == 0
    for booklet, tinted in ((draft, True), (approved, False)):
        pdf = tmp_path / "b.pdf"
        pdf.write_bytes(RENDERERS["pdf"](booklet))
        subprocess.run(
            ["pdftoppm", "-r", "30", "-f", str(last + 1), "-l", str(last + 1), "-png",
             "-singlefile", str(pdf), str(tmp_path / "about")], check=True,
        )  # fmt: skip
        assert (reddish((tmp_path / "about.png").read_bytes()) > 2000) is tinted
        words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        assert "DRAFT" not in words.stdout and "DR" not in words.stdout.split()
    # Word: its own watermark in the header, repeated on every page.
    for booklet, count in ((draft, 1), (approved, 0)):
        document = docx.Document(io.BytesIO(RENDERERS["docx"](booklet)))
        header = document.sections[0].header._element.xml
        assert header.count('string="DRAFT"') == count


def test_minimal_version_keeps_only_safe_pages(sam):
    doc = dict(sam.document, minimal=True)
    booklet = build_booklet(storyfile.StoryFile(doc, {}))
    words = " ".join(w for p in booklet.pages for w in p.words())
    assert (
        "Sarah" not in words and "Tom" not in words and "Andrea" not in words.replace("Andrea,", "")
    )
    assert len(booklet.pages) == 4  # title, safety plan, who to talk to, about


def test_missing_pictures_are_skipped_and_reported(sam):
    panel = {
        "pictures": [
            {"src": "library:not-drawn-yet"},
            {"src": "emoji:FFFFF"},
            {"src": "file:x.png"},
        ]
    }
    problems = []
    svg = scene.scene_svg(panel, sam, problems)
    assert svg.startswith("<svg") and len(problems) == 3
    assert scene.scene_png(svg, 200).startswith(b"\x89PNG")


def test_cli_validate_and_render(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(validate_command, [str(FIXTURES / "layla-ar.json")])
    assert ok.exit_code == 0
    result = runner.invoke(
        render_command,
        [
            str(FIXTURES / "layla-ar.json"),
            "--format",
            "pdf",
            "--out",
            str(tmp_path / "o"),
            "--folded",
        ],
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "o").iterdir())
    assert names == ["CASE-0077-SB2_2024-06-12-folded.pdf"]


def test_cli_invalid_input_exits_2_and_writes_nothing(tmp_path):
    bad = json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))
    bad["panels"][3]["pictures"][0]["x"] = 7
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    runner = CliRunner()
    for command, args in ((validate_command, []), (render_command, ["--out", str(tmp_path / "o")])):
        result = runner.invoke(command, [str(path), *args])
        assert result.exit_code == 2
        assert result.stderr.strip() == "panels[3].pictures[0].x: must be between 0 and 1"
    assert not (tmp_path / "o").exists()


def test_word_has_real_headings_for_the_title_and_each_page(sam):
    booklet = build_booklet(sam)
    document = docx.Document(io.BytesIO(RENDERERS["docx"](booklet)))
    styled = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert styled[0] == ("Heading 1", "Sam's story")
    headings = [
        b.paragraphs[0]
        for page in booklet.pages
        for b in page.blocks
        if b.kind == "text" and b.role == "heading"
    ]
    assert [text for name, text in styled if name == "Heading 2"] == headings
    run = next(p for p in document.paragraphs if p.style.name == "Heading 2").runs[0]
    assert run.font.name == "Andika" and run.font.size.pt == booklet.body_size * 1.25
