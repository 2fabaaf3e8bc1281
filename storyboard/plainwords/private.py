"""The private-details check over every string the booklet prints.

A child carries the booklet to school and leaves it on a bed. Every printed string (the title,
headings, words, speakers, the two voices, steps, picture labels and picture descriptions,
exactly as `story.reading` prints them) is checked for what identifies a family: surnames of
the people in the case and of the child, postcodes, street addresses, phone numbers, email
addresses and named schools. Phone numbers anyone may print (the council's own helplines,
which the caller passes in as `public_numbers`) are not private. The worker sees the findings
when sending for review and when exporting, and confirms them before going on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from storyboard.plainwords.checks import find_identifying
from storyboard.story.model import Story
from storyboard.story.reading import name_swapper, printed_panels


@dataclass(frozen=True)
class Finding:
    """Something private on a printed page: where, what was found and what to do."""

    page: int  # the printed page, 1 = the title page
    where: str  # "the words", "the speaker", "a picture label", ...
    words: str
    what: str  # "a surname", "a postcode", ...
    advice: str


def _surnames(story: Story) -> dict[str, str]:
    """Surnames that must not print -> whose: the last word of each full name in the case."""
    found: dict[str, str] = {}
    spoken = {p.known_as for p in story.people} | {p.role for p in story.people}
    for full in [story.child.name] + [p.name for p in story.people]:
        words = full.split()
        if len(words) >= 2 and words[-1] not in spoken and len(words[-1]) > 1:
            found[words[-1]] = full
    return found


def _strings(story: Story) -> list[tuple[int, str, str]]:
    """(page, where, text) for every string the booklet prints, in page order."""
    clean = name_swapper(story)
    out: list[tuple[int, str, str]] = []
    for number, page in enumerate(printed_panels(story), start=1):
        out.append((number, "the heading" if number > 1 else "the title", page.heading))
        out += [(number, "the words", p) for p in page.paragraphs]
        out.append((number, "the speaker", page.speaker))
        for label, lines in page.voices:
            out.append((number, "a voice's name", label))
            out += [(number, "a voice's words", line) for line in lines]
        out += [(number, "a name on the scale", m.label) for m in page.marks]
        for picture in page.shows.pictures if page.shows else []:
            out.append((number, "a picture label", clean(picture.label)))
            out.append((number, "a picture description", clean(picture.alt)))
    return [item for item in out if item[2].strip()]


def private_details(story: Story, public_numbers: Iterable[str] = ()) -> list[Finding]:
    """Every private detail on a printed page; empty when the booklet is safe to carry.
    `public_numbers`: phone numbers that may print (the council's helplines)."""
    public = tuple(public_numbers)
    surnames = _surnames(story)
    pattern = (
        re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in surnames) + r")(?!\w)")
        if surnames
        else None
    )
    findings: list[Finding] = []
    for page, where, text in _strings(story):
        for match in pattern.finditer(text) if pattern else ():
            findings.append(
                Finding(page, where, match.group(1), "a surname",
                        "Use the name the child knows (Mum, Nan, Andrea), without the surname.")
            )  # fmt: skip
        for hint in find_identifying(text, public_numbers=public):
            what = hint.note.removeprefix("This looks like ").partition(".")[0]
            findings.append(Finding(page, where, hint.words, what, hint.suggestion))
    return findings
