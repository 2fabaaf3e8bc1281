"""A booklet whose pages were read aloud says so on its About page, in the booklet's
language and in every format, with no address (the file may be kept anywhere); the minimal
version never does (a voice may say a name)."""

from __future__ import annotations

import io

import docx
import pytest

from storyboard.booklet import build_booklet
from storyboard.booklet.model import RECORDED_NOTE
from storyboard.booklet.render import RENDERERS
from storyboard.story.storyfile import StoryFile, validate
from storyboard.story.wording import words


def story(language: str = "en", minimal: bool = False, audio: bool = True) -> StoryFile:
    page = {"section": "family", "heading": "My family", "text": "Sam lives with Mum."}
    if audio:
        page["audio"] = {"src": "file:recordings/p1.m4a", "speaker": "mum"}
    doc = validate({
        "format": "storyboard/1", "title": "Sam's story", "child": {"name": "Sam"},
        "language": language, "minimal": minimal, "status": "approved",
        "people": [{"id": "mum", "name": "Kerry Baker", "role": "Mum"}], "panels": [page],
    })  # fmt: skip
    return StoryFile(doc, recordings={"recordings/p1.m4a": b"sound"} if audio else {})


def about(booklet) -> str:  # noqa: ANN001
    return " ".join(booklet.pages[-1].words())


@pytest.mark.parametrize("language", ["en", "pl", "ar"])
def test_the_about_page_says_the_story_was_read_aloud(language):
    booklet = build_booklet(story(language))
    assert booklet.recorded
    note = words(language).gettext(RECORDED_NOTE)
    assert note != RECORDED_NOTE or language == "en"
    assert " ".join(note.split()) in about(booklet)
    assert "http" not in about(booklet) and "/" not in about(booklet).replace("CC BY-SA", "")


def test_no_note_without_a_recording_or_in_the_minimal_version():
    for sf in (story(audio=False), story(minimal=True)):
        booklet = build_booklet(sf)
        assert not booklet.recorded and "read aloud" not in about(booklet)


def test_word_and_pdf_carry_the_note(tmp_path):
    booklet = build_booklet(story())
    document = docx.Document(io.BytesIO(RENDERERS["docx"](booklet)))
    assert any("read aloud and recorded" in p.text for p in document.paragraphs)
    import subprocess

    path = tmp_path / "b.pdf"
    path.write_bytes(RENDERERS["pdf"](booklet))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "read aloud and recorded" in " ".join(text.split())
