"""The PDF is tagged for screen readers: structure, reading order, language and alt text.

Read back from the file itself with pikepdf (qpdf): the catalogue, the structure tree and
every page's content stream, where each thing drawn must belong to a tagged element or be an
artifact (the rule of PDF/UA that "nothing is left untagged").
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest

from storyboard.booklet import build_booklet, scene
from storyboard.booklet.pdf import render_pdf
from storyboard.booklet.pdftags import structure_type
from storyboard.story import storyfile
from storyboard.story.storyfile import StoryFile, validate

FIXTURES = Path(__file__).parents[1] / "fixtures"
DRAWING = {"Tj", "TJ", "'", '"', "Do", "f", "f*", "B", "B*", "S", "re"}


@pytest.fixture(autouse=True)
def test_library(monkeypatch):
    monkeypatch.setattr(scene, "ILLUSTRATIONS_DIR", FIXTURES / "library")


def open_pdf(booklet) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(render_pdf(booklet, dpi=72)))


def elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The structure elements under the document element, in their order."""
    root = pdf.Root.StructTreeRoot
    (document,) = list(root.K) if isinstance(root.K, pikepdf.Array) else [root.K]
    assert document.S == "/Document"
    return list(document.K)


def page_index(pdf: pikepdf.Pdf, element: pikepdf.Dictionary) -> int:
    return next(i for i, p in enumerate(pdf.pages) if p.obj.objgen == element.Pg.objgen)


def marked_content(page: pikepdf.Page) -> tuple[list[int], list[str]]:
    """The MCIDs in the page's content in order, and any drawing outside tags or artifacts."""
    stack: list[str] = []
    mcids: list[int] = []
    untagged: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            stack.append(str(operands[0]))
            properties = operands[1] if op == "BDC" else None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                mcids.append(int(properties.MCID))
        elif op == "EMC":
            stack.pop()
        elif op in DRAWING and not stack:
            untagged.append(op)
    assert not stack, "every marked sequence is closed"
    return mcids, untagged


def expected(booklet) -> list[tuple[int, str, str | None]]:
    """The tags the model asks for: (page, type, alt) for each block a reader reads."""
    return [
        (page_no, structure_type(block), block.alt if block.kind == "picture" else None)
        for page_no, page in enumerate(booklet.pages)
        for block in page.blocks
        if block.kind == "picture" or (block.kind == "text" and block.role != "draft")
    ]


@pytest.mark.parametrize(
    "fixture", ["sam-12.json", "layla-ar.json", "sam-en-ar.json", "sam-en-pl.json"]
)
def test_every_block_is_one_element_in_reading_order_and_nothing_else_is_untagged(fixture):
    booklet = build_booklet(storyfile.read(FIXTURES / fixture))
    with open_pdf(booklet) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == booklet.language
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        found = [
            (page_index(pdf, e), str(e.S), str(e.Alt) if "/Alt" in e else None)
            for e in elements(pdf)
        ]
        assert found == expected(booklet)
        # The title is the one H1; each child's page with a heading has an H2.
        assert [t for _, t, _ in found].count("/H1") == 1
        assert all(alt for _, t, alt in found if t == "/Figure"), "every scene has its words"
        for number, page in enumerate(pdf.pages):
            mcids, untagged = marked_content(page)
            on_page = [e for e in elements(pdf) if page_index(pdf, e) == number]
            assert mcids == [int(e.K[0]) for e in on_page] == list(range(len(on_page)))
            assert untagged == [], f"page {number + 1} draws outside any tag"
            # The parent tree leads each MCID back to its element (how readers find it).
            parents = pdf.Root.StructTreeRoot.ParentTree.Nums
            pairs = dict(zip(parents[0::2], parents[1::2], strict=True))
            assert [p.objgen for p in pairs[int(page.obj.StructParents)]] == [
                e.objgen for e in on_page
            ]


def test_a_scenes_alt_text_is_what_the_family_wrote_for_its_pictures():
    booklet = build_booklet(storyfile.read(FIXTURES / "sam-12.json"))
    alts = [b.alt for p in booklet.pages for b in p.blocks if b.kind == "picture"]
    with open_pdf(booklet) as pdf:
        figures = [str(e.Alt) for e in elements(pdf) if e.S == "/Figure"]
    assert figures == alts and any("Biscuit" in a for a in alts)


def draft_and_approved() -> tuple[StoryFile, StoryFile]:
    doc = {
        "format": "storyboard/1", "title": "Sam's story", "child": {"name": "Sam"},
        "panels": [{"section": "family", "heading": "My family", "text": "Sam loves 🐈 Biscuit."}],
    }  # fmt: skip
    return StoryFile(validate(doc)), StoryFile(validate({**doc, "status": "approved"}))


def test_the_draft_mark_is_an_artifact_and_an_emoji_reads_as_itself():
    draft, approved = draft_and_approved()
    for sf, mark, colour in ((draft, True, "cream"), (approved, False, None), (draft, True, None)):
        booklet = build_booklet(sf, page_colour=colour)
        assert (booklet.mark is not None) is mark
        with open_pdf(booklet) as pdf:
            # The words a reader hears: the H2 and the P; never the Draft word or mark.
            on_page = [str(e.S) for e in elements(pdf) if page_index(pdf, e) == 1]
            assert on_page == ["/H2", "/P"]
            ops = list(pikepdf.parse_content_stream(pdf.pages[1]))
            artifacts = sum(1 for o, op in ops if str(op) == "BMC" and o[0] == "/Artifact")
            # The page colour (cream paper, if chosen), the corner word and diagonal mark.
            coloured = booklet.page_colour.lower() not in ("#fff", "#ffffff")
            assert artifacts == coloured + (2 if mark else 0)
            spans = [
                str(o[1].ActualText)
                for o, op in ops
                if str(op) == "BDC" and o[0] == "/Span" and "/ActualText" in o[1]
            ]
            assert spans == ["🐈"]


def test_poppler_reads_the_pdf_as_tagged_and_in_the_story_order(tmp_path):
    booklet = build_booklet(storyfile.read(FIXTURES / "sam-12.json"))
    path = tmp_path / "sam.pdf"
    path.write_bytes(render_pdf(booklet, dpi=72))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    heading, *_ = (b for b in booklet.pages[1].blocks if b.kind == "text" and b.role != "draft")
    words = [w for w in text.split() if w != "Draft"]  # poppler reads artifacts too
    assert words[: len(heading.paragraphs[0].split())] == heading.paragraphs[0].split()


def test_the_folded_booklet_reads_in_the_booklets_order_not_the_sheets():
    booklet = build_booklet(storyfile.read(FIXTURES / "sam-12.json"), page_size="A5")
    with pikepdf.open(io.BytesIO(render_pdf(booklet, dpi=72, folded=True))) as pdf:
        found = [str(e.S) for e in elements(pdf)]
        headings = [str(e.S) for e in elements(pdf) if str(e.S) in ("/H1", "/H2")]
        for page in pdf.pages:
            mcids, untagged = marked_content(page)
            assert untagged == []
    assert found == [t for _, t, _ in expected(booklet)]
    assert headings[0] == "/H1"


@pytest.mark.parametrize(
    ("fixture", "second"), [("sam-en-ar.json", "ar"), ("sam-en-pl.json", "pl")]
)
def test_each_block_in_the_second_language_says_its_language(fixture, second):
    booklet = build_booklet(storyfile.read(FIXTURES / fixture))
    blocks = [
        b for page in booklet.pages for b in page.blocks
        if b.kind == "picture" or (b.kind == "text" and b.role != "draft")
    ]  # fmt: skip
    with open_pdf(booklet) as pdf:
        assert str(pdf.Root.Lang) == "en"
        langs = [str(e.Lang) if "/Lang" in e else None for e in elements(pdf)]
    wanted = [second if getattr(b, "language", "en") == second else None for b in blocks]
    assert langs == wanted
    assert langs.count(second) >= 2 * 6  # a heading and words on each of the six pages
