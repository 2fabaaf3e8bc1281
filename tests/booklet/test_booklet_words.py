"""The booklet's own words (headings a template starts with, Draft, the About page, step
numbers, page names) print in the story's language, in every language the editor offers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from storyboard.booklet import build_booklet, fonts
from storyboard.booklet.render import RENDERERS
from storyboard.story import storyfile
from storyboard.story.templates import all_templates
from storyboard.story.wording import languages, words

FIXTURES = Path(__file__).parents[1] / "fixtures"


def every_word(language: str) -> storyfile.StoryFile:
    """A draft in `language` with every template heading and view label (as a new story
    starts with them), steps, a scale and an emoji: every fixed word the booklet prints."""
    say = words(language).gettext
    headings = dict.fromkeys(
        (spec.section, spec.kind, spec.heading, spec.voices)
        for template in all_templates().values()
        for spec in template.panels
        if spec.heading
    )
    panels = [{"section": "title", "text": "", "pictures": [
        {"src": "emoji:1F600", "x": 0.4, "y": 0.2, "width": 0.2}]}]  # fmt: skip
    for section, kind, heading, voices in headings:
        panel = {"section": section, "kind": kind, "heading": say(heading), "text": "Ola."}
        panel["voices"] = [{"label": say(v), "text": "Ola.", "speaker": "mum"} for v in voices]
        if kind == "steps":
            panel["steps"] = ["Ola.", "Ola."]
        if kind == "scale":
            panel["scale"] = {"ratings": [{"by": "mum", "value": 6}], "ten_means": "Ola."}
        panels.append(panel)
    document = {
        "format": "storyboard/1", "title": "Ola", "child": {"name": "Ola"}, "language": language,
        "date": "2024-06-12", "made_by": "Ola", "status": "draft",
        "people": [{"id": "mum", "name": "Ola", "role": "Mum", "known_as": "Ola"}],
        "panels": panels,
    }  # fmt: skip
    return storyfile.StoryFile(storyfile.validate(document))


def page_words(booklet) -> str:
    return " ".join(" ".join(page.words()) for page in booklet.pages)


@pytest.mark.parametrize("language", languages())
def test_every_fixed_word_prints_in_the_language_with_every_glyph(language):
    booklet = build_booklet(every_word(language))
    assert fonts.missing_glyphs(booklet) == []
    say = words(language).gettext
    printed = page_words(booklet)
    for english in ("Who is worried?", "The professionals think", "About this booklet", "Draft"):
        assert " ".join(say(english).split()) in printed, english
        assert english not in printed
    about = " ".join(booklet.pages[-1].words())
    assert "OpenMoji" in about and booklet.version in about


def test_arabic_steps_are_numbered_at_the_right_where_the_reader_starts():
    booklet = build_booklet(storyfile.read(FIXTURES / "layla-ar.json"))
    lines = [
        line
        for page in booklet.pages
        for block in page.blocks
        if block.kind == "text"
        for line in block.lines
        if line.text.startswith("1. ")
    ]
    assert lines, "the safety plan's first step"
    for line in lines:
        rightmost = max(line.runs, key=lambda run: run.x + run.width)
        assert rightmost.text == "1"  # Western digits, drawn first in reading order
        assert rightmost.x + rightmost.width == pytest.approx(line.width)


def test_the_about_page_draft_word_and_page_names_are_in_the_storys_language():
    document = json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))
    document["language"] = "pl"
    booklet = build_booklet(storyfile.StoryFile(storyfile.validate(document)))
    assert all("Szkic" in page.words() for page in booklet.pages)
    assert booklet.mark is not None and booklet.mark.text == "SZKIC"
    about = " ".join(booklet.pages[-1].words())
    assert "O tej książeczce" in about and "Wersja " + booklet.version in about
    assert "About" not in about and "Version" not in about
    html = BeautifulSoup(RENDERERS["html"](booklet), "html.parser")
    assert html.select_one("section.page")["aria-label"] == "Strona 1"
    # Words typed on a page are never translated: a story already written keeps its
    # headings (the catalogue gives a new story its headings once, when it is made).
    assert "Who is worried?" in [b.paragraphs[0] for p in booklet.pages for b in p.blocks
                                 if b.kind == "text" and b.role == "heading"]  # fmt: skip


def test_an_english_booklet_keeps_its_english_words():
    booklet = build_booklet(storyfile.read(FIXTURES / "sam-12.json"))
    about = " ".join(booklet.pages[-1].words())
    assert about.startswith("Draft About this booklet") and "Version " + booklet.version in about
    assert booklet.mark.text == "DRAFT"
    html = BeautifulSoup(RENDERERS["html"](booklet), "html.parser")
    assert html.select_one("section.page")["aria-label"] == "Page 1"
    assert re.search(r"\b1\. ", page_words(booklet))
