"""The booklet as the child will see it, reflowed for a phone: same words, pictures and order.

The printed pages are laid out for paper (`booklet`); a reviewer on a phone reads the same
pages one under the other, in large type, with the same scenes. Which panels, in what order,
with which words and direction all come from `story.reading.printed_panels`, as the booklet's.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from storyboard.booklet.scale import scale_svg
from storyboard.booklet.scene import scene_svg
from storyboard.story.languages import direction_for
from storyboard.story.reading import (
    direction,
    name_swapper,
    printed_panels,
    scale_alt,
    scene_alt,
    speaker_label,
)
from storyboard.story.storyfile import StoryFile


@dataclass
class ReadingPanel:
    """One page as the reviewer reads it; `index` is its panel's place in the document."""

    index: int | None
    role: str
    heading: str
    paragraphs: list[str]
    picture: str | None = None  # a data: URL of the scene SVG
    alt: str = ""
    speaker: str = ""
    voices: list[tuple[str, list[str]]] = field(default_factory=list)
    # The page read aloud: the recording's path in the file, and who reads it ("Mum").
    audio: str | None = None
    read_by: str = ""
    # A bilingual story: the page's words in the second language (the reviewer may read
    # either); empty for one language.
    heading_2: str = ""
    paragraphs_2: list[str] = field(default_factory=list)
    voices_2: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Reading:
    """The booklet for a phone: its language and direction, and its pages in order."""

    language: str
    direction: str
    pages: list[ReadingPanel]
    # A bilingual story's second language and its direction (None and "" for one language).
    second_language: str | None = None
    second_direction: str = ""

    @property
    def recorded(self) -> bool:
        """Whether any page can be heard."""
        return any(page.audio for page in self.pages)


def _data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def reading_view(storyfile: StoryFile) -> Reading:
    """The pages in booklet order, each with its words and its picture."""
    story = storyfile.story
    clean = name_swapper(story)
    rtl = direction(story)
    out: list[ReadingPanel] = []
    for page in printed_panels(story):
        reading = ReadingPanel(
            page.index, page.role, page.heading, page.paragraphs,
            speaker=page.speaker, voices=page.voices, heading_2=page.heading_2,
            paragraphs_2=page.paragraphs_2, voices_2=page.voices_2,
        )  # fmt: skip
        audio = page.panel.audio if page.panel is not None else None
        if audio is not None and not story.minimal:
            # The minimal version (safe to be found at home) says no names; a voice may.
            reading.audio = audio.src.partition(":")[2]
            reading.read_by = clean(speaker_label(story, audio.speaker))
        panel = page.shows
        if page.picture == "scale":
            reading.picture = _data_url(scale_svg(page.marks, direction=rtl))
            reading.alt = scale_alt(page.marks, story.language)
        elif page.picture == "scene":
            svg = scene_svg(
                panel.model_dump(), storyfile, [], label_map=clean, second=story.bilingual
            )
            reading.picture = _data_url(svg)
            reading.alt = scene_alt(panel, clean, story.language)
        out.append(reading)
    second = story.second_language
    return Reading(story.language, rtl, out, second, direction_for(second) if second else "")
