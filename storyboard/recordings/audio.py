"""Recordings: check a parent's recording (or one a file brings) and keep it in one clean form.

Pure: no Flask. `clean_audio(data)` gives a `CleanAudio` or raises `AudioRejected` with a
message a parent can read; the caller keeps the cleaned bytes under their SHA-256.

What is taken is recognised by its content, never its name: WebM or Ogg with Opus (what
Chromium and Firefox record), MP4 with AAC (what Safari records, and what we store), MP3 and
WAV. The demuxer is chosen from the content too, and must agree with it.

The stored form is AAC-LC, mono, 48 kHz, 64 kbit/s, in MP4 (`.m4a`) with its index first:
every browser the family may use plays it (Chromium, Firefox and Safari, which plays no
Opus in Ogg), 64 kbit/s mono is clear speech at about 480 KB a minute, 48 kHz is what the
tablet's microphone records (no resampling), and the index first lets a page play it before
it has all arrived. FFmpeg's own AAC encoder (in PyAV's wheels) makes it.

Nothing of the source is kept but its sound: no title, date, device, encoder or location
(phones write where a recording was made into MP4 files). The muxer is run "bitexact", so
the same sound always gives the same bytes and names no software version. A recording that
is already exactly what we would write (an export brought back in) is kept byte for byte:
copying its packets into a new file gives the same bytes only if it is ours, and anything
else is decoded and encoded again, since packets of another file may carry more than sound.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av

MAX_BYTES = 40 * 1024 * 1024  # a 3-minute stereo WAV at 48 kHz is 35 MB
MAX_SECONDS = 190.0  # "at most about 3 minutes a page", with a few seconds to stop
MIN_SECONDS = 0.3
RATE, BIT_RATE = 48_000, 64_000
MEDIA_TYPE, EXTENSION = "audio/mp4", "m4a"
ACCEPTED = "WebM, Ogg, MP4 (M4A), MP3 or WAV"
_MUXER_OPTIONS = {"movflags": "+faststart", "fflags": "+bitexact"}

# The kind of file (from its first bytes) -> the demuxer that must read it, and its codecs.
_DEMUXERS = {"webm": "matroska", "ogg": "ogg", "mp4": "mp4", "mp3": "mp3", "wav": "wav"}
_CODECS = {
    "webm": ("opus",),
    "ogg": ("opus",),
    "mp4": ("aac",),
    "mp3": ("mp3", "mp3float"),
    "wav": ("pcm_",),  # any plain PCM: pcm_s16le, pcm_s24le, pcm_f32le, ...
}
_NAMES = {"webm": "WebM", "ogg": "Ogg", "mp4": "MP4", "mp3": "MP3", "wav": "WAV"}


class AudioRejected(ValueError):
    """A recording we will not keep; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CleanAudio:
    """A recording in the stored form with no metadata, ready to store under `name`."""

    data: bytes
    seconds: float
    sha256: str
    kept: bool  # True when the bytes given were already the stored form, kept as they were
    media_type: str = MEDIA_TYPE

    @property
    def name(self) -> str:
        """The stored file name: the content hash and the extension."""
        return f"{self.sha256}.{EXTENSION}"


def sniff(data: bytes) -> str:
    """The kind of recording from its first bytes (webm, ogg, mp4, mp3, wav), or refuse it."""
    if not data:
        raise AudioRejected("The recording is empty (0 bytes). Please record it again.")
    if data.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if data.startswith(b"OggS"):
        return "ogg"
    if data[4:8] == b"ftyp" and data[8:12] not in (b"heic", b"heix", b"mif1", b"avif"):
        return "mp4"
    if data.startswith(b"ID3") or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "mp3"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"  # RIFF is WebP's wrapper too; only WAVE is sound
    raise AudioRejected(_what_it_is(data))


def _what_it_is(data: bytes) -> str:
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" or data.startswith((b"\xff\xd8", b"\x89PNG")):
        kind = "a picture, not a recording"
    elif data[4:8] == b"ftyp":
        kind = "a photo (HEIC or AVIF), not a recording"
    elif data.startswith(b"%PDF"):
        kind = "a PDF document"
    elif data.startswith(b"PK\x03\x04"):
        kind = "a zip file or document"
    elif data.lstrip()[:1] == b"<":
        kind = "a web page or text"
    else:
        kind = "not a recording we can play"
    return f"This file is {kind}. Please choose a {ACCEPTED} recording."


def too_large_message(size: int, limit: int = MAX_BYTES) -> str:
    """The message for a recording over `limit` bytes, in megabytes."""
    megabytes = -(-size // (1024 * 1024))
    return (
        f"This recording is {megabytes} MB; recordings up to {limit // (1024 * 1024)} MB "
        "can be used. Record the page again, in a shorter piece."
    )


def too_long_message(seconds: float, limit: float = MAX_SECONDS) -> str:
    """The message for a recording over the length a page can have."""
    minutes, rest = divmod(int(seconds), 60)
    length = f"{minutes} minutes {rest} seconds" if minutes else f"{rest} seconds"
    return (
        f"This recording is longer than a page can have (more than {length}); a page can "
        f"have up to {int(limit) // 60} minutes. Record the page in a shorter piece."
    )


def clean_audio(
    data: bytes, max_bytes: int = MAX_BYTES, max_seconds: float = MAX_SECONDS
) -> CleanAudio:
    """Check a recording and return it in the stored form with no metadata."""
    if len(data) > max_bytes:
        raise AudioRejected(too_large_message(len(data), max_bytes))
    kind = sniff(data)
    try:
        if kind == "mp4" and _remux(data) == data and _sound_only(data, max_seconds):
            return CleanAudio(data, _seconds(data), hashlib.sha256(data).hexdigest(), kept=True)
        encoded, seconds = _encode(data, kind, max_seconds)
    except (av.FFmpegError, ValueError, IndexError, EOFError, OSError) as error:
        if isinstance(error, AudioRejected):
            raise
        raise AudioRejected(_damaged(kind)) from None
    return CleanAudio(encoded, seconds, hashlib.sha256(encoded).hexdigest(), kept=False)


def _damaged(kind: str) -> str:
    return (
        f"This {_NAMES[kind]} recording is damaged or incomplete, so it cannot be used. "
        "Please record it again."
    )


def _open(data: bytes, kind: str) -> av.container.InputContainer:
    """Open the data with the demuxer its content names; one sound, no moving pictures."""
    source = av.open(io.BytesIO(data), format=_DEMUXERS[kind])
    cover = av.stream.Disposition.attached_pic  # an MP3's album picture is not a video
    if [s for s in source.streams.video if not s.disposition & cover]:
        source.close()
        raise AudioRejected("This is a video. Only sound recordings can be used.")
    if len(source.streams.audio) != 1:
        source.close()
        raise AudioRejected(_damaged(kind))
    context = source.streams.audio[0].codec_context
    if context is None:  # a codec FFmpeg does not know (a WAV saying 0 bits a sample)
        source.close()
        raise AudioRejected(_damaged(kind))
    name = context.name
    if not name.startswith(_CODECS[kind]):
        source.close()
        raise AudioRejected(
            f"This {_NAMES[kind]} file holds sound we cannot use ({name}). "
            f"Please choose a {ACCEPTED} recording."
        )
    return source


def _written(write) -> bytes:  # noqa: ANN001 - a function that writes an MP4 to a path
    """Run `write(path)` into a private temporary file and return the bytes it wrote (the
    index-first MP4 is rewritten in place, which needs a file, not memory)."""
    with tempfile.TemporaryDirectory(prefix="recording-") as folder:
        path = Path(folder) / f"recording.{EXTENSION}"
        write(str(path))
        return path.read_bytes()


def _remux(data: bytes) -> bytes:
    """Copy an MP4's sound packets, untouched, into a new MP4 of our own making."""

    def write(path: str) -> None:
        with _open(data, "mp4") as source, av.open(path, "w", "mp4", _MUXER_OPTIONS) as target:
            inside = source.streams.audio[0]
            out = target.add_stream_from_template(inside)
            for packet in source.demux(inside):
                if packet.dts is not None:
                    packet.stream = out
                    target.mux(packet)

    return _written(write)


def _sound_only(data: bytes, max_seconds: float) -> bool:
    """Whether every packet of a file in the stored form decodes as sound, with nothing left
    over, within the length a page can have (a file of our form can still be made by hand
    around packets that are not ours). False: encode it again."""
    frames = 0
    with _open(data, "mp4") as source:
        context = source.streams.audio[0].codec_context
        context.options = {"err_detect": "explode"}  # any damage is an error, not a guess
        samples = 0
        for frame in source.decode(audio=0):
            samples += frame.samples
            frames += 1
            if samples > max_seconds * context.sample_rate:
                raise AudioRejected(too_long_message(samples / context.sample_rate, max_seconds))
        if samples < MIN_SECONDS * context.sample_rate:
            raise AudioRejected("This recording has no sound in it. Please record it again.")
    return frames > 0


def _seconds(data: bytes) -> float:
    with av.open(io.BytesIO(data), format="mp4") as source:
        stream = source.streams.audio[0]
        return float(stream.duration * stream.time_base) if stream.duration else 0.0


def _frames(source: av.container.InputContainer, max_seconds: float) -> Iterator[av.AudioFrame]:
    """Decode the sound as mono 48 kHz frames, refusing it once it runs past `max_seconds`."""
    resampler = av.AudioResampler(format="fltp", layout="mono", rate=RATE, frame_size=1024)
    samples = 0
    for frame in source.decode(audio=0):
        frame.pts = None
        for out in resampler.resample(frame):
            samples += out.samples
            if samples > max_seconds * RATE:
                raise AudioRejected(too_long_message(samples / RATE, max_seconds))
            yield out
    yield from resampler.resample(None)


def _encode(data: bytes, kind: str, max_seconds: float) -> tuple[bytes, float]:
    """Decode the recording and encode its sound alone in the stored form."""
    heard = {"samples": 0}

    def write(path: str) -> None:
        with _open(data, kind) as source, av.open(path, "w", "mp4", _MUXER_OPTIONS) as target:
            stream = target.add_stream("aac", rate=RATE, layout="mono")
            stream.bit_rate = BIT_RATE
            for frame in _frames(source, max_seconds):
                heard["samples"] += frame.samples
                for packet in stream.encode(frame):
                    target.mux(packet)
            for packet in stream.encode(None):
                target.mux(packet)

    encoded = _written(write)
    if heard["samples"] < MIN_SECONDS * RATE:
        raise AudioRejected("This recording has no sound in it. Please record it again.")
    return encoded, _seconds(encoded)
