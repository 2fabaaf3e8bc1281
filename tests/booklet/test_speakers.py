"""Speakers print as the child knows them ("Mum", "Andrea"), never with a surname."""

from __future__ import annotations

import io

import docx
import pytest

from storyboard.booklet import build_booklet
from storyboard.booklet.reading import reading_view
from storyboard.services.exports import render_export
from storyboard.story.reading import printed_panels
from storyboard.story.storyfile import StoryFile, parse, validate

PEOPLE = [
    {"id": "mum", "name": "Kerry Baker", "role": "Mum"},
    {"id": "worker", "name": "Andrea Jones", "role": "Social worker", "known_as": "Andrea"},
    {"id": "pat", "name": "Pat Smith", "role": ""},
]


def document(**changes) -> dict:  # noqa: ANN003
    return {
        "format": "storyboard/1",
        "title": "Sam's story",
        "child": {"name": "Sam", "age": 7},
        "people": PEOPLE,
        "panels": [
            {"section": "safety-plan", "text": "Mum was poorly.", "speaker": "mum"},
            {
                "section": "talk-to",
                "text": "",
                "voices": [
                    {"text": "We were worried.", "speaker": "worker"},
                    {"text": "Pat helps.", "speaker": "pat"},
                ],
            },
        ],
    } | changes


@pytest.mark.parametrize(
    ("minimal", "voices"), [(False, ["Andrea", "Pat"]), (True, ["Social worker", ""])]
)
def test_speakers_are_named_as_the_child_knows_them(minimal, voices):
    pages = printed_panels(parse(document(minimal=minimal)))
    assert pages[1].speaker == "Mum"
    assert [label for label, _ in pages[2].voices] == voices


def test_no_surname_reaches_any_format_or_the_phone_page():
    storyfile = StoryFile(validate(document()))
    html = render_export(storyfile, "html").decode()
    word = docx.Document(io.BytesIO(render_export(storyfile, "docx")))
    words = " ".join(p.text for p in word.paragraphs)
    words += " ".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    phone = " ".join(
        " ".join([page.speaker, *[label for label, _ in page.voices]])
        for page in reading_view(storyfile).pages
    )
    booklet = build_booklet(storyfile)
    drawn = " ".join(" ".join(page.words()) for page in booklet.pages)
    for printed in (html, words, phone, drawn):
        assert "Mum" in printed and "Andrea" in printed
        for surname in ("Baker", "Jones", "Smith"):
            assert surname not in printed


def test_known_as_is_part_of_what_was_agreed():
    from storyboard.story.hashing import version_hash

    plain = StoryFile(validate(document()))
    people = [dict(p) for p in PEOPLE]
    people[0]["known_as"] = "Mummy"
    renamed = StoryFile(validate(document(people=people)))
    assert version_hash(plain) != version_hash(renamed)
