"""Where a bilingual storyboard still lacks words in its second language (the editor's list).

A printed page whose field has words in the first language and none in the second is listed,
with what is missing, so the worker (or an interpreter) types them: the app never translates.
What is missing is the story's own rule (`story.bilingual.missing_second_words`, the same list
the export page shows), read from the same story model; this adds each page's database id.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyboard.services.models import Storyboard
from storyboard.services.panels import live_panels
from storyboard.services.storydoc import to_document
from storyboard.story.bilingual import missing_second_words
from storyboard.story.storyfile import parse


@dataclass(frozen=True)
class Missing:
    """One page with words missing in the second language: the panel (its id and place in
    the editor, counting from 1), its heading as typed, and the fields missing."""

    panel_id: int
    number: int
    heading: str
    fields: list[str]


def missing_second(storyboard: Storyboard) -> list[Missing]:
    """Each printed page of a bilingual storyboard with words missing in its second language,
    in story order; empty for a storyboard of one language. (The story's own title, number
    0 in the story's list, has its box on the Languages card, not on a page.)"""
    if not storyboard.second_language:
        return []
    ids = [panel.id for panel in live_panels(storyboard)]
    return [
        Missing(ids[number - 1], number, heading, fields)
        for number, heading, fields in missing_second_words(parse(to_document(storyboard)))
        if number > 0
    ]
