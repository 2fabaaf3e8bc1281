"""Laying out a page's blocks: paragraphs in a box, views side by side, and a bilingual
page's second language under a thin line. `pages.PageBuilder` builds on this."""

from __future__ import annotations

from storyboard.booklet import textlayout
from storyboard.booklet.emoji import FACE as EMOJI_FACE
from storyboard.booklet.fonts import face_for
from storyboard.booklet.model import (
    INK,
    LINE_SPACING,
    PICTURE_ASPECT,
    SOFT_INK,
    Line,
    PictureBlock,
    RuleBlock,
    Run,
    TextBlock,
)
from storyboard.story.languages import direction_for
from storyboard.story.model import Story
from storyboard.story.reading import PrintedPanel


class BlockMaker:
    """Makes blocks in points for a page geometry; `PageBuilder` sets the attributes."""

    story: Story
    width: float
    margin: float
    body: float
    direction: str
    second: str | None
    faces: set[str]
    uses_emoji: bool

    # --- text helpers ---------------------------------------------------------------------
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
        language=None,
    ) -> TextBlock:
        """Lay out paragraphs in a box starting at y; returns the block with its height.

        `language`: the block's own language (a bilingual booklet's second), which sets its
        direction; None is the booklet's."""
        language = language or self.story.language
        direction = direction_for(language) if language != self.story.language else self.direction
        x = self.margin if x is None else x
        width = self.width - 2 * self.margin if width is None else width
        joined = " ".join(paragraphs)
        face = face_for(joined, language).key
        self.faces.add(face)
        lines: list[Line] = []
        line_h = size * LINE_SPACING
        top = y
        for paragraph in paragraphs:
            for line_text in textlayout.wrap(paragraph, width, size, bold, direction):
                runs, line_w = textlayout.runs(line_text, size, bold, direction)
                for run_face in {r[1] for r in runs}:
                    if run_face == EMOJI_FACE:
                        self.uses_emoji = True  # drawn from OpenMoji: the about page credits it
                    else:
                        self.faces.add(run_face)
                if align == "center":
                    lx = x + (width - line_w) / 2
                elif (align == "start") == (direction == "rtl"):
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
            direction,
            align,
            colour,
            role,
            language=language,
        )

    def again(self, block: TextBlock, paragraphs: list[str], y: float) -> TextBlock:
        """The same block's style, language and box for other paragraphs, at y."""
        return self.text_block(
            paragraphs, y, size=block.size, width=block.width, x=block.x, bold=block.bold,
            role=block.role, align=block.align, colour=block.colour, language=block.language,
        )  # fmt: skip

    def rule(self, y: float) -> RuleBlock:
        """The thin line where a page's second language starts, across the words' width."""
        return RuleBlock(self.margin, y, self.width - 2 * self.margin)

    def second_blocks(self, entry: PrintedPanel, y: float, align: str = "start"):
        """A page's words in the second language, under a thin line: its paragraphs, then
        its views side by side. Returns the blocks and where they end."""
        if not (entry.paragraphs_2 or entry.voices_2):
            return [], y
        y += self.body * 0.45
        blocks: list = [self.rule(y)]
        y += self.body * 0.45
        if entry.paragraphs_2:
            words_2 = self.text_block(
                entry.paragraphs_2, y, size=self.body, align=align, language=self.second
            )
            blocks.append(words_2)
            y += words_2.height
        if entry.voices_2:
            y += self.body * 0.5 if entry.paragraphs_2 else 0
            voices = self.voice_blocks(entry.voices_2, y, self.second)
            blocks.extend(voices)
            y = max(b.y + b.height for b in voices)
        return blocks, y

    def picture(self, svg: str, alt: str, y: float, width: float) -> PictureBlock:
        """Place a 4:3 picture centred across the content width."""
        x = (self.width - width) / 2
        return PictureBlock(x, y, width, width * PICTURE_ASPECT, svg, self.clean(alt))

    def voice_blocks(
        self, voices: list[tuple[str, list[str]]], y: float, language: str | None = None
    ) -> list[TextBlock]:
        """Two voices side by side (the first at the reading start of their language), each
        label over text."""
        gap = self.body
        col_w = (self.width - 2 * self.margin - gap) / len(voices)
        rtl = direction_for(language or self.story.language) == "rtl"
        blocks = []
        for i, (label, lines) in enumerate(voices):
            col = len(voices) - 1 - i if rtl else i
            x = self.margin + col * (col_w + gap)
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
                    language=language,
                )
                blocks.append(lb)
                top += lb.height
            blocks.append(
                self.text_block(
                    lines, top, size=self.body, width=col_w, x=x, role="voice", language=language
                )
            )
        return blocks
