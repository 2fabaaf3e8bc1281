"""A story in two languages: where the second language's words are still missing.

The booklet prints each page's words in both languages (`reading.printed_panels`); a page
whose second language has no words yet prints the first language's alone. The worker sees the
list (the export page, the plain-words summary) and fills them in, or an interpreter does:
the app never translates.
"""

from __future__ import annotations

from storyboard.story.model import Panel, Story
from storyboard.story.reading import chosen_panels, empty_panels


def missing_second_words(story: Story) -> list[tuple[int, str, list[str]]]:
    """Where a bilingual story's second language has no words yet but its first has: each
    printed page as the worker knows it (its page number in the editor, 0 for the story's
    title, and its heading) with what is missing ("words", "step 2", "picture 1's name").
    The words are never made up: the worker or an interpreter types them. Empty in a story
    of one language."""
    if not story.bilingual:
        return []
    out: list[tuple[int, str, list[str]]] = []
    if not story.title_2.strip():
        out.append((0, story.title, ["title"]))
    empty = {index for index, _ in empty_panels(story)}
    for index, panel in chosen_panels(story):
        if index in empty:
            continue
        missing = missing_fields(panel)
        if missing:
            out.append((index + 1, panel.heading.strip(), missing))
    return out


def missing_fields(panel: Panel) -> list[str]:
    """The printed fields of a page with words in the first language but not the second
    ("heading", "words", "step 2", "what 10 means", "view 1's heading", "picture 1's name")."""

    def gap(first: str, second: str) -> bool:
        return bool(first.strip()) and not second.strip()

    missing = ["heading"] if gap(panel.heading, panel.heading_2) else []
    missing += ["words"] if gap(panel.text, panel.text_2) else []
    steps_2 = list(panel.steps_2) + [""] * len(panel.steps)
    missing += [f"step {i}" for i, s in enumerate(panel.steps, 1) if gap(s, steps_2[i - 1])]
    scale = panel.scale if panel.kind == "scale" else None
    if scale and gap(scale.ten_means, scale.ten_means_2):
        missing.append("what 10 means")
    # A view prints only when it has words (`reading.printed_panels`); so do its names.
    for i, voice in enumerate([v for v in panel.voices if v.text.strip()], 1):
        if gap(voice.label, voice.label_2):
            missing.append(f"view {i}'s heading")
        if gap(voice.text, voice.text_2):
            missing.append(f"view {i}")
    for i, picture in enumerate(panel.pictures, 1):
        if gap(picture.label, picture.label_2):
            missing.append(f"picture {i}'s name")
        if gap(picture.alt, picture.alt_2):
            missing.append(f"picture {i}'s description")
    return missing


def language_name(tag: str | None) -> str:
    """A language's name in English for the worker ("Polish", "Arabic"); the tag itself
    when Babel does not know it, "" for none."""
    if not tag:
        return ""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale("en").languages.get(tag.split("-")[0].lower()) or tag
    except UnknownLocaleError:  # pragma: no cover - English is always known
        return tag
