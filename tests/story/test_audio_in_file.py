"""A page's recording in the portable file: only in a zip, never taken for a picture, and the
version hash covers its bytes."""

from __future__ import annotations

import io
import zipfile

import pytest

from storyboard.story.hashing import hashed_view, version_hash
from storyboard.story.storyfile import (
    StoryFile,
    StoryFileError,
    file_recordings,
    loads,
    validate,
    write_zip,
)

# A WAV begins RIFF....WAVE, as a WebP begins RIFF....WEBP.
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(40)
OTHER_WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(39) + b"\x01"


def document(audio: dict | None = None, **panel) -> dict:
    page = {"section": "family", "heading": "My family", "text": "Mum reads this page.", **panel}
    if audio is not None:
        page["audio"] = audio
    return {
        "format": "storyboard/1", "title": "Sam's story", "child": {"name": "Sam"},
        "people": [{"id": "mum", "name": "Kerry Baker", "role": "Mum"}],
        "panels": [page],
    }  # fmt: skip


def zipped(doc: dict, files: dict[str, bytes]) -> bytes:
    import json

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("storyboard.json", json.dumps(doc))
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_recording_round_trips_through_the_zip_and_is_never_a_picture():
    doc = document({"src": "file:recordings/p1.wav", "speaker": "mum"})
    read = loads(zipped(doc, {"recordings/p1.wav": WAV}))
    assert read.recordings == {"recordings/p1.wav": WAV} and read.images == {}
    assert file_recordings(read.document) == ["recordings/p1.wav"]
    assert read.story.panels[0].audio.speaker == "mum"
    again = loads(write_zip(read))
    assert again.recordings == read.recordings and again.document == read.document
    assert write_zip(again) == write_zip(read), "the same file gives the same bytes"


def test_a_wav_named_as_a_picture_is_refused_not_drawn():
    doc = document(pictures=[{"src": "file:images/photo.webp"}])
    with pytest.raises(StoryFileError) as refused:
        loads(zipped(doc, {"images/photo.webp": WAV}))
    assert refused.value.place == "panels[0].pictures[0].src"
    assert "not a picture" in refused.value.message


def test_a_missing_recording_is_named_by_its_place():
    doc = document({"src": "file:recordings/gone.m4a"})
    with pytest.raises(StoryFileError) as refused:
        loads(zipped(doc, {}))
    assert refused.value.place == "panels[0].audio.src"


@pytest.mark.parametrize(
    ("audio", "place"),
    [
        ({"src": "library:home"}, "panels[0].audio.src"),
        ({"src": "file:../../etc/passwd"}, "panels[0].audio.src"),
        ({"src": "file:recordings/a.m4a", "speaker": "agreed"}, "panels[0].audio.speaker"),
        ({"src": "file:recordings/a.m4a", "speaker": "dad"}, "panels[0].audio.speaker"),
    ],
)
def test_a_recording_must_be_in_the_zip_and_read_by_someone_in_the_story(audio, place):
    with pytest.raises(StoryFileError) as refused:
        validate(document(audio))
    assert refused.value.place == place


def test_the_hash_covers_the_recordings_bytes_not_its_name():
    plain = StoryFile(validate(document()), {})
    recorded = StoryFile(
        validate(document({"src": "file:recordings/a.wav", "speaker": "mum"})),
        recordings={"recordings/a.wav": WAV},
    )
    renamed = StoryFile(
        validate(document({"src": "file:other/b.wav", "speaker": "mum"})),
        recordings={"other/b.wav": WAV},
    )
    again = StoryFile(recorded.document, recordings={"recordings/a.wav": OTHER_WAV})
    read_by_no_one = StoryFile(
        validate(document({"src": "file:recordings/a.wav"})), recordings=recorded.recordings
    )
    hashes = {name: version_hash(sf) for name, sf in [
        ("plain", plain), ("recorded", recorded), ("renamed", renamed), ("again", again),
        ("no one", read_by_no_one),
    ]}  # fmt: skip
    assert hashes["recorded"] == hashes["renamed"], "renaming inside the zip changes nothing"
    assert len({hashes["plain"], hashes["recorded"], hashes["again"], hashes["no one"]}) == 4
    # Scheme 2 (defaults included) never saw recordings: a page without one hashes as it
    # always did, with no "audio" at all; scheme 3 leaves every default out.
    for defaults in (True, False):
        (page,) = hashed_view(plain.story, {}, defaults=defaults)["panels"]
        assert "audio" not in page
    (page,) = hashed_view(recorded.story, recorded.recordings, defaults=True)["panels"]
    assert page["audio"]["src"].startswith("sha256:")
