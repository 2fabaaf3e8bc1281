"""Benchmark: a minute of speech kept in the stored form (`recordings/audio.clean_audio`).

Speech is made with espeak-ng (a WAV at 22.05 kHz, stretched to about a minute) and turned
into what a tablet records (WebM with Opus at 48 kHz, made with PyAV); each is cleaned. It
prints the stored bitrate and size per minute, the time to clean (best of N), and how the
stored sound compares with its source, measured by sox: the RMS and peak level, and the RMS
level in five bands of the spectrum (each band cut with sox's `sinc` filter), after decoding
both to WAV at 48 kHz mono.

Needs: espeak-ng and sox (Debian packages). Run: .venv/bin/python bench/bench_recordings.py
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyboard.recordings.audio import clean_audio  # noqa: E402

SPEECH = (
    "Mum and Dad love you very much. Sometimes grown ups shout, and that is scary. "
    "Nan is helping us. Andrea from the council comes to see us every week. "
    "You can always talk to your teacher, Mrs Patel, or to Nan. "
)
BANDS = [(50, 300), (300, 1000), (1000, 3000), (3000, 8000), (8000, 16000)]


def speech_wav(folder: Path, seconds: float = 60.0) -> bytes:
    path = folder / "speech.wav"
    text = SPEECH * 6
    subprocess.run(["espeak-ng", "-v", "en-gb", "-s", "150", "-w", str(path), text], check=True)
    with av.open(str(path)) as source:
        length = float(source.duration / 1e6)
    # Slow the voice a little so the piece lasts about `seconds` (sox keeps the pitch).
    slow = folder / "speech-minute.wav"
    subprocess.run(["sox", str(path), str(slow), "tempo", f"{length / seconds:.4f}"], check=True)
    return slow.read_bytes()


def to_webm(wav: bytes) -> bytes:
    out = io.BytesIO()
    with av.open(io.BytesIO(wav)) as source, av.open(out, "w", format="webm") as target:
        stream = target.add_stream("libopus", rate=48000, layout="mono")
        stream.bit_rate = 32000
        resampler = av.AudioResampler(format="flt", layout="mono", rate=48000, frame_size=960)
        for frame in [*source.decode(audio=0), None]:
            if frame is not None:
                frame.pts = None
            for piece in resampler.resample(frame):
                for packet in stream.encode(piece):
                    target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)
    return out.getvalue()


def decoded_wav(data: bytes, path: Path) -> Path:
    """Decode to 48 kHz mono s16 WAV, so sox can read both the same way."""
    with av.open(io.BytesIO(data)) as source, av.open(str(path), "w", format="wav") as target:
        stream = target.add_stream("pcm_s16le", rate=48000, layout="mono")
        resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
        for frame in [*source.decode(audio=0), None]:
            if frame is not None:
                frame.pts = None
            for piece in resampler.resample(frame):
                for packet in stream.encode(piece):
                    target.mux(packet)
    return path


def sox_levels(path: Path) -> dict[str, float]:
    def stat(*effects: str) -> dict[str, str]:
        out = subprocess.run(
            ["sox", str(path), "-n", *effects, "stats"], capture_output=True, text=True, check=True
        ).stderr
        return {line[:14].strip(): line[14:].split()[0] for line in out.splitlines() if line}

    whole = stat()
    levels = {"RMS dB": float(whole["RMS lev dB"]), "peak dB": float(whole["Pk lev dB"])}
    for low, high in BANDS:
        levels[f"{low}-{high} Hz"] = float(stat("sinc", f"{low}-{high}")["RMS lev dB"])
    return levels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wav = speech_wav(folder)
        sources = {"espeak WAV": wav, "tablet WebM/Opus": to_webm(wav)}
        for name, data in sources.items():
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                clean = clean_audio(data)
                times.append(time.perf_counter() - start)
            per_minute = len(clean.data) / clean.seconds * 60
            print(
                f"{name}: {len(data) / 1024:.0f} KB in -> {len(clean.data) / 1024:.0f} KB stored, "
                f"{clean.seconds:.2f} s, {len(clean.data) * 8 / clean.seconds / 1000:.1f} kbit/s, "
                f"{per_minute / 1024:.0f} KB a minute, cleaned in {min(times) * 1000:.0f} ms"
            )
            source = sox_levels(decoded_wav(data, folder / "source.wav"))
            stored = sox_levels(decoded_wav(clean.data, folder / "stored.wav"))
            for key in source:
                print(f"    {key:>14}: source {source[key]:7.2f}  stored {stored[key]:7.2f}"
                      f"  difference {stored[key] - source[key]:+.2f} dB")  # fmt: skip


if __name__ == "__main__":
    main()
