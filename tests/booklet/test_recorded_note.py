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


def test_the_html_booklet_plays_each_recording_from_inside_the_one_file():
    import base64

    from bs4 import BeautifulSoup

    from tests.fixtures.sounds import PHONE, SECRETS, record

    sf = story()
    sf.recordings = {"recordings/p1.m4a": record("mp4", "aac", 1.5, PHONE)}
    booklet = build_booklet(sf)
    html = RENDERERS["html"](booklet)
    soup = BeautifulSoup(html, "html.parser")
    (player,) = soup.select(".listen audio")
    assert player["src"].startswith("data:audio/mp4;base64,")
    assert "Read aloud by Mum" in soup.select_one(".listen").get_text()
    sound = base64.b64decode(player["src"].partition(",")[2])
    for secret in SECRETS:
        assert secret not in sound, "cleaned at the booklet's door"



def test_a_recording_that_is_not_sound_is_left_out_and_said():
    sf = story()
    sf.recordings = {"recordings/p1.m4a": b"%PDF-1.7 not a recording"}
    booklet = build_booklet(sf)
    assert all(page.recording is None for page in booklet.pages)
    assert any("recording could not be used" in p for p in booklet.problems)
    assert b"<audio" not in RENDERERS["html"](booklet)
