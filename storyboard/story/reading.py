"""What prints, in what order, with which words: decided once, for every way a story is read.

The booklet (all four formats), the editor's preview and the reviewer's phone page all take
their pages from `printed_panels`: skipped and empty panels left out, the minimal version keeps
only its sections and says people's roles instead of their names, the title first, the last
"who I can talk to" page last.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from storyboard.story.constants import MINIMAL_SECTIONS
from storyboard.story.languages import direction_for
from storyboard.story.model import Panel, Story, Voice
from storyboard.story.wording import N_, words

# Translators: a numbered step of a plan ("1. I can go to my room"). Keep the digits as they
# are (Western, like the safety scale's picture).
STEP = N_("%(number)d. %(step)s")
# Translators: under the safety scale, what 10 means, in the family's words.
TEN_MEANS = N_("10 = %(meaning)s")
# Translators: the safety scale described for screen readers and Word's and PDF's alt text.
SCALE = N_("A scale from 0 to 10")
SCALE_MARKS = N_("A scale from 0 to 10: %(marks)s")
SCALE_ONE_MARK = N_("A scale from 0 to 10, marked at %(value)s")
# Translators: one person's place on the safety scale ("Mum at 6").
MARK_BY = N_("%(who)s at %(value)s")
MARK_UNNAMED = N_("marked at %(value)s")
# Translators: between the people on the scale: "Mum at 6, Dad at 4".
MARKS_JOIN = N_(", ")
# Translators: a scene described for screen readers when its pictures have no description.
A_PICTURE = N_("A picture")
# Translators: a picture's description made a sentence: use your language's full stop.
SENTENCE = N_("%(sentence)s.")
# Translators: a view's heading with who said it: "The professionals think (Andrea)".
VOICE_BY = N_("%(label)s (%(who)s)")


@dataclass(frozen=True)
class Mark:
    """One rating as the safety scale prints it: who (as the child knows them; "" for an old
    file's mark, which names no one), where, and which marker: the person's place among the
    story's people, so Mum has the same marker on every scale page (-1: no one named)."""

    label: str
    value: float
    marker: int


@dataclass(frozen=True)
class PrintedPanel:
    """One printed page's words: `index` is the panel's place in the document (None: no panel)."""

    index: int | None
    role: str  # "title", "panel" or "end"
    panel: Panel | None
    heading: str
    paragraphs: list[str]
    speaker: str = ""
    voices: list[tuple[str, list[str]]] = field(default_factory=list)
    # The cover only: the panel whose scene it shows when the title panel has none.
    cover: Panel | None = None
    # A scale page: each rating on the line.
    marks: list[Mark] = field(default_factory=list)
    # A bilingual story: the same page's words in its second language (`Story.second_language`),
    # printed under the first language's; empty in a story of one language.
    heading_2: str = ""
    paragraphs_2: list[str] = field(default_factory=list)
    voices_2: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def shows(self) -> Panel | None:
        """The panel whose picture this page shows (the cover may borrow the first scene)."""
        return self.cover or self.panel

    @property
    def picture(self) -> str | None:
        """What picture the page shows: "scale" (the safety scale), "scene", or None."""
        panel = self.shows
        if panel is None:
            return None
        if panel.kind == "scale":
            return "scale"
        return "scene" if panel.pictures or panel.background else None

    @property
    def has_scene(self) -> bool:
        """Whether the page shows a picture."""
        return self.picture is not None


def direction(story: Story) -> str:
    """The story's reading direction, from its language."""
    return direction_for(story.language)


def format_date(value: str, language: str = "en") -> str:
    """Write an ISO date the way people read it in the story's language: "31 May 2024",
    "31 maja 2024"; day/month/year in a language Babel does not know."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return words(language).date(day)


# Control characters pasted in with the words (from a phone, a PDF, another system): the ones
# that separate words become a space, the rest go. No renderer can draw them, and Word, PDF
# and SVG refuse some of them outright.
_SPACING_CONTROLS = dict.fromkeys([0x09, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x1F, 0x85], " ")
_CONTROLS = {
    c: None for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c != 0x0A
} | _SPACING_CONTROLS


def printable(text: str) -> str:
    """The text without control characters (new lines kept), as every format prints it."""
    return text.translate(_CONTROLS)


def name_swapper(story: Story) -> Callable[[str], str]:
    """Make a text printable; in the minimal version, people's names (not the child's)
    become their roles."""
    if not story.minimal:
        return printable
    table = {p.name: p.role for p in story.people if p.name and p.name != story.child.name}
    if not table:
        return printable
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in table) + r")\b")
    return lambda text: printable(pattern.sub(lambda m: table[m.group(1)], text))


def voice_label(story: Story, voice: Voice, second: bool = False) -> str:
    """A view's heading: its label, with who said it when they are chosen and the label does
    not already name them ("The professionals think (Andrea)"); else who said it. `second`:
    in the story's second language (its `label_2`)."""
    who = speaker_label(story, voice.speaker)
    label = (voice.label_2 if second else voice.label).strip()
    if not label or not who:
        return label or who
    # The second language's label says who as the first's does ("Mum and Dad say" names
    # Mum, so "Mama i tata mówią" is not given "(Mum)": the name is in the first language).
    named = voice.label if second and voice.label.strip() else label
    if re.search(rf"\b{re.escape(who)}\b", named, re.IGNORECASE):
        return label
    language = (story.second_language if second else None) or story.language
    return words(language).gettext(VOICE_BY, label=label, who=who)


def speaker_label(story: Story, speaker: str | None) -> str:
    """Who is speaking, as the child knows them: `known_as`, else their role, else their
    first name. Never a full name: the case record keeps those, the booklet does not.
    The minimal version (safe to be found at home) says their role, and no name at all."""
    person = story.person(speaker)
    if person is None:
        return ""
    if story.minimal:
        return (person.role or "").strip()
    first_name = person.name.split()[0] if person.name.split() else ""
    if person.kind == "child":
        # A child of the case is called by name ("Sam", "Josh"), not "me" or "big brother".
        return (person.known_as or first_name or person.role).strip()
    return (person.known_as or person.role or first_name).strip()


def scale_marks(story: Story, panel: Panel | None, clean: Callable[[str], str]) -> list[Mark]:
    """A scale panel's ratings as they print, in the panel's order; none for other panels."""
    if panel is None or panel.kind != "scale" or panel.scale is None:
        return []
    order = {p.id: i for i, p in enumerate(story.people)}
    return [
        Mark(clean(speaker_label(story, r.by)), r.value, order.get(r.by, -1) if r.by else -1)
        for r in panel.scale.ratings
    ]


def scale_alt(marks: list[Mark], language: str = "en") -> str:
    """Describe the safety scale and where each person put things (for screen readers and
    the Word and PDF alt text): "A scale from 0 to 10: Mum at 6, Dad at 4"."""
    say = words(language)
    if len(marks) == 1 and not marks[0].label:
        return say.gettext(SCALE_ONE_MARK, value=say.number(marks[0].value))
    said = [
        say.gettext(MARK_BY, who=m.label, value=say.number(m.value))
        if m.label
        else say.gettext(MARK_UNNAMED, value=say.number(m.value))
        for m in marks
    ]
    if not said:
        return say.gettext(SCALE)
    return say.gettext(SCALE_MARKS, marks=say.gettext(MARKS_JOIN).join(said))


def panel_paragraphs(panel: Panel, language: str = "en", second: bool = False) -> list[str]:
    """A panel's printed words: its text lines, then numbered steps, then what 10 means
    (`second`: its words in the second language, `text_2`, `steps_2`, `ten_means_2`, and
    `language` is that language)."""
    say = words(language)
    text, steps = (panel.text_2, panel.steps_2) if second else (panel.text, panel.steps)
    parts = [p for p in text.split("\n") if p.strip()]
    # Steps left empty are not counted: the child reads 1, 2, 3 with no gaps.
    steps = [s for s in steps if s.strip()]
    parts += [say.gettext(STEP, number=i, step=s) for i, s in enumerate(steps, 1)]
    ten = (panel.scale.ten_means_2 if second else panel.scale.ten_means) if panel.scale else ""
    if panel.kind == "scale" and ten.strip():
        parts.append(say.gettext(TEN_MEANS, meaning=ten))
    return parts


def chosen_panels(story: Story) -> list[tuple[int, Panel]]:
    """The panels that print, with their place in the document."""
    return [
        (i, p)
        for i, p in enumerate(story.panels)
        if not p.skipped and (not story.minimal or p.section in MINIMAL_SECTIONS)
    ]


def is_empty(panel: Panel, bilingual: bool = False) -> bool:
    """Whether a page has nothing to print but its heading: no words, steps, views or picture
    (`bilingual`: in either language).

    A template page never filled in prints as a blank page with a heading; it is left out
    (the file and the version keep it). A scale always shows the scale, so it is never empty.
    """
    second = bilingual and (
        panel_paragraphs(panel, second=True) or any(v.text_2.strip() for v in panel.voices)
    )
    return not (
        second
        or panel_paragraphs(panel)
        or any(v.text.strip() for v in panel.voices)
        or panel.kind == "scale"
        or panel.pictures
        or panel.background
    )


def empty_panels(story: Story) -> list[tuple[int, Panel]]:
    """The pages left out of the booklet because they are empty, with their place in the
    document (the cover always prints, so the title page is never one of them)."""
    chosen = chosen_panels(story)
    if chosen and chosen[0][1].section == "title":
        chosen = chosen[1:]
    return [(index, panel) for index, panel in chosen if is_empty(panel, story.bilingual)]


def empty_pages(story: Story) -> list[tuple[int, str]]:
    """Each empty page left out, as the worker knows it: its page number in the editor
    (counting from 1) and its heading, for the note that says so."""
    return [(index + 1, panel.heading.strip()) for index, panel in empty_panels(story)]


def printed_panels(story: Story) -> list[PrintedPanel]:
    """Every printed page's words in booklet order: title, the panels, then "who I can talk to".

    The title page is always there (with the title panel's words and picture when the story
    starts with one; with no picture of its own, it shows the story's first scene); the end
    page only when a "talk-to" panel prints. Empty pages (`empty_panels`) are left out.
    """
    clean = name_swapper(story)
    chosen = chosen_panels(story)
    title = chosen[0] if chosen and chosen[0][1].section == "title" else None
    empty = {index for index, _ in empty_panels(story)}
    body = [item for item in (chosen[1:] if title else chosen) if item[0] not in empty]
    talk = [item for item in body if item[1].section == "talk-to"]
    end = talk[-1] if talk else None

    lines = [clean(t) for t in title[1].text.split("\n") if t.strip()] if title else []
    if story.made_by and not story.minimal:
        lines.append(story.made_by)
    if story.date:
        lines.append(format_date(story.date, story.language))
    title_panel = title[1] if title else None
    # The heading typed on the title page is the booklet's title; else the story's title.
    cover_title = (title_panel.heading.strip() if title_panel else "") or story.title
    has_scene = [p for _, p in body if p.kind != "scale" and (p.pictures or p.background)]
    cover = None
    if not (title_panel and (title_panel.pictures or title_panel.background)) and has_scene:
        cover = has_scene[0]  # the book opens on a picture the family made
    pages = [
        PrintedPanel(
            title[0] if title else None, "title", title_panel, clean(cover_title), lines,
            cover=cover, marks=scale_marks(story, title_panel, clean),
        )
    ]  # fmt: skip
    if story.bilingual:  # the cover's title and words in the second language
        heading_2 = (title_panel.heading_2 if title_panel else "").strip() or story.title_2
        text_2 = title_panel.text_2 if title_panel else ""
        pages[0] = replace(
            pages[0],
            heading_2=clean(heading_2),
            paragraphs_2=[clean(t) for t in text_2.split("\n") if t.strip()],
        )
    for index, panel in [item for item in body if item is not end] + ([end] if end else []):
        voices = [
            (
                clean(voice_label(story, v)),
                [clean(t) for t in v.text.split("\n") if t.strip()],
            )
            for v in [v for v in panel.voices if v.text.strip()][:2]
        ]
        pages.append(
            PrintedPanel(
                index,
                "end" if end is not None and index == end[0] else "panel",
                panel,
                clean(panel.heading),
                [clean(p) for p in panel_paragraphs(panel, story.language)],
                speaker=clean(speaker_label(story, panel.speaker)),
                voices=voices,
                marks=scale_marks(story, panel, clean),
            )
        )
        if story.bilingual:
            pages[-1] = _second_words(story, panel, pages[-1], clean)
    return pages


def _second_words(
    story: Story, panel: Panel, page: PrintedPanel, clean: Callable[[str], str]
) -> PrintedPanel:
    """A printed page with its words in the story's second language, cleaned like the first
    language's (the minimal version's names replaced by roles in them too). The views are
    the same ones as the first language's, in the same order."""
    second = story.second_language or story.language
    voices_2 = [
        (
            clean(voice_label(story, v, second=True)),
            [clean(t) for t in v.text_2.split("\n") if t.strip()],
        )
        for v in [v for v in panel.voices if v.text.strip()][:2]
    ]
    return replace(
        page,
        heading_2=clean(panel.heading_2),
        paragraphs_2=[clean(p) for p in panel_paragraphs(panel, second, second=True)],
        voices_2=voices_2 if any(lines for _, lines in voices_2) else [],
    )


# What ends a sentence already, in the editor's languages (Arabic and Urdu question marks,
# Urdu's full stop, the danda of Hindi and Bengali).
_ENDS = ".!?…؟۔।"


def scene_alt(
    panel: Panel,
    clean: Callable[[str], str] | None = None,
    language: str = "en",
    second: bool = False,
) -> str:
    """Describe a scene from its pictures' alt text or labels (a scale: `scale_alt`);
    `second`: from their `alt_2` and `label_2`, in the second language `language`."""
    # Each description is a sentence of its own ("A grandma with glasses. A drawing."), so a
    # screen reader does not read "glasses., A drawing.".
    say = words(language)
    if second:
        parts = [(p.alt_2 or p.label_2).strip() for p in panel.pictures]
        if not any(parts):
            return ""
    else:
        parts = [(p.alt or p.label).strip() for p in panel.pictures]
    sentences = [p if p[-1] in _ENDS else say.gettext(SENTENCE, sentence=p) for p in parts if p]
    text = " ".join(sentences) or say.gettext(A_PICTURE)
    return clean(text) if clean else text


def printed_words(story: Story) -> list[str]:
    """Every printed word of the story's pages, in order (for checks and tests)."""
    words: list[str] = []
    for page in printed_panels(story):
        texts = [page.heading, *page.paragraphs, page.speaker, *(m.label for m in page.marks)]
        for label, lines in page.voices:
            texts += [label, *lines]
        texts += [page.heading_2, *page.paragraphs_2]
        for label, lines in page.voices_2:
            texts += [label, *lines]
        words += [w for t in texts for w in t.split()]
    return words
