"""The PDF's structure for screen readers: headings, paragraphs and figures in reading order.

fpdf2 tags an image's alt text, but not text. This adds what a tagged PDF needs, through the
same structure tree fpdf2 writes (its `struct_builder`, the marked-content ids per page and
the parent tree), so there is one tree: every block of the booklet model becomes one structure
element in the model's order (the title an H1, a page's heading an H2, words a P, a scene a
Figure with its description), and everything else drawn (the page colour, the Draft word and
the diagonal mark, the thin line where a page's second language starts) is an artifact a
reader skips. A block in a bilingual booklet's second language carries its own /Lang. An
emoji, drawn as a picture in the line, carries its character as ActualText, so it reads (and
copies) as the family typed it.

Words carry no ActualText of their own: their glyphs map back to their characters in the
font's ToUnicode map, in reading order, as the PDF reference asks. (Poppler reverses the
ActualText of right-to-left words, so wrapping whole lines in it would read Arabic backwards
in every Linux viewer.)

These use fpdf2's internals (`_out`, `_add_marked_content`), which its own image tagging
uses; `tests/booklet/test_pdf_tags.py` reads the tree back from the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fpdf import FPDF
from fpdf.syntax import PDFString

# A text block's role in the booklet model -> its structure type.
# The title in a bilingual booklet's second language is a subtitle: the booklet has one H1.
_TYPES = {"title": "/H1", "subtitle": "/H2", "heading": "/H2"}
ARTIFACT_ROLES = frozenset({"draft"})  # drawn on every page of a draft; the about page says it


def structure_type(block) -> str:
    """The structure type of a booklet block: /Figure, /H1, /H2 or /P."""
    if block.kind == "picture":
        return "/Figure"
    return _TYPES.get(block.role, "/P")


def _text_string(text: str) -> str:
    """A PDF text string in UTF-16 (big-endian, with its byte order mark), written in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


@contextmanager
def element(
    pdf: FPDF, struct_type: str, alt: str | None = None, lang: str | None = None
) -> Iterator[None]:
    """Draw the body as one structure element of the current page (in the order called);
    `lang`: its language when it is not the document's (a bilingual booklet's second)."""
    mcid = pdf.struct_builder.next_mcid_for_page(pdf.page)
    elem = pdf._add_marked_content(struct_type=struct_type, mcid=mcid, alt_text=alt or None)
    if lang:
        # fpdf2 writes every public attribute of a structure element as its entry: /Lang.
        elem.lang = PDFString(lang)
    pdf._out(f"{struct_type} <</MCID {mcid}>> BDC")
    yield
    pdf._out("EMC")


@contextmanager
def artifact(pdf: FPDF) -> Iterator[None]:
    """Draw the body as an artifact: seen on paper, skipped by a screen reader."""
    pdf._out("/Artifact BMC")
    yield
    pdf._out("EMC")


@contextmanager
def actual_text(pdf: FPDF, text: str) -> Iterator[None]:
    """Draw the body as a span whose text, for readers and copying, is `text`."""
    pdf._out(f"/Span <</ActualText {_text_string(text)}>> BDC")
    yield
    pdf._out("EMC")
