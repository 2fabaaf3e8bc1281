"""What a worker typed prints, and a page left empty does not: the cover's title typed on the
title page, and empty pages left out of every format (the file and the hash keep them)."""

from __future__ import annotations

import copy
import io
import json

import docx
import pytest
from bs4 import BeautifulSoup

from storyboard.booklet import build_booklet, scene
from storyboard.booklet.reading import reading_view
from storyboard.booklet.render import RENDERERS
from storyboard.story import storyfile
from storyboard.story.hashing import version_hash
from storyboard.story.reading import empty_panels, printed_panels
from tests.booklet.test_booklet_formats import FIXTURES


@pytest.fixture(autouse=True)
def test_library(monkeypatch):
    monkeypatch.setattr(scene, "ILLUSTRATIONS_DIR", FIXTURES / "library")


def sam_document() -> dict:
    return json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))


def booklet_of(document: dict):  # noqa: ANN201
    return build_booklet(storyfile.StoryFile(storyfile.validate(document), {}))


def headings(booklet) -> list[str]:  # noqa: ANN001
    return [
        " ".join(b.paragraphs) for p in booklet.pages for b in p.blocks
        if b.kind == "text" and b.role in ("title", "heading")
    ]  # fmt: skip


def test_the_heading_typed_on_the_title_page_is_on_the_cover_in_every_format():
    document = sam_document()
    assert document["title"] == "Sam's story"
    document["panels"][0]["heading"] = "All about Sam and Biscuit"
    booklet = booklet_of(document)

    cover = booklet.pages[0]
    assert cover.role == "title"
    assert "All about Sam and Biscuit" in " ".join(cover.words())

    word = docx.Document(io.BytesIO(RENDERERS["docx"](booklet)))
    texts = [p.text for p in word.paragraphs]
    assert "All about Sam and Biscuit" in texts
    # On the cover: before the first page's heading.
    assert texts.index("All about Sam and Biscuit") < texts.index("My family")

    html = BeautifulSoup(RENDERERS["html"](booklet), "html.parser")
    first = html.select("section.page")[0]
    assert "All about Sam and Biscuit" in first.get_text(" ")
    # The browser's tab, and a PDF printed from it, name the booklet as its cover does.
    assert html.title.get_text() == "All about Sam and Biscuit"


def _empty_and_filled(document: dict) -> dict:
    """Sam's story with five pages added after the family page: one with nothing but a
    heading (and a speaker), one with a heading and a picture, a scale not yet marked, steps
    and two views whose boxes were left blank."""
    panels = document["panels"]
    panels[2:2] = [
        {"id": "e1", "section": "next", "heading": "Nothing here yet", "text": " \n ",
         "speaker": "mum"},
        {"id": "e2", "section": "now", "heading": "Only a picture", "text": "",
         "pictures": [{"src": "library:home", "x": 0.3, "y": 0.2, "width": 0.4, "alt": "home"}]},
        {"id": "e3", "section": "now", "kind": "scale", "heading": "How safe now", "text": ""},
        {"id": "e4", "section": "safety-plan", "kind": "steps", "heading": "Steps to fill in",
         "text": "", "steps": ["", "  "]},
        {"id": "e5", "section": "worries", "heading": "Two views to fill in", "text": "",
         "voices": [{"label": "Mum", "text": ""}, {"label": "Dad", "text": " "}]},
    ]  # fmt: skip
    return document


def test_an_empty_page_prints_no_page_but_a_heading_and_a_picture_or_a_scale_does():
    plain = booklet_of(sam_document())
    document = _empty_and_filled(sam_document())
    booklet = booklet_of(document)

    printed = headings(booklet)
    assert "Only a picture" in printed and "How safe now" in printed
    for empty in ("Nothing here yet", "Steps to fill in", "Two views to fill in"):
        assert empty not in printed
    assert len(booklet.pages) == len(plain.pages) + 2
    shown = [[getattr(b, "role", b.kind) for b in p.blocks] for p in booklet.pages]
    assert ["draft", "heading"] not in shown, "a page with nothing on it but a heading"
    assert ["draft", "heading", "picture"] in shown

    # The phone page and every other reading read the same pages.
    story = storyfile.parse(document)
    reading = [p.heading for p in reading_view(storyfile.StoryFile(document, {})).pages]
    assert reading == [p.heading for p in printed_panels(story)]
    assert "Nothing here yet" not in reading and "Only a picture" in reading

    # What the worker is told: which pages (numbered as in the editor) were left out.
    assert [(i + 1, p.heading) for i, p in empty_panels(story)] == [
        (3, "Nothing here yet"), (6, "Steps to fill in"), (7, "Two views to fill in"),
    ]  # fmt: skip


def test_the_file_and_the_version_hash_keep_an_empty_page():
    document = _empty_and_filled(sam_document())
    kept = storyfile.loads(storyfile.dumps_json(storyfile.validate(document)))
    assert [p["id"] for p in kept.document["panels"]][2:7] == ["e1", "e2", "e3", "e4", "e5"]
    without = copy.deepcopy(document)
    del without["panels"][2]
    assert version_hash(kept) != version_hash(storyfile.StoryFile(storyfile.validate(without)))


def test_the_cover_always_prints_even_with_nothing_typed_on_it():
    document = sam_document()
    document["panels"][0] = {"id": "p1", "section": "title", "text": ""}
    booklet = booklet_of(document)
    assert booklet.pages[0].role == "title" and "Sam's" in booklet.pages[0].words()
    assert empty_panels(storyfile.parse(document)) == []


def test_an_empty_last_talk_to_page_leaves_the_one_before_it_as_the_end_page():
    document = sam_document()
    document["panels"].append({"id": "t2", "section": "talk-to", "heading": "More", "text": ""})
    booklet = booklet_of(document)
    assert booklet.pages[-2].role == "end"
    assert "talk" in " ".join(booklet.pages[-2].words())
    assert "More" not in headings(booklet)
