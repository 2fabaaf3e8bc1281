"""What a worker typed prints: the cover's title typed on the title page, in every format."""

from __future__ import annotations

import io
import json

import docx
import pytest
from bs4 import BeautifulSoup

from storyboard.booklet import build_booklet, scene
from storyboard.booklet.render import RENDERERS
from storyboard.story import storyfile
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
