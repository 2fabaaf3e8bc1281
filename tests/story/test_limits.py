"""The same limits for every way in (editor, import, command line), checked before the work."""

from __future__ import annotations

import io
import json
import time
import tracemalloc
import zipfile

import pytest

from storyboard.story.constants import MAX_PANELS, MAX_TEXT
from storyboard.story.storyfile import StoryFileError, loads


def document(**changes) -> dict:  # noqa: ANN003
    return {
        "format": "storyboard/1", "title": "Sam's story", "child": {"name": "Sam"},
        "panels": [{"section": "family", "text": "Sam lives with Mum."}],
    } | changes  # fmt: skip


def test_a_file_with_too_many_pages_is_refused_with_a_clear_message():
    panels = [{"text": "x"} for _ in range(20_000)]
    with pytest.raises(StoryFileError) as refused:
        loads(json.dumps(document(panels=panels)).encode())
    assert str(refused.value) == f"panels: has more than {MAX_PANELS} pages"


def test_a_panel_of_millions_of_characters_is_refused_before_any_drawing():
    panels = [{"text": "word " * 1_000_000}]
    started = time.perf_counter()
    with pytest.raises(StoryFileError) as refused:
        loads(json.dumps(document(panels=panels)).encode())
    assert time.perf_counter() - started < 2
    assert str(refused.value) == f"panels[0].text: is longer than {MAX_TEXT:,} characters"


def test_every_text_field_has_the_limit():
    people = [{"id": "mum", "name": "M" * (MAX_TEXT + 1)}]
    with pytest.raises(StoryFileError, match=r"people\[0\]\.name: is longer than"):
        loads(json.dumps(document(people=people)).encode())
    ok = [{"section": "family", "text": "w" * MAX_TEXT}]
    assert loads(json.dumps(document(panels=ok)).encode()).document["panels"][0]["text"]


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("storyboard.json", json.dumps(document()))
        archive.writestr("images/a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 150_000_000)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_at_once_with_little_memory():
    bomb = _bomb()
    assert len(bomb) < 400_000
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(StoryFileError, match="unpacks to far more than it holds"):
        loads(bomb)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1 and peak < 20 * 1024 * 1024


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("storyboard.json", json.dumps(document()))
    return buffer.getvalue()


def _patched(data: bytes, offsets: dict[bytes, tuple[int, bytes]]) -> bytes:
    out = bytearray(data)
    for signature, (offset, value) in offsets.items():
        at = out.find(signature) + offset
        out[at : at + len(value)] = value
    return bytes(out)


LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"
ENCRYPTED = {LOCAL: (6, b"\x01"), CENTRAL: (8, b"\x01")}  # the general-purpose flag's bit 0
METHOD_99 = {LOCAL: (8, b"\x63\x00"), CENTRAL: (10, b"\x63\x00")}  # compression method 99


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("a bad checksum", lambda z: z.replace(b'"format"', b'"formaT"'), "is damaged"),
        ("a password", lambda z: _patched(z, ENCRYPTED), "is locked with a password"),
        ("an unknown packing", lambda z: _patched(z, METHOD_99), "is packed in a way"),
    ],
)
def test_a_malformed_zip_gets_a_message_not_a_crash(name, make, message):
    with pytest.raises(StoryFileError) as refused:
        loads(make(_zip()))
    assert message in str(refused.value), name
