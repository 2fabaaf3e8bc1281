"""A recording is taken only if it is sound, and is kept in one clean form with nothing else.

The recordings are made here with PyAV, the kinds a tablet or a phone makes: WebM and Ogg
with Opus, MP4 with AAC carrying a phone's title, date, model and the place it was made, MP3
and WAV. What is left in a cleaned file is read back with exiftool, a tool of its own.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import av
import pytest

from storyboard.recordings.audio import (
    BIT_RATE,
    RATE,
    AudioRejected,
    clean_audio,
    sniff,
)
from tests.fixtures.sounds import KINDS, PHONE, SECRETS, record


def exiftool(data: bytes, tmp_path: Path) -> dict:
    assert shutil.which("exiftool"), "exiftool is missing (.ci/run installs it)"
    path = tmp_path / "recording.m4a"
    path.write_bytes(data)
    out = subprocess.run(
        ["exiftool", "-j", "-a", "-G1", "-ee", str(path)], capture_output=True, check=True
    )
    (tags,) = json.loads(out.stdout)
    return {k: v for k, v in tags.items() if not k.startswith(("System:", "ExifTool:"))}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_a_tablet_or_phone_makes_is_kept_as_mono_aac_in_mp4(kind):
    fmt, codec = KINDS[kind]
    data = record(fmt, codec, seconds=2.0, metadata=PHONE)
    assert sniff(data) == kind
    clean = clean_audio(data)
    assert not clean.kept and clean.name == f"{clean.sha256}.m4a"
    with av.open(io.BytesIO(clean.data)) as stored:
        (stream,) = stored.streams
        assert stream.type == "audio" and stream.codec_context.name == "aac"
        assert stream.codec_context.profile == "LC"
        assert stream.codec_context.channels == 1 and stream.codec_context.sample_rate == RATE
        assert abs(stream.bit_rate - BIT_RATE) < 0.15 * BIT_RATE
    assert abs(clean.seconds - 2.0) < 0.2  # the encoder adds a frame or two of priming
    assert clean_audio(data).data == clean.data, "the same sound gives the same bytes"


def test_a_phones_title_date_model_and_location_are_gone(tmp_path):
    data = record("mp4", "aac", metadata=PHONE)
    before = exiftool(data, tmp_path)
    assert any("GPS" in k for k in before) and "Keys:Model" in before  # the phone's, as made
    clean = clean_audio(data)
    after = exiftool(clean.data, tmp_path)
    assert not [k for k in after if "GPS" in k or "Location" in k]
    for tag in ("Title", "Comment", "Model", "Make", "Encoder", "DateTimeOriginal"):
        assert not [k for k in after if k.endswith(":" + tag)], tag
    dates = {v for k, v in after.items() if k.endswith("Date")}
    assert dates == {"0000:00:00 00:00:00"}, "no date of any kind"
    for secret in SECRETS:
        assert secret not in clean.data


def test_a_recording_already_in_the_stored_form_is_kept_byte_for_byte():
    stored = clean_audio(record("webm", "libopus")).data
    again = clean_audio(stored)
    assert again.kept and again.data == stored
    # The same sound with a title added is not ours any more: it is encoded again, cleanly.
    buffer = io.BytesIO()
    with av.open(io.BytesIO(stored)) as source, av.open(buffer, "w", format="mp4") as target:
        target.metadata["title"] = "Kitchen table"
        out = target.add_stream_from_template(source.streams.audio[0])
        for packet in source.demux(source.streams.audio[0]):
            if packet.dts is not None:
                packet.stream = out
                target.mux(packet)
    retitled = clean_audio(buffer.getvalue())
    assert not retitled.kept and b"Kitchen table" not in retitled.data


def test_a_webp_picture_is_never_taken_for_a_wav_though_both_are_riff():
    picture = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(picture, "WEBP")
    with pytest.raises(AudioRejected, match="picture, not a recording"):
        clean_audio(picture.getvalue())
    assert sniff(record("wav", "pcm_s16le")) == "wav"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n...", "a PDF document"),
        (b"<script>alert(1)</script>", "a web page or text"),
        (b"PK\x03\x04" + bytes(40), "a zip file"),
        (bytes(range(256)) * 4, "not a recording we can play"),
        (b"OggS" + bytes(300), "damaged"),
        (b"\x1a\x45\xdf\xa3" + b"\x00garbage" * 50, "damaged"),
    ],
)
def test_what_is_not_a_recording_is_refused_saying_what_it_is(data, says):
    with pytest.raises(AudioRejected, match=says):
        clean_audio(data)


def test_a_video_is_refused():
    with pytest.raises(AudioRejected, match="video"):
        clean_audio(record("mp4", "aac", video=True))


def test_too_long_and_too_large_are_refused_with_the_limit():
    data = record("ogg", "libopus", seconds=3.0)
    with pytest.raises(AudioRejected, match="up to 0 minutes|longer than a page"):
        clean_audio(data, max_seconds=1.0)
    with pytest.raises(AudioRejected, match="up to 0 MB|MB"):
        clean_audio(data, max_bytes=1000)
    assert clean_audio(data, max_seconds=5.0).seconds > 2.5


def test_silence_too_short_to_hear_is_refused():
    with pytest.raises(AudioRejected, match="no sound"):
        clean_audio(record("wav", "pcm_s16le", seconds=0.1))


def wav_header(rate: int, channels: int = 1, bits: int = 16, nbytes: int = 2000) -> bytes:
    """A WAV file with its header as given, and silence."""
    import struct

    align = (channels * bits // 8) & 0xFFFF
    fmt = struct.pack("<HHIIHH", 1, channels, rate, (rate * align) & 0xFFFFFFFF, align, bits)
    body = b"WAVEfmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", nbytes) + bytes(nbytes)
    return b"RIFF" + struct.pack("<I", len(body)) + body


@pytest.mark.parametrize(
    "header", [{"bits": 0}, {"bits": 7}, {"rate": 0}, {"rate": 48000, "channels": 0}]
)
def test_a_wav_with_an_impossible_header_is_refused_not_a_crash(header):
    with pytest.raises(AudioRejected):
        clean_audio(wav_header(**{"rate": 48000, **header}))


def test_the_stored_form_is_kept_only_within_the_limits_and_only_if_it_is_all_sound(tmp_path):
    stored = clean_audio(record("ogg", "libopus", seconds=3.0)).data
    with pytest.raises(AudioRejected, match="longer than a page"):
        clean_audio(stored, max_seconds=1.0)
    # Our own form made by hand around packets that are not sound: copied into a file of
    # ours it passes the copy test, but its packets do not decode, so it is refused.
    from storyboard.recordings.audio import _MUXER_OPTIONS, _remux

    path = tmp_path / "forged.m4a"
    with (
        av.open(io.BytesIO(stored)) as source,
        av.open(str(path), "w", "mp4", _MUXER_OPTIONS) as out,
    ):
        inside = source.streams.audio[0]
        stream = out.add_stream_from_template(inside)
        for i, packet in enumerate(source.demux(inside)):
            if packet.dts is None:
                continue
            if i % 3 == 0:
                forged = av.Packet(b"Kerry Baker 12 Elm Road " * 4)
                forged.pts, forged.dts, forged.time_base = packet.pts, packet.dts, packet.time_base
                forged.duration = packet.duration
                packet = forged
            packet.stream = stream
            out.mux(packet)
    forged = _remux(path.read_bytes())
    assert _remux(forged) == forged, "it looks like ours"
    with pytest.raises(AudioRejected):
        clean_audio(forged)
