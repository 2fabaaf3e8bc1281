"""PDF: the same pages with real, selectable text in embedded fonts (fpdf2 with HarfBuzz)."""

from __future__ import annotations

import io
import logging
import tempfile
from pathlib import Path

from fpdf import FPDF, ViewerPreferences

from storyboard.booklet import emoji, pdftags
from storyboard.booklet.fonts import FACES
from storyboard.booklet.mark import mark_png
from storyboard.booklet.model import PAGE_SIZES, Booklet, Page, TextBlock
from storyboard.booklet.png import DEFAULT_DPI
from storyboard.booklet.raster import pixels, scene_jpeg

# fontTools reports every table it leaves out while subsetting; that is not news.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _characters(booklet: Booklet) -> dict[tuple[str, bool], set[str]]:
    """Return the characters each face and weight draws in the booklet."""
    used: dict[tuple[str, bool], set[str]] = {}
    for page in booklet.pages:
        for block in page.blocks:
            for line in getattr(block, "lines", []):
                for run in line.runs:
                    if run.face != emoji.FACE:
                        used.setdefault((run.face, block.bold), set()).update(run.text)
    return used


def _subset(path: Path, characters: set[str], folder: Path) -> Path:
    """Cut a font down to the characters used (and what shaping them needs) with HarfBuzz.

    fontTools, which fpdf2 subsets with, spends most of a short PDF's time reading the big
    layout tables of the full fonts; HarfBuzz's subsetter does the same job in milliseconds.
    """
    import uharfbuzz as hb

    plan = hb.SubsetInput()
    for char in characters | {" "}:
        plan.unicode_set.add(ord(char))
    font = hb.subset(hb.Face(hb.Blob.from_file_path(str(path))), plan)
    if font is None:
        return path
    out = folder / path.name
    out.write_bytes(font.blob.data)
    return out


def _new_pdf(booklet: Booklet, size: tuple[float, float], folder: Path) -> FPDF:
    pdf = FPDF(unit="pt", format=size)
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.c_margin = 0
    for (key, bold), characters in sorted(_characters(booklet).items()):
        font = _subset(FACES[key].path(bold), characters, folder)
        pdf.add_font(key, "B" if bold else "", str(font))
    pdf.set_text_shaping(use_shaping_engine=True)
    # Metadata names the version and reference, never the child.
    pdf.set_title(f"Storyboard {booklet.reference}".strip())
    pdf.set_subject(f"version {booklet.version}")
    pdf.set_keywords(f"storyboard-version:{booklet.version}")
    pdf.set_creator("Words and Pictures storyboard builder")
    pdf.set_lang(booklet.language)
    # Readers show the title above, not the file's name.
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    return pdf


def _draw_page(pdf: FPDF, booklet: Booklet, page: Page, dx: float, dpi: int) -> None:
    """Draw a booklet page with its top-left corner at (dx, 0), tagged in the model's order."""
    if booklet.page_colour.lower() not in ("#fff", "#ffffff"):
        with pdftags.artifact(pdf):
            pdf.set_fill_color(*_hex(booklet.page_colour))
            pdf.rect(dx, 0, booklet.width, booklet.height, style="F")
    for block in page.blocks:
        if block.kind == "picture":
            jpeg = scene_jpeg(block.svg, pixels(block.width, dpi), booklet.page_colour)
            with pdftags.element(pdf, "/Figure", block.alt):
                pdf.image(io.BytesIO(jpeg), dx + block.x, block.y, block.width, block.height)
        elif block.kind == "rule":
            with pdftags.artifact(pdf):  # where the second language starts: decoration
                pdf.set_fill_color(*_hex(block.colour))
                pdf.rect(dx + block.x, block.y, block.width, block.height, style="F")
        elif block.role in pdftags.ARTIFACT_ROLES:
            with pdftags.artifact(pdf):
                _draw_text(pdf, block, dx)
        else:
            # A block in the booklet's other language says so (/Lang), for screen readers.
            other = block.language if block.language not in ("", booklet.language) else None
            with pdftags.element(pdf, pdftags.structure_type(block), lang=other):
                _draw_text(pdf, block, dx)
    if booklet.mark is not None:
        with pdftags.artifact(pdf):
            _draw_mark(pdf, booklet, dx)


def _draw_text(pdf: FPDF, block: TextBlock, dx: float) -> None:
    """Draw a text block's lines exactly where the model put them."""
    pdf.set_text_color(*_hex(block.colour))
    line_h = block.size * block.line_height
    for line in block.lines:
        for run in line.runs:
            if run.face == emoji.FACE:
                side = block.size * emoji.ADVANCE
                top = line.y + (line_h - side) / 2
                picture = emoji.png(run.text, pixels(side, emoji.DPI))
                with pdftags.actual_text(pdf, run.text):  # a picture that reads as the emoji
                    pdf.image(io.BytesIO(picture), dx + line.x + run.x, top, side, side)
                continue
            pdf.set_font(run.face, "B" if block.bold else "", block.size)
            pdf.set_text_shaping(use_shaping_engine=True, direction=run.direction)
            # cell() shapes joined scripts correctly (text() does not); its baseline sits
            # at the same place as the model's baseline() to within 0.02 of the size.
            pdf.set_xy(dx + line.x + run.x, line.y)
            pdf.cell(run.width, line_h, run.text)


def _draw_mark(pdf: FPDF, booklet: Booklet, dx: float) -> None:
    """The pale diagonal DRAFT across the page, over everything: one picture for every page."""
    png, width, height = mark_png(booklet.mark)
    x = dx + (booklet.width - width) / 2
    pdf.image(io.BytesIO(png), x, (booklet.height - height) / 2, width, height)


def render_pdf(booklet: Booklet, *, dpi: int = DEFAULT_DPI, folded: bool = False) -> bytes:
    """Return the booklet as PDF bytes; `folded` imposes A5 pages on A4 sheets for folding."""
    with tempfile.TemporaryDirectory(prefix="booklet-fonts-") as folder:
        if folded:
            return _render_folded(booklet, dpi, Path(folder))
        pdf = _new_pdf(booklet, (booklet.width, booklet.height), Path(folder))
        for page in booklet.pages:
            pdf.add_page()
            _draw_page(pdf, booklet, page, 0, dpi)
        return bytes(pdf.output())


def fold_order(count: int, rtl: bool = False) -> list[tuple[int | None, int | None]]:
    """Return (left, right) page indexes per sheet side, padded with blanks to a multiple of 4."""
    total = (count + 3) // 4 * 4
    sides = []
    for sheet in range(total // 4):
        front = (total - 1 - 2 * sheet, 2 * sheet)
        back = (2 * sheet + 1, total - 2 - 2 * sheet)
        for left, right in (front, back):
            if rtl:  # bound on the right: the reading order runs the other way
                left, right = right, left
            sides.append(tuple(i if i < count else None for i in (left, right)))
    return sides


def _render_folded(booklet: Booklet, dpi: int, folder: Path) -> bytes:
    if booklet.page_size != "A5":
        raise ValueError("a folded booklet needs A5 pages")
    a4_w, a4_h = PAGE_SIZES["A4"]
    pdf = _new_pdf(booklet, (a4_h, a4_w), folder)  # A4 landscape holds two A5 pages
    elements = pdf.struct_builder.doc_struct_elem.k
    page_of: dict[int, int] = {}  # structure element -> the booklet page it is on
    for left, right in fold_order(len(booklet.pages), booklet.direction == "rtl"):
        pdf.add_page()
        for index, dx in ((left, 0.0), (right, booklet.width)):
            if index is not None:
                before = len(elements)
                _draw_page(pdf, booklet, booklet.pages[index], dx, dpi)
                page_of.update((id(e), index) for e in elements[before:])
    # Sheets are in folding order; a screen reader reads the booklet's order (stable sort:
    # each page's elements keep theirs).
    elements.sort(key=lambda e: page_of.get(id(e), -1))
    return bytes(pdf.output())
