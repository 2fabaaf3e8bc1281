"""Recordings at the booklet's door: whatever file they came in, cleaned before a booklet
carries them (the HTML booklet plays them; no other format can).

The app's own recordings are already in the stored form and pass through untouched (a copy
of their packets gives the same bytes); anything else is decoded and encoded again with
every tag dropped (`recordings.audio.clean_audio`). A recording that is not good sound is
left out, and the booklet's problems say which page.
"""

from __future__ import annotations

from functools import lru_cache

from storyboard.recordings.audio import AudioRejected, CleanAudio, clean_audio


@lru_cache(maxsize=16)
def cleaned(content: bytes) -> CleanAudio | None:
    """A cleaned copy of a recording, kept for the next booklet of the same file."""
    try:
        return clean_audio(content)
    except AudioRejected:
        return None
