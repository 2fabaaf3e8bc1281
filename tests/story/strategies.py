"""Hypothesis strategies: valid stories of every shape the editor and the file can hold.

Values are ones every path keeps as they are (numbers to 4 places, lowercase colours, labels
with single spaces, whole-number scale values), so a property failing means a path lost or
changed something, not that a value was tidied.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

from storyboard.core.paths import ILLUSTRATIONS_DIR
from storyboard.story.constants import KINDS, SECTIONS

LIBRARY = sorted(p.stem for p in ILLUSTRATIONS_DIR.glob("*.svg"))
_SHELF = Path(__file__).resolve().parents[2] / "storyboard" / "data" / "openmoji_shelf.json"
EMOJI = sorted({e["code"] for e in json.loads(_SHELF.read_text(encoding="utf-8"))["emoji"]})[:60]
ROLES = ["Mum", "Dad", "Nan", "Grandad", "Andrea", "Uncle Joe", "Aunty Mo"]
COLOURS = ["#fff8e7", "#e3f1fa", "#e6f0e0", "#fde8dc", "#abc", "#ffffff"]

# Words in several scripts, so shaping and direction are exercised too.
_WORD = st.sampled_from(
    ["Sam", "Mum", "Nan", "safe", "plan", "school", "tea", "dog", "happy", "رحلة", "أمي",
     "שלום", "আমি", "नमस्ते", "Zoë", "don't", "12", "café"]
)  # fmt: skip


def words(min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[str]:
    """A short sentence of words, single-spaced."""
    return st.lists(_WORD, min_size=min_size, max_size=max_size).map(" ".join)


def paragraphs() -> st.SearchStrategy[str]:
    """Text of up to three lines."""
    return st.lists(words(), min_size=0, max_size=3).map("\n".join)


_FRACTION = st.integers(0, 10000).map(lambda n: n / 10000)


@st.composite
def pictures(draw: st.DrawFn, drawing_keys: list[str], two: bool = False) -> dict:
    """A placed picture: a library drawing, an emoji or one of the story's finger drawings."""
    sources = [st.sampled_from(LIBRARY).map("library:".__add__)]
    sources.append(st.sampled_from(EMOJI).map("emoji:".__add__))
    if drawing_keys:
        sources.append(st.sampled_from(drawing_keys).map("drawing:".__add__))
    picture = {
        "src": draw(st.one_of(sources)),
        "x": draw(_FRACTION),
        "y": draw(_FRACTION),
        "width": draw(st.integers(200, 10000).map(lambda n: n / 10000)),
    }
    if draw(st.booleans()):
        picture["flip"] = draw(st.booleans())
    if draw(st.booleans()):
        picture["label"] = draw(words(1, 3))
    if draw(st.booleans()):
        picture["alt"] = draw(words(1, 6))
    if two and draw(st.booleans()):
        picture["label_2"] = draw(words(1, 3))
    if two and draw(st.booleans()):
        picture["alt_2"] = draw(words(1, 6))
    return picture


@st.composite
def panels(
    draw: st.DrawFn, index: int, people: list[str], drawing_keys: list[str], two: bool = False
) -> dict:
    """One panel of any kind, with the fields the file and the editor both keep; `two`: with
    words in a second language too (any of them may be missing)."""
    speakers = st.sampled_from([*people, "agreed"]) if people else st.just("agreed")
    kind = draw(st.sampled_from(KINDS))
    panel: dict = {
        "id": f"p{index}",
        "section": draw(st.sampled_from(SECTIONS)),
        "kind": kind,
        "text": draw(paragraphs()),
        "pictures": draw(st.lists(pictures(drawing_keys, two), max_size=3)),
    }
    if two and draw(st.booleans()):
        panel["text_2"] = draw(paragraphs())
    if draw(st.booleans()):
        panel["heading"] = draw(words(1, 5))
    if two and draw(st.booleans()):
        panel["heading_2"] = draw(words(1, 5))
    if draw(st.booleans()):
        panel["speaker"] = draw(speakers)
    if draw(st.booleans()):
        voices = []
        for _ in range(draw(st.integers(1, 2))):
            voice = {"label": draw(words(1, 3)), "text": draw(words())}
            if two and draw(st.booleans()):
                voice |= {"label_2": draw(words(1, 3)), "text_2": draw(words())}
            if draw(st.booleans()):
                voice["speaker"] = draw(speakers)
            voices.append(voice)
        panel["voices"] = voices
    if kind == "steps":
        panel["steps"] = draw(st.lists(words(), min_size=1, max_size=4))
        if two and draw(st.booleans()):
            panel["steps_2"] = draw(st.lists(words(), min_size=1, max_size=4))
    if kind == "scale":
        panel["scale"] = {"ten_means": draw(words(0, 6))}
        if two and draw(st.booleans()):
            panel["scale"]["ten_means_2"] = draw(words(1, 6))
        if people and draw(st.booleans()):
            who = draw(st.lists(st.sampled_from(people), unique=True, min_size=1))
            panel["scale"]["ratings"] = [{"by": b, "value": draw(st.integers(0, 10))} for b in who]
        else:  # as files from before ratings say it
            panel["scale"]["value"] = draw(st.one_of(st.none(), st.integers(0, 10)))
    if draw(st.booleans()):
        panel["background"] = draw(st.sampled_from(COLOURS))
    if draw(st.integers(0, 5)) == 0:
        panel["skipped"] = True
    if draw(st.integers(0, 5)) == 0:
        panel["x_future_note"] = {"kept": draw(words())}
    return panel


@st.composite
def drawings(draw: st.DrawFn) -> dict:
    """Finger drawings by key: paint and rub-out strokes in whole units."""
    out = {}
    for n in range(draw(st.integers(0, 2))):
        strokes = []
        for _ in range(draw(st.integers(1, 4))):
            points = draw(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 300)),
                                   min_size=1, max_size=6))  # fmt: skip
            strokes.append({
                "color": draw(st.sampled_from(["#333333", "#e0a400", "#1f77b4"])),
                "size": draw(st.integers(2, 30)),
                "erase": draw(st.booleans()),
                "points": [list(p) for p in points],
            })  # fmt: skip
        key = f"d{n}x{draw(st.integers(0, 10**9))}"
        out[key] = {"width": 400, "height": 300, "strokes": strokes}
    return out


@st.composite
def stories(draw: st.DrawFn) -> dict:
    """A whole valid `storyboard/1` document as the app writes it."""
    roles = draw(st.lists(st.sampled_from(ROLES), unique=True, max_size=4))
    people = [
        {"id": role.lower().replace(" ", "-"), "name": draw(words(1, 2)), "role": role}
        | ({"known_as": known} if (known := draw(st.sampled_from(["", "Nanny Pat"]))) else {})
        for role in roles
    ]
    ids = [p["id"] for p in people]
    sketches = draw(drawings())
    count = draw(st.integers(0, 6))
    language = draw(st.sampled_from(["en", "ar", "he", "bn", "pl", "ur", "ckb"]))
    # A third of the stories are in two languages, with words in the second (some missing).
    second = draw(st.sampled_from([None, None, "en", "ar", "pl", "so"]))
    second = None if second == language else second
    document = {
        "format": "storyboard/1",
        "title": draw(words(1, 4)),
        "child": {"name": draw(st.sampled_from(["Sam", "Lily", "Josh", "ليلى"]))},
        "language": language,
        "page_size": draw(st.sampled_from(["A4", "A5", "Letter"])),
        "minimal": draw(st.booleans()),
        "status": "draft",
        "family_words": [{"word": draw(words(1, 2)), "means": draw(words(1, 3))}]
        if draw(st.booleans())
        else [],
        "people": people,
        "panels": [draw(panels(i, ids, list(sketches), second is not None)) for i in range(count)],
    }
    if second is not None:
        document["second_language"] = second
        if draw(st.booleans()):
            document["title_2"] = draw(words(1, 4))
    if draw(st.booleans()):
        document["child"]["age"] = draw(st.integers(3, 14))
    # The app exports the drawings its pages place (an unplaced one is not part of the story).
    placed = {
        pic["src"][8:] for panel in document["panels"] for pic in panel["pictures"]
        if pic["src"].startswith("drawing:")
    }  # fmt: skip
    if placed:
        document["drawings"] = {k: v for k, v in sketches.items() if k in placed}
    if draw(st.booleans()):
        document["made_by"] = draw(words(1, 5))
    if draw(st.booleans()):
        document["date"] = "2026-11-30"
    if draw(st.booleans()):
        document["x_future_field"] = [1, "two"]
    return document
