"""Word: real, editable paragraphs that keep the model's pages (python-docx)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from storyboard.booklet import emoji, textlayout
from storyboard.booklet.fonts import FACES
from storyboard.booklet.model import Booklet, PictureBlock, RuleBlock, TextBlock
from storyboard.booklet.png import DEFAULT_DPI
from storyboard.booklet.raster import pixels, scene_png
from storyboard.booklet.wordfonts import embed_fonts, switch_on

_ALIGN = {
    # In a right-to-left (bidi) paragraph Word reads "left" as the reading start.
    "start": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "end": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _set(parent, tag: str, **attrs: str):
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for key, value in attrs.items():
        element.set(qn(key), value)
    return element


def _style_run(run, block: TextBlock, booklet: Booklet) -> None:
    font = run.font
    font.size = Pt(block.size)
    font.bold = block.bold
    font.color.rgb = RGBColor.from_string(block.colour.lstrip("#").upper())
    rpr = run._r.get_or_add_rPr()
    script = FACES[block.face].family if block.face != "latin" else FACES["latin"].family
    _set(
        rpr,
        "w:rFonts",
        **{
            "w:ascii": FACES["latin"].family,
            "w:hAnsi": FACES["latin"].family,
            "w:cs": script,
            "w:eastAsia": FACES["latin"].family,
        },
    )
    if block.bold:
        _set(rpr, "w:bCs")
    _set(rpr, "w:szCs", **{"w:val": str(round(block.size * 2))})
    if block.direction == "rtl":
        _set(rpr, "w:rtl")
    # Each block in its own language (a bilingual booklet's second language says its own).
    language = block.language or booklet.language
    _set(rpr, "w:lang", **{"w:val": language, "w:bidi": language})


def _paragraph(container, booklet: Booklet, *, space_before: float, align: str, rtl: bool):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(max(space_before, 0))
    fmt.space_after = Pt(0)
    fmt.alignment = _ALIGN[align]
    fmt.widow_control = False
    if rtl:
        _set(paragraph._p.get_or_add_pPr(), "w:bidi")
    return paragraph


_HEADINGS = {"title": "Heading 1", "subtitle": "Heading 2", "heading": "Heading 2"}


def _text(container, block: TextBlock, booklet: Booklet, gap: float, first: bool) -> None:
    for index, text in enumerate(block.paragraphs):
        paragraph = _paragraph(
            container,
            booklet,
            space_before=gap if index == 0 else 0,
            align=block.align,
            rtl=block.direction == "rtl",
        )
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(block.size * block.line_height)
        if first and index == 0:
            fmt.page_break_before = True
        if block.role in _HEADINGS and container is not None and hasattr(container, "styles"):
            # Real headings, so a screen reader and Word's navigation pane find the pages;
            # the model's spacing and type win over the style's.
            paragraph.style = container.styles[_HEADINGS[block.role]]
            fmt.keep_with_next = False
            fmt.keep_together = False
        for piece, is_emoji in emoji.split(text):
            if is_emoji:
                # Drawn as a small inline picture: no font on a council laptop has it.
                side = block.size * emoji.ADVANCE
                picture = io.BytesIO(emoji.png(piece, pixels(side, emoji.DPI)))
                shape = paragraph.add_run().add_picture(picture, width=Pt(side), height=Pt(side))
                shape._inline.docPr.set("descr", piece)
                for side_name in ("distT", "distB", "distL", "distR"):
                    shape._inline.set(side_name, "0")
            else:
                _style_run(paragraph.add_run(piece), block, booklet)


def _picture(doc, block: PictureBlock, booklet: Booklet, gap: float, first: bool, dpi: int):
    paragraph = _paragraph(
        doc, booklet, space_before=gap, align="center", rtl=booklet.direction == "rtl"
    )
    paragraph.paragraph_format.page_break_before = first
    overhang = booklet.margin - block.x
    if overhang > 0:
        # A picture wider than the words reaches into the side margins, as the model says.
        paragraph.paragraph_format.left_indent = Pt(-overhang)
        paragraph.paragraph_format.right_indent = Pt(-overhang)
    png = scene_png(block.svg, pixels(block.width, dpi))
    shape = paragraph.add_run().add_picture(
        io.BytesIO(png), width=Pt(block.width), height=Pt(block.height)
    )
    shape._inline.docPr.set("descr", block.alt)
    shape._inline.docPr.set("title", block.alt)


def _rule(doc, block: RuleBlock, booklet: Booklet, gap: float) -> None:
    """The thin line where a page's second language starts: an empty paragraph of the rule's
    height whose top border is the line."""
    paragraph = _paragraph(doc, booklet, space_before=gap, align="start", rtl=False)
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(max(block.height, 1))
    borders = _set(paragraph._p.get_or_add_pPr(), "w:pBdr")
    _set(
        borders, "w:top", **{"w:val": "single", "w:sz": str(max(2, round(block.height * 8))),
                             "w:space": "0", "w:color": block.colour.lstrip("#").upper()},
    )  # fmt: skip


def _columns(doc, blocks: list[TextBlock], booklet: Booklet) -> None:
    """Side-by-side voices as a borderless table whose columns and gap are the model's."""
    xs = sorted({b.x for b in blocks})
    table = doc.add_table(rows=1, cols=len(xs))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    margins = _set(tbl_pr, "w:tblCellMar")
    for side in ("left", "right", "top", "bottom"):
        _set(margins, f"w:{side}", **{"w:w": "0", "w:type": "dxa"})
    _set(tbl_pr, "w:tblInd", **{"w:w": "0", "w:type": "dxa"})
    # Columns left to right as the model places them (its x already puts the first view at
    # its language's reading start); without saying so, LibreOffice turns a table whose
    # words are right to left around.
    _set(tbl_pr, "w:bidiVisual", **{"w:val": "0"})
    for column, x in enumerate(xs):
        cell = table.rows[0].cells[column]
        # Each column but the last carries the gap to the next as its right padding.
        right = xs[column + 1] if column + 1 < len(xs) else x + blocks[0].width
        cell.width = Pt(right - x)
        table.columns[column].width = Pt(right - x)
        if column + 1 < len(xs):
            gap = round((right - x - blocks[0].width) * 20)
            tc_mar = _set(cell._tc.get_or_add_tcPr(), "w:tcMar")
            _set(tc_mar, "w:right", **{"w:w": str(gap), "w:type": "dxa"})
        cell._tc.remove(cell.paragraphs[0]._p)
        for block in (b for b in blocks if b.x == x):
            _text(cell, block, booklet, 0, False)


def _page_colour(doc, colour: str) -> None:  # noqa: ANN001
    """A cream (or other) page: Word's document background, shown and printed."""
    hex_colour = colour.lstrip("#").upper()
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    if hex_colour == "FFFFFF":
        return
    background = OxmlElement("w:background")
    background.set(qn("w:color"), hex_colour)
    doc.element.insert(0, background)
    switch_on(doc.settings.element, "w:displayBackgroundShape")


# Word's own watermark (Design > Watermark): a WordArt text shape in the header, which Word
# and LibreOffice both draw behind every page's text.
_WATERMARK = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    "<w:rPr><w:noProof/></w:rPr><w:pict>"
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/>'
    '<v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>'
    '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>'
    '<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>'
    '<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>'
    '<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>'
    "</v:shapetype>"
    '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:{width:.1f}pt;'
    "height:{height:.1f}pt;rotation:{rotation:.1f};z-index:251659264;"
    "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
    'fillcolor="{colour}" stroked="f"><v:fill opacity="{opacity}"/>'
    '<v:textpath style="font-family:&quot;Andika&quot;;font-size:1pt;font-weight:bold" '
    'string="{text}"/></v:shape></w:pict></w:r>'
)


def _watermark(paragraph: object, booklet: Booklet) -> None:
    """Put the draft mark in the header, so Word repeats it on every page."""
    mark = booklet.mark
    _, width = textlayout.runs(mark.text, mark.size, True, "ltr")
    xml = _WATERMARK.format(
        width=width * 0.8, height=mark.size * 0.5, rotation=360 - mark.angle,
        colour=mark.colour, opacity=mark.opacity, text=mark.text,
    )  # fmt: skip
    paragraph._p.append(parse_xml(xml))


def render_docx(booklet: Booklet, *, dpi: int = DEFAULT_DPI) -> bytes:
    """Return the booklet as a .docx file's bytes."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Pt(booklet.width), Pt(booklet.height)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Pt(booklet.margin))
    section.header_distance = Pt(booklet.margin * 0.25)
    section.footer_distance = Pt(booklet.margin * 0.25)
    if booklet.direction == "rtl":
        _set(section._sectPr, "w:bidi")
    _page_colour(doc, booklet.page_colour)
    doc.paragraphs[0]._p.getparent().remove(doc.paragraphs[0]._p) if doc.paragraphs else None
    for number, page in enumerate(booklet.pages):
        bottom = booklet.margin
        first = number > 0
        draft = [b for b in page.blocks if b.kind == "text" and b.role == "draft"]
        if draft and number == 0:
            header = section.header
            _text(header, draft[0], booklet, 0, False)
            header.paragraphs[0]._p.getparent().remove(header.paragraphs[0]._p)
            if booklet.mark is not None:
                _watermark(header.paragraphs[0], booklet)
        blocks = [b for b in page.blocks if not (b.kind == "text" and b.role == "draft")]
        index = 0
        while index < len(blocks):
            block = blocks[index]
            gap = block.y - bottom
            if block.kind == "picture":
                _picture(doc, block, booklet, gap, first, dpi)
                bottom = block.y + block.height
                index += 1
            elif block.kind == "rule":
                _rule(doc, block, booklet, gap)
                bottom = block.y + block.height
                index += 1
            elif block.role.startswith("voice"):
                # The views of one language side by side (a second language's come after).
                group = []
                for b in blocks[index:]:
                    if not (b.kind == "text" and b.role.startswith("voice")):
                        break
                    if b.language != block.language:
                        break
                    group.append(b)
                spacer = _paragraph(doc, booklet, space_before=0, align="start", rtl=False)
                spacer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                spacer.paragraph_format.line_spacing = Pt(max(gap, 1))
                spacer.paragraph_format.page_break_before = first
                _columns(doc, group, booklet)
                bottom = max(b.y + b.height for b in group)
                index += len(group)
            else:
                _text(doc, block, booklet, gap, first)
                bottom = block.y + block.height
                index += 1
            first = False
    embed_fonts(doc, booklet.faces)
    props = doc.core_properties
    props.title = f"Storyboard {booklet.reference}".strip()
    props.subject = f"version {booklet.version}"
    props.keywords = f"storyboard-version:{booklet.version}"
    props.comments = f"Storyboard version {booklet.version}"
    props.author = "Words and Pictures storyboard builder"
    props.last_modified_by = ""
    props.language = booklet.language
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
