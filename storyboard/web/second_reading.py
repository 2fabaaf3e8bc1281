"""The second language's words of each page a reader sees (read mode, the reviewer's page).

A bilingual story's pages, as `booklet.reading.reading_view` gives them, carry the first
language's words; this gives, for the same pages in the same order, the words typed in the
second language, exactly as the booklet prints them (`story.reading.PrintedPanel`'s
`heading_2`, `paragraphs_2`, `voices_2`: the minimal version's names replaced, the steps
numbered, each view's heading). A page with none yet shows the first language's alone.
Nothing is ever translated here: these are the words the worker or an interpreter typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyboard.story.model import Story
from storyboard.story.reading import printed_panels


@dataclass(frozen=True)
class SecondWords:
    """One page's words in the second language (all empty: none typed yet)."""

    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    voices: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def any(self) -> bool:
        """Whether the page has any words in the second language."""
        return bool(self.heading or self.paragraphs or any(lines for _, lines in self.voices))


def second_words(story: Story) -> list[SecondWords]:
    """Each printed page's words in the story's second language, in booklet order; empty
    for a story of one language. A view with no words in the second language is left out."""
    if not story.bilingual:
        return []
    return [
        SecondWords(
            page.heading_2.strip(),
            list(page.paragraphs_2),
            [(label, lines) for label, lines in page.voices_2 if lines],
        )
        for page in printed_panels(story)
    ]
