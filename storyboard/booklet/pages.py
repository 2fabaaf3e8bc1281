"""Page building: panels become pages of positioned text and pictures, in points."""

from __future__ import annotations

import re

from storyboard.booklet import textlayout
from storyboard.booklet.fonts import direction_for, face_for
from storyboard.booklet.model import (
    DRAFT_INK,
    DRAFT_WORD,
    FIT,
    FONT_CREDIT,
    INK,
    LINE_SPACING,
    OPENMOJI_CREDIT,
    PAGE_SIZES,
    SOFT_INK,
    Booklet,
    Line,
    Page,
    PictureBlock,
    Run,
    TextBlock,
    body_size_for,
    format_date,
)
from storyboard.booklet.scene import scale_svg, scene_svg
from storyboard.storyfile import StoryFile, version_hash


class PageBuilder:
    """Lays out pages for one booklet; holds the page geometry while it works."""

    def __init__(self, storyfile: StoryFile, page_size: str, draft: bool, page_colour: str):
        doc = storyfile.document
        self.storyfile = storyfile
        self.doc = doc
        self.width, self.height = PAGE_SIZES[page_size]
        self.margin = round(self.width * 0.08)
        self.direction = direction_for(doc.get("language", "en"))
        self.body = body_size_for(doc.get("child", {}).get("age"))
        if page_size == "A5":
            self.body = max(self.body - 2, 18.0 if self.body >= 18 else 14.0)
        self.draft = draft
        self.page_colour = page_colour
        self.minimal = bool(doc.get("minimal"))
        self.people = {p["id"]: p for p in doc.get("people", [])}
        self.problems: list[str] = []
        self.faces: set[str] = {"latin"}
        self.uses_emoji = False
        self.pages: list[Page] = []
        self._names = self._name_swaps()
        self.version = version_hash(storyfile)

    # --- text helpers ---------------------------------------------------------------------
    def _name_swaps(self):
        """In the minimal version, people's names (not the child's) become their roles."""
        if not self.minimal:
            return None
        child = self.doc["child"]["name"]
        swaps = [
            (p["name"], p.get("role") or "")
            for p in self.doc.get("people", [])
            if p.get("name") and p["name"] != child
        ]
        if not swaps:
            return None
        pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n, _ in swaps) + r")\b")
        table = dict(swaps)
        return lambda text: pattern.sub(lambda m: table[m.group(1)], text)

    def clean(self, text: str) -> str:
        """Apply the minimal version's name rule."""
        return self._names(text) if self._names else text

    def text_block(
        self,
        paragraphs,
        y,
        *,
        size,
        width=None,
        x=None,
        bold=False,
        role="body",
        align="start",
        colour=INK,
    ) -> TextBlock:
        """Lay out paragraphs in a box starting at y; returns the block with its height."""
        x = self.margin if x is None else x
        width = self.width - 2 * self.margin if width is None else width
        paragraphs = [self.clean(p) for p in paragraphs]
        joined = " ".join(paragraphs)
        face = face_for(joined).key
        self.faces.add(face)
        lines: list[Line] = []
        line_h = size * LINE_SPACING
        top = y
        for paragraph in paragraphs:
            for line_text in textlayout.wrap(paragraph, width, size, bold, self.direction):
                runs, line_w = textlayout.runs(line_text, size, bold, self.direction)
                self.faces.update(r[1] for r in runs)
                if align == "center":
                    lx = x + (width - line_w) / 2
                elif (align == "start") == (self.direction == "rtl"):
                    lx = x + width - line_w
                else:
                    lx = x
                lines.append(Line(line_text, [Run(*r) for r in runs], lx, top, line_w))
                top += line_h
        return TextBlock(
            x,
            y,
            width,
            top - y,
            paragraphs,
            lines,
            size,
            bold,
            face,
            self.direction,
            align,
            colour,
            role,
        )

    def picture(self, svg: str, alt: str, y: float, width: float) -> PictureBlock:
        """Place a 4:3 picture centred across the content width."""
        x = (self.width - width) / 2
        return PictureBlock(x, y, width, width * 0.75, svg, self.clean(alt))

    # --- pages ----------------------------------------------------------------------------
    def new_page(self, role: str) -> Page:
        """Start a page, with the Draft mark in the top margin when needed."""
        page = Page(len(self.pages) + 1, role)
        if self.draft:
            mark = self.text_block(
                [DRAFT_WORD],
                self.margin * 0.25,
                size=14,
                bold=True,
                role="draft",
                align="end",
                colour=DRAFT_INK,
            )
            page.blocks.append(mark)
        self.pages.append(page)
        return page

    def title_page(self, panel: dict | None) -> None:
        """Whose story, who made it and the date, with the title panel's picture if any."""
        page = self.new_page("title")
        content_w = self.width - 2 * self.margin
        y = self.margin + self.body
        title = self.text_block(
            [self.doc["title"]], y, size=self.body * 1.8, bold=True, role="title", align="center"
        )
        page.blocks.append(title)
        y += title.height + self.body
        if panel and (panel.get("pictures") or panel.get("background")):
            pic = self.picture(self.scene(panel), self.alt(panel), y, content_w * 0.8)
            page.blocks.append(pic)
            y += pic.height + self.body
        lines = [panel["text"]] if panel and panel.get("text", "").strip() else []
        if self.doc.get("made_by") and not self.minimal:
            lines.append(self.doc["made_by"])
        if self.doc.get("date"):
            lines.append(format_date(self.doc["date"], self.doc.get("language", "en")))
        if lines:
            page.blocks.append(self.text_block(lines, y, size=self.body, align="center"))

    def panel_pages(self, panel: dict) -> None:
        """One panel per page: heading, picture above the words, then the words."""
        content_w = self.width - 2 * self.margin
        bottom = self.height - self.margin
        svg, alt = None, ""
        if panel.get("kind") == "scale":
            value = (panel.get("scale") or {}).get("value")
            svg, alt = scale_svg(value, direction=self.direction), _scale_alt(value)
        elif panel.get("pictures") or panel.get("background"):
            svg, alt = self.scene(panel), self.alt(panel)
        text_parts = self.panel_paragraphs(panel)
        for pic_share in (1.0, 0.8, 0.6):
            blocks, end = self._panel_blocks(panel, svg, alt, text_parts, content_w * pic_share)
            if end <= self.margin + (bottom - self.margin) * FIT or svg is None:
                break
        # Text that still does not fit continues on the next page, picture first.
        page = self.new_page("panel")
        y = self.margin
        limit = self.margin + (bottom - self.margin) * FIT
        for block in blocks:
            if block.kind == "text" and block.y + block.height > limit and block.lines:
                keep = max(1, int((limit - block.y) // (block.size * LINE_SPACING)))
                head, tail = _split_paragraphs(
                    block.paragraphs, len(block.lines[:keep]), self, block
                )
                if head:
                    page.blocks.append(
                        self.text_block(
                            head, block.y, size=block.size, bold=block.bold, role=block.role
                        )
                    )
                page = self.new_page("panel")
                y = self.margin
                rest = self.text_block(tail, y, size=block.size, bold=block.bold, role=block.role)
                page.blocks.append(rest)
                y += rest.height
                continue
            page.blocks.append(block)
            y = block.y + block.height

    def _panel_blocks(self, panel, svg, alt, text_parts, pic_w):
        blocks = []
        y = self.margin
        if panel.get("heading", "").strip():
            heading = self.text_block(
                [panel["heading"]], y, size=self.body * 1.25, bold=True, role="heading"
            )
            blocks.append(heading)
            y += heading.height + self.body * 0.4
        if svg:
            pic = self.picture(svg, alt, y, pic_w)
            blocks.append(pic)
            y += pic.height + self.body * 0.6
        speaker = self.speaker_label(panel.get("speaker"))
        if speaker:
            label = self.text_block(
                [speaker], y, size=self.body, bold=True, role="speaker", colour=SOFT_INK
            )
            blocks.append(label)
            y += label.height
        if text_parts:
            body = self.text_block(text_parts, y, size=self.body)
            blocks.append(body)
            y += body.height
        voices = [v for v in panel.get("voices", []) if v.get("text", "").strip()]
        if voices:
            y += self.body * 0.5
            blocks.extend(self.voice_blocks(voices[:2], y))
            y = max(b.y + b.height for b in blocks)
        return blocks, y

    def voice_blocks(self, voices: list[dict], y: float) -> list[TextBlock]:
        """Two voices side by side (the first at the reading start), each label over text."""
        gap = self.body
        col_w = (self.width - 2 * self.margin - gap) / len(voices)
        blocks = []
        for i, voice in enumerate(voices):
            col = i if self.direction == "ltr" else len(voices) - 1 - i
            x = self.margin + col * (col_w + gap)
            label = voice.get("label") or self.speaker_label(voice.get("speaker")) or ""
            top = y
            if label:
                lb = self.text_block(
                    [label],
                    top,
                    size=self.body,
                    width=col_w,
                    x=x,
                    bold=True,
                    role="voice-label",
                    colour=SOFT_INK,
                )
                blocks.append(lb)
                top += lb.height
            blocks.append(
                self.text_block(
                    voice["text"].split("\n"), top, size=self.body, width=col_w, x=x, role="voice"
                )
            )
        return blocks

    def panel_paragraphs(self, panel: dict) -> list[str]:
        """The panel's words: its text lines, then numbered steps, then what 10 means."""
        parts = [p for p in panel.get("text", "").split("\n") if p.strip()]
        parts += [f"{i}. {s}" for i, s in enumerate(panel.get("steps", []), 1) if s.strip()]
        ten = (panel.get("scale") or {}).get("ten_means", "")
        if panel.get("kind") == "scale" and ten.strip():
            parts.append(f"10 = {ten}")
        return parts

    def speaker_label(self, speaker: str | None) -> str:
        """Return who is speaking, by role (and name unless minimal)."""
        person = self.people.get(speaker or "")
        if not person:
            return ""
        if self.minimal:
            return person.get("role") or ""
        role, name = person.get("role", ""), person.get("name", "")
        return f"{name} ({role})" if role and name and role != name else (name or role)

    def scene(self, panel: dict) -> str:
        """Compose the panel's scene, noting missing pictures and emoji use."""
        if any(p.get("src", "").startswith("emoji:") for p in panel.get("pictures", [])):
            self.uses_emoji = True
        return scene_svg(panel, self.storyfile, self.problems, label_map=self.clean)

    def alt(self, panel: dict) -> str:
        """Describe a scene from its pictures' alt text or labels."""
        parts = [p.get("alt") or p.get("label") or "" for p in panel.get("pictures", [])]
        return ", ".join(p for p in parts if p) or "A picture"

    def end_page(self, panel: dict | None) -> None:
        """Who the child can talk to, then the credits and the version in small print."""
        if panel is not None:
            self.panel_pages(panel)
            page = self.pages[-1]
        else:
            page = self.new_page("end")
        page.role = "end"
        credits = []
        if self.uses_emoji:
            credits.append(OPENMOJI_CREDIT)
        credits += [FONT_CREDIT, "Version " + self.version]
        block = self.text_block(credits, 0, size=9, role="credits", colour=SOFT_INK)
        y = self.height - self.margin - block.height - self.body * 0.5
        page.blocks.append(self.text_block(credits, y, size=9, role="credits", colour=SOFT_INK))


def _scale_alt(value) -> str:
    return "A scale from 0 to 10" + (f", marked at {value:g}" if value is not None else "")


def _split_paragraphs(paragraphs, keep_lines, builder, block):
    """Split paragraphs after `keep_lines` laid-out lines, at a word boundary."""
    head, tail, count = [], [], 0
    for paragraph in paragraphs:
        lines = textlayout.wrap(paragraph, block.width, block.size, block.bold, builder.direction)
        if count >= keep_lines:
            tail.append(paragraph)
        elif count + len(lines) <= keep_lines:
            head.append(paragraph)
        else:
            cut = keep_lines - count
            head.append(" ".join(lines[:cut]))
            tail.append(" ".join(lines[cut:]))
        count += len(lines)
    return head, tail


def build(storyfile: StoryFile, size: str, is_draft: bool, colour: str) -> Booklet:
    """Lay out every page: title first, the panels in order, then the talk-to and credits page."""
    doc = storyfile.document
    builder = PageBuilder(storyfile, size, is_draft, colour)
    panels = [p for p in doc["panels"] if not p.get("skipped")]
    if builder.minimal:
        panels = [p for p in panels if p.get("section") in ("title", "safety-plan", "talk-to")]
    title_panel = panels[0] if panels and panels[0].get("section") == "title" else None
    body = panels[1:] if title_panel else panels
    talk = [p for p in body if p.get("section") == "talk-to"]
    end_panel = talk[-1] if talk else None
    builder.title_page(title_panel)
    for panel in body:
        if panel is not end_panel:
            builder.panel_pages(panel)
    builder.end_page(end_panel)
    return Booklet(
        title=builder.clean(doc["title"]),
        language=doc.get("language", "en"),
        direction=builder.direction,
        page_size=size,
        width=builder.width,
        height=builder.height,
        margin=builder.margin,
        page_colour=colour,
        draft=is_draft,
        version=builder.version,
        reference=doc.get("reference", ""),
        date=doc.get("date", ""),
        made_by="" if builder.minimal else doc.get("made_by", ""),
        body_size=builder.body,
        pages=builder.pages,
        faces=sorted(builder.faces),
        uses_emoji=builder.uses_emoji,
        problems=builder.problems,
    )
