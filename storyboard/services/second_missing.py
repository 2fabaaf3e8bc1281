"""Where a bilingual storyboard still lacks words in its second language (the editor's list).

A printed page whose field has words in the first language and none in the second is listed,
with what is missing, so the worker (or an interpreter) types them: the app never translates.
Which pages print is the booklet's own rule (`story.reading`), read from the same story model.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyboard.services.models import Storyboard
from storyboard.services.panels import live_panels
from storyboard.services.storydoc import to_document
from storyboard.story.model import Panel
from storyboard.story.reading import chosen_panels, empty_panels
from storyboard.story.storyfile import parse


@dataclass(frozen=True)
class Missing:
    """One page with words missing in the second language: the panel (its id and place in
    the editor, counting from 1), its heading as typed, and the fields missing."""

    panel_id: int
    number: int
    heading: str
    fields: list[str]


def _gap(first: str, second: str) -> bool:
    return bool(first.strip()) and not second.strip()


def missing_fields(panel: Panel) -> list[str]:
    """The printed fields of a page with words in the first language but not the second."""
    out = ["heading"] if _gap(panel.heading, panel.heading_2) else []
    out += ["words"] if _gap(panel.text, panel.text_2) else []
    steps_2 = list(panel.steps_2) + [""] * len(panel.steps)
    out += [f"step {i}" for i, s in enumerate(panel.steps, 1) if _gap(s, steps_2[i - 1])]
    scale = panel.scale if panel.kind == "scale" else None
    if scale and _gap(scale.ten_means, scale.ten_means_2):
        out.append("what 10 means")
    # A view prints only when it has words (story.reading.printed_panels); so do its names.
    for i, voice in enumerate([v for v in panel.voices if v.text.strip()], 1):
        if _gap(voice.label, voice.label_2):
            out.append(f"view {i}'s heading")
        if _gap(voice.text, voice.text_2):
            out.append(f"view {i}")
    for i, picture in enumerate(panel.pictures, 1):
        if _gap(picture.label, picture.label_2):
            out.append(f"picture {i}'s name")
        if _gap(picture.alt, picture.alt_2):
            out.append(f"picture {i}'s description")
    return out


def missing_second(storyboard: Storyboard) -> list[Missing]:
    """Each printed page of a bilingual storyboard with words missing in its second language,
    in story order; empty for a storyboard of one language."""
    if not storyboard.second_language:
        return []
    story = parse(to_document(storyboard))
    ids = [panel.id for panel in live_panels(storyboard)]
    empty = {index for index, _ in empty_panels(story)}
    out = []
    for index, panel in chosen_panels(story):
        fields = missing_fields(panel) if index not in empty else []
        if fields:
            out.append(Missing(ids[index], index + 1, panel.heading.strip(), fields))
    return out
