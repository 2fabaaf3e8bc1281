"""The second language's words of each page a reader sees (read mode, the reviewer's page).

A bilingual story's pages, as `booklet.reading.reading_view` gives them, carry the first
language's words; this gives, for the same pages in the same order (`story.reading.
printed_panels`), the words typed in the second language, cleaned the same way (the minimal
version's names replaced). A page with none yet shows the first language's alone. Nothing is
ever translated here: these are the words the worker or an interpreter typed.

At merge with the booklet's bilingual pages (`PrintedPanel.heading_2`, `paragraphs_2`,
`voices_2`), this reads those instead of working them out again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyboard.story.model import Panel, Story
from storyboard.story.reading import STEP, TEN_MEANS, name_swapper, printed_panels
from storyboard.story.wording import words


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


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _paragraphs(panel: Panel, language: str) -> list[str]:
    say = words(language)
    parts = _lines(panel.text_2)
    steps = [s for s in panel.steps_2 if s.strip()]
    parts += [say.gettext(STEP, number=i, step=s) for i, s in enumerate(steps, 1)]
    ten = panel.scale.ten_means_2 if panel.scale else ""
    if panel.kind == "scale" and ten.strip():
        parts.append(say.gettext(TEN_MEANS, meaning=ten))
    return parts


def second_words(story: Story) -> list[SecondWords]:
    """Each printed page's words in the story's second language, in booklet order; empty
    for a story of one language."""
    if not story.bilingual:
        return []
    clean = name_swapper(story)
    language = story.second_language or story.language
    out = []
    for page in printed_panels(story):
        panel = page.panel
        if page.role == "title":
            heading = (panel.heading_2.strip() if panel else "") or story.title_2
            lines = _lines(panel.text_2) if panel else []
            out.append(SecondWords(clean(heading), [clean(t) for t in lines]))
            continue
        assert panel is not None  # every page after the cover is a panel's
        voices = [
            (clean(v.label_2.strip()), [clean(t) for t in _lines(v.text_2)])
            for v in [v for v in panel.voices if v.text.strip()][:2]
        ]
        out.append(
            SecondWords(
                clean(panel.heading_2.strip()),
                [clean(p) for p in _paragraphs(panel, language)],
                [(label, lines) for label, lines in voices if lines],
            )
        )
    return out
