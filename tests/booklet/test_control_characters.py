"""Control characters typed or pasted into the words never break an export, frozen or not."""

from __future__ import annotations

import io

import docx
import pytest

from storyboard.booklet import build_booklet
from storyboard.booklet.render import RENDERERS
from storyboard.story.storyfile import StoryFile, validate

NASTY = "Sam\x01 lives\x0b with\x1f Mum\x7f\x85 and Dad.\x00"


def storyfile() -> StoryFile:
    return StoryFile(validate({
        "format": "storyboard/1", "title": "Sam\x02's story", "child": {"name": "Sam"},
        "people": [{"id": "mum", "name": "Mum\x03", "role": "Mum\x04"}],
        "panels": [
            {"section": "family", "heading": "My\x05 family", "text": NASTY, "speaker": "mum",
             "pictures": [{"src": "emoji:1F408", "label": "Biscuit\x06", "alt": "cat\x07"}]},
            {"section": "worries", "text": "", "steps": ["One\x0c"],
             "voices": [{"text": "We\x08 worry", "label": "Us\x1b"}]},
        ],
    }))  # fmt: skip


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "png"])
def test_every_format_is_made_and_the_words_are_kept(fmt):
    booklet = build_booklet(storyfile())
    words = " ".join(" ".join(p.words()) for p in booklet.pages)  # split at any space
    assert "Sam lives with Mum and Dad." in words
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in words)
    out = RENDERERS[fmt](booklet)
    data = b"".join(out) if fmt == "png" else out
    assert data
    if fmt == "docx":
        text = " ".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        assert "Sam lives with Mum and Dad." in " ".join(text.split())
