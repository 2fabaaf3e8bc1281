"""Page building: panels become pages of positioned text and pictures, in points."""

from __future__ import annotations

import dataclasses
import math

from storyboard.booklet import sound, textlayout
from storyboard.booklet.blocks import BlockMaker
from storyboard.booklet.council import council_blocks
from storyboard.booklet.model import (
    ABOUT_HEADING,
    DRAFT_INK,
    DRAFT_MARK,
    DRAFT_WORD,
    FIT,
    LINE_SPACING,
    PAGE_NAME,
    PAGE_SIZES,
    PICTURE_ASPECT,
    SOFT_INK,
    VERSION_LINE,
    Booklet,
    Council,
    DraftMark,
    Page,
    about_notes,
    body_size_for,
)
from storyboard.booklet.scale import scale_svg
from storyboard.booklet.scene import scene_svg
from storyboard.story.hashing import version_hash
from storyboard.story.model import Panel
from storyboard.story.reading import (
    PrintedPanel,
    direction,
    name_swapper,
    printed_panels,
    scale_alt,
    scene_alt,
    speaker_label,
)
from storyboard.story.storyfile import StoryFile
from storyboard.story.wording import Words, words


class PageBuilder(BlockMaker):
    """Lays out pages for one booklet; holds the page geometry while it works."""

    def __init__(
        self,
        storyfile: StoryFile,
        page_size: str,
        draft: bool,
        page_colour: str,
        council: Council | None = None,
    ):
        self.storyfile = storyfile
        self.story = storyfile.story
        self.width, self.height = PAGE_SIZES[page_size]
        self.margin = round(self.width * 0.08)
        self.direction = direction(self.story)
        self.body = body_size_for(self.story.child.age)
        if page_size == "A5":
            self.body = max(self.body - 2, 18.0 if self.body >= 18 else 14.0)
        self.draft = draft
        self.page_colour = page_colour
        self.minimal = self.story.minimal
        # The council's name and logo, when chosen: never on the minimal version.
        self.council = None if self.minimal else council
        self.problems: list[str] = []
        self.faces: set[str] = {"latin"}
        self.uses_emoji = False
        # Pages read aloud that this booklet prints (never the minimal version: a voice may
        # say a name); `build` says, from the printed pages it reads once.
        self.recorded = False
        self.pages: list[Page] = []
        self.clean = name_swapper(self.story)
        self.words = words(self.story.language)  # the fixed words, in the story's language
        # A bilingual booklet's second language: its blocks have their own direction.
        self.second = self.story.second_language
        self.version = storyfile.version or version_hash(storyfile)
        # A picture may reach nearer the page's edge than the words (printers keep ~5 mm).
        self.picture_edge = 14.2  # 5 mm

    # --- pages ----------------------------------------------------------------------------
    def new_page(self, role: str) -> Page:
        """Start a page, with the Draft mark in the top margin when needed."""
        number = len(self.pages) + 1
        page = Page(number, role, name=self.words.gettext(PAGE_NAME, number=number))
        if self.draft:
            mark = self.text_block(
                [self.words.gettext(DRAFT_WORD)],
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

    def title_page(self, entry: PrintedPanel) -> None:
        """The cover: the title, a large picture and who made it, balanced on the page.

        The picture is the title panel's scene, else the story's first scene
        (`PrintedPanel.shows`), so the book opens on a picture the family made.
        """
        bottom = self.height - self.margin
        limit = self.margin + (bottom - self.margin) * FIT
        svg, alt = self.page_picture(entry)
        blocks, end = self._cover_blocks(entry, None, "", 0, self.margin)
        pic_w = 0.0
        if svg is not None:
            room = limit - end - self.body * 2
            pic_w = min(self.width - 2 * self.picture_edge, room / PICTURE_ASPECT)
            pic_w = max(pic_w, (self.width - 2 * self.margin) * 0.5)
            blocks, end = self._cover_blocks(entry, svg, alt, pic_w, self.margin)
        shift = max(0.0, min((bottom - end) / 2, limit - end))
        if shift > 1:
            blocks, end = self._cover_blocks(entry, svg, alt, pic_w, self.margin + shift)
        page = self.new_page("title")
        page.blocks.extend(blocks)

    def _cover_blocks(self, entry: PrintedPanel, svg, alt, pic_w: float, top: float):
        blocks = []
        y = top + self.body
        title = self.text_block(
            [entry.heading], y, size=self.body * 1.8, bold=True, role="title", align="center"
        )
        blocks.append(title)
        y += title.height + self.body
        if entry.heading_2.strip():  # the title in the second language, under the first's
            y -= self.body * 0.6
            title_2 = self.text_block(
                [entry.heading_2], y, size=self.body * 1.5, bold=True, role="subtitle",
                align="center", colour=SOFT_INK, language=self.second,
            )  # fmt: skip
            blocks.append(title_2)
            y += title_2.height + self.body
        if svg:
            pic = self.picture(svg, alt, y, pic_w)
            blocks.append(pic)
            y += pic.height + self.body
        if entry.paragraphs:
            words = self.text_block(entry.paragraphs, y, size=self.body, align="center")
            blocks.append(words)
            y += words.height
        second, y = self.second_blocks(entry, y, align="center")
        blocks.extend(second)
        return blocks, y

    def panel_pages(self, entry: PrintedPanel) -> None:
        """One panel per page, laid out as a picture book.

        The scene takes the room the words leave (up to the page's width less a small edge,
        so on a page of a few lines it is over half the page tall), and the whole page is
        balanced between the margins rather than left with a blank band at the bottom.
        """
        content_w = self.width - 2 * self.margin
        bottom = self.height - self.margin
        limit = self.margin + (bottom - self.margin) * FIT
        svg, alt = self.page_picture(entry)
        blocks, end = self._panel_blocks(entry, None, "", 0)
        pic_w = 0.0
        if svg is not None:
            words = end - self.margin
            room = limit - self.margin - words - self.body * (1.0 if words else 0.4)
            pic_w = min(self.width - 2 * self.picture_edge, room / PICTURE_ASPECT)
            # Below this, the words continue overleaf (a page in two languages lets its
            # picture be smaller, so both languages' words stay on the page with it).
            pic_w = max(pic_w, content_w * (0.45 if self.second else 0.6))
            blocks, end = self._panel_blocks(entry, svg, alt, pic_w)
        if end <= limit:
            # Balanced: the space left is shared above and below (never past the safe area).
            shift = min((bottom - end) / 2, limit - end)
            if shift > 1:
                blocks, end = self._panel_blocks(entry, svg, alt, pic_w, top=self.margin + shift)
        # Text that still does not fit continues on the next page, picture first; what comes
        # after it (a bilingual page's second language) follows it there, in the same order.
        page = self.new_page("panel")
        limit = self.margin + (bottom - self.margin) * FIT
        line = self.body * LINE_SPACING
        shift = 0.0  # how far up the blocks after a page break move (onto the new page)
        # Each block with, for the rest of a split one (placed already), where it ended.
        pending: list[tuple[object, float | None]] = [(block, None) for block in blocks]
        while pending:
            block, ended = pending.pop(0)
            top = block.y - shift if ended is None else block.y
            end = block.y + block.height if ended is None else ended
            if block.kind == "rule" and top + line > limit:
                continue  # the line goes with the words under it: overleaf, none is needed
            if block.kind == "text" and top + block.height > limit and block.lines:
                # At least a line stays where the block starts above the limit.
                fits = int((limit - top) // (block.size * LINE_SPACING))
                keep = max(1, fits) if top < limit else 0
                head, tail = _split_paragraphs(block.paragraphs, keep, self, block)
                if head:
                    page.blocks.append(self.again(block, head, top))
                elif page.blocks and page.blocks[-1].kind == "rule":
                    page.blocks.pop()  # no line at the foot of a page: it goes with the words
                page = self.new_page("panel")
                rest = self.again(block, tail, self.margin)
                shift = end - (self.margin + rest.height)
                if rest.y + rest.height > limit:
                    pending.insert(0, (rest, end))  # longer than a page: on to the next
                else:
                    page.blocks.append(rest)
                continue
            if shift and ended is None:
                block = (
                    self.again(block, block.paragraphs, top)
                    if block.kind == "text"
                    else dataclasses.replace(block, y=top)
                )
            page.blocks.append(block)

    def _panel_blocks(self, entry: PrintedPanel, svg, alt, pic_w, top=None):
        blocks = []
        y = self.margin if top is None else top
        if entry.heading.strip():
            heading = self.text_block(
                [entry.heading], y, size=self.body * 1.25, bold=True, role="heading"
            )
            blocks.append(heading)
            y += heading.height + self.body * 0.4
        if entry.heading_2.strip():  # the heading in the second language, under the first's
            y -= self.body * 0.3 if entry.heading.strip() else 0
            heading_2 = self.text_block(
                [entry.heading_2], y, size=self.body * 1.25, bold=True, role="heading",
                colour=SOFT_INK, language=self.second,
            )  # fmt: skip
            blocks.append(heading_2)
            y += heading_2.height + self.body * 0.4
        if svg:
            pic = self.picture(svg, alt, y, pic_w)
            blocks.append(pic)
            y += pic.height + self.body * 0.6
        if entry.speaker:
            label = self.text_block(
                [entry.speaker], y, size=self.body, bold=True, role="speaker", colour=SOFT_INK
            )
            blocks.append(label)
            y += label.height
        if entry.paragraphs:
            body = self.text_block(entry.paragraphs, y, size=self.body)
            blocks.append(body)
            y += body.height
        if entry.voices:
            y += self.body * 0.5
            blocks.extend(self.voice_blocks(entry.voices, y))
            y = max(b.y + b.height for b in blocks)
        second, y = self.second_blocks(entry, y)
        blocks.extend(second)
        return blocks, y

    def page_picture(self, entry: PrintedPanel) -> tuple[str | None, str]:
        """The page's picture as SVG with its description: the safety scale or the scene."""
        panel = entry.shows
        if entry.picture == "scale":
            alt = scale_alt(entry.marks, self.story.language)
            return scale_svg(entry.marks, direction=self.direction), alt
        if entry.picture == "scene":
            return self.scene(panel), self.alt(panel)
        return None, ""

    def scene(self, panel: Panel) -> str:
        """Compose the panel's scene, noting missing pictures and emoji use."""
        if any(p.kind == "emoji" for p in panel.pictures):
            self.uses_emoji = True
        return scene_svg(
            panel.model_dump(), self.storyfile, self.problems, label_map=self.clean,
            second=self.second is not None,
        )  # fmt: skip

    def alt(self, panel: Panel) -> str:
        """Describe a scene from its pictures' alt text or labels (in both languages, the
        second's after the first's, in a bilingual booklet)."""
        alt = scene_alt(panel, self.clean, self.story.language)
        if self.second:
            alt_2 = scene_alt(panel, self.clean, self.second, second=True)
            alt = f"{alt} {alt_2}" if alt_2 else alt
        return alt

    def end_page(self, entry: PrintedPanel | None) -> None:
        """Who the child can talk to: the last page the child reads."""
        if entry is not None:
            self.panel_pages(entry)
            self.pages[-1].role = "end"

    def read_aloud(self, entry: PrintedPanel, first: int) -> None:
        """Give the first page an entry made its recording, cleaned at the booklet's door."""
        audio = entry.panel.audio if entry.panel is not None else None
        if not self.recorded or audio is None or first >= len(self.pages):
            return
        content = self.storyfile.recordings.get(audio.src[5:])
        clean = sound.cleaned(content) if content else None
        if clean is None:
            self.problems.append(f"page {first + 1}: its recording could not be used")
            return
        self.pages[first].recording = clean.data
        self.pages[first].read_by = self.clean(speaker_label(self.story, audio.speaker))

    def about_page(self) -> None:
        """The last page, for the grown-ups: the credits the licences ask for, and the version.

        None of it is on a page the child reads.
        """
        page = self.new_page("about")
        y = self.margin + self.body
        say = self.words.gettext
        heading = say(ABOUT_HEADING)
        heading = self.text_block([heading], y, size=self.body, bold=True, role="heading")
        page.blocks.append(heading)
        y += heading.height + self.body * 0.8
        if self.council is not None:
            blocks, y = council_blocks(self, self.council, y)
            page.blocks.extend(blocks)
        notes = [say(note) for note in about_notes(self.draft, self.uses_emoji, self.recorded)]
        block = self.text_block(notes, y, size=11, role="credits", colour=SOFT_INK)
        page.blocks.append(block)
        y += block.height + self.body * 0.5
        said_2 = words(self.second).gettext if self.second else None
        if said_2 and said_2(ABOUT_HEADING) != heading.paragraphs[0]:
            # The grown-ups who read the second language read this page in it too (when its
            # catalogue has the page's words; else it would only say the same again).
            page.blocks.append(self.rule(y - self.body * 0.1))
            y += self.body * 0.4
            heading_2 = self.text_block(
                [said_2(ABOUT_HEADING)], y, size=self.body, bold=True, role="heading",
                language=self.second,
            )  # fmt: skip
            page.blocks.append(heading_2)
            y += heading_2.height + self.body * 0.8
            notes_2 = [said_2(n) for n in about_notes(self.draft, self.uses_emoji, self.recorded)]
            block = self.text_block(
                notes_2, y, size=11, role="credits", colour=SOFT_INK, language=self.second
            )
            page.blocks.append(block)
            y += block.height + self.body * 0.5
        # Small enough that the 64-character version fits on one line of an A5 page.
        line = say(VERSION_LINE, version=self.version)
        page.blocks.append(self.text_block([line], y, size=9, role="credits"))


def _split_paragraphs(paragraphs, keep_lines, builder, block):
    """Split paragraphs after `keep_lines` laid-out lines, at a word boundary."""
    head, tail, count = [], [], 0
    for paragraph in paragraphs:
        lines = textlayout.wrap(paragraph, block.width, block.size, block.bold, block.direction)
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


def build(
    storyfile: StoryFile, size: str, is_draft: bool, colour: str, council: Council | None = None
) -> Booklet:
    """Lay out every page: the title, the panels in order, who to talk to, then the about page."""
    builder = PageBuilder(storyfile, size, is_draft, colour, council)
    story = builder.story
    printed = printed_panels(story)
    builder.recorded = not builder.minimal and any(
        e.panel is not None and e.panel.audio is not None for e in printed
    )
    end = printed[-1] if len(printed) > 1 and printed[-1].role == "end" else None
    builder.title_page(printed[0])
    builder.read_aloud(printed[0], 0)
    for entry in printed[1:]:
        if entry is not end:
            first = len(builder.pages)
            builder.panel_pages(entry)
            builder.read_aloud(entry, first)
    first = len(builder.pages)
    builder.end_page(end)
    if end is not None:
        builder.read_aloud(end, first)
    builder.about_page()
    return Booklet(
        title=printed[0].heading,  # the cover's title, as typed on the title page
        language=story.language,
        direction=builder.direction,
        page_size=size,
        width=builder.width,
        height=builder.height,
        margin=builder.margin,
        page_colour=colour,
        draft=is_draft,
        version=builder.version,
        reference=story.reference,
        date=story.date or "",
        made_by="" if builder.minimal else story.made_by,
        body_size=builder.body,
        pages=builder.pages,
        faces=sorted(builder.faces),
        uses_emoji=builder.uses_emoji,
        recorded=builder.recorded,
        problems=builder.problems,
        mark=draft_mark(builder.width, builder.height, builder.words) if is_draft else None,
        council=builder.council,
        second_language=builder.second,
        title_2=printed[0].heading_2,
    )


def draft_mark(width: float, height: float, say: Words) -> DraftMark:
    """The draft mark for a page size: along the diagonal, across about 70% of it."""
    text = say.gettext(DRAFT_MARK)
    diagonal = math.hypot(width, height)
    _, text_width = textlayout.runs(text, 100, True, "ltr")
    return DraftMark(
        text,
        round(100 * 0.7 * diagonal / text_width, 1),
        math.degrees(math.atan2(height, width)),
    )
