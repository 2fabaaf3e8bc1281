"""The typed story model: every field says whether the hash covers it; the schema is generated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import BaseModel

from storyboard.story import model
from storyboard.story.fields import IN_HASH, Text
from storyboard.story.hashing import covered_fields
from storyboard.story.schema import schema_text
from storyboard.story.storyfile import StoryFileError, parse, validate

ROOT = Path(__file__).resolve().parents[2]
PARTS = [
    model.Story, model.Child, model.Person, model.FamilyWord, model.Panel, model.Voice,
    model.Scale, model.Rating, model.Picture, model.Drawing, model.Stroke,
]  # fmt: skip


def _reachable(cls: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    seen.add(cls)
    for info in cls.model_fields.values():
        text = repr(info.annotation)
        for part in PARTS:
            if part not in seen and part.__name__ in text:
                _reachable(part, seen)


def test_parts_list_is_every_part_of_the_story():
    seen: set[type[BaseModel]] = set()
    _reachable(model.Story, seen)
    assert seen == set(PARTS)


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.__name__)
def test_every_field_says_whether_the_hash_covers_it(part):
    covered = covered_fields(part)
    assert set(covered) == set(part.model_fields)


def test_a_field_that_does_not_say_is_refused():
    class Careless(model.Part):
        said: Annotated[Text, IN_HASH] = ""
        forgot: Text = ""

    with pytest.raises(TypeError, match="Careless.forgot"):
        covered_fields(Careless)


def test_what_the_hash_leaves_out_is_exactly_the_agreed_list():
    left_out = {
        (part.__name__, name)
        for part in PARTS
        for name, covered in covered_fields(part).items()
        if not covered
    }
    assert left_out == {
        ("Story", "status"), ("Story", "page_size"), ("Story", "page_colour"),
        ("Story", "purpose"), ("Story", "reference"), ("Story", "family_words"),
        ("Person", "pronouns"), ("Person", "kind"), ("Person", "age"), ("Child", "pronouns"),
        ("Panel", "id"), ("Panel", "dismissed_hints"),
        ("Panel", "guide"),
    }  # fmt: skip


def test_the_committed_schema_is_the_generated_one():
    committed = (ROOT / "docs" / "storyfile.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python -m storyboard.story.schema > docs/..."


def test_typed_access_and_defaults():
    story = parse(json.loads((ROOT / "tests/fixtures/sam-12.json").read_text(encoding="utf-8")))
    assert story.child.name == "Sam" and story.child.age == 7
    assert story.person("mum").role == "Mum"
    assert story.panels[0].pictures[0].kind == "emoji"
    assert [(r.by, r.value) for r in story.panels[7].scale.ratings] == [(None, 7)]
    assert story.panels[0].heading == "" and story.panels[0].skipped is False


def test_numbers_are_kept_as_written():
    # An int stays an int: hashes recorded under scheme 1 depend on it.
    placed = {"src": "library:house", "x": 0, "y": 1}
    doc = {"format": "storyboard/1", "title": "T", "child": {"name": "A"},
           "panels": [{"text": "", "pictures": [placed]}]}  # fmt: skip
    picture = validate(doc)["panels"][0]["pictures"][0]
    assert picture == {"src": "library:house", "x": 0, "y": 1, "width": 0.3}
    assert isinstance(picture["x"], int)


def test_unknown_fields_are_kept_at_every_level():
    doc = {"format": "storyboard/1", "title": "T", "child": {"name": "A", "x1": 1}, "x0": [1],
           "people": [{"id": "mum", "x2": 2}],
           "drawings": {"d": {"width": 4, "height": 3, "x3": 3,
                              "strokes": [{"points": [[1, 2]], "x4": 4}]}},
           "panels": [{"text": "", "x5": 5, "scale": {"x6": 6}, "voices": [{"text": "", "x7": 7}],
                       "pictures": [{"src": "drawing:d", "x8": 8}]}]}  # fmt: skip
    again = validate(doc)
    assert again["x0"] == [1] and again["child"]["x1"] == 1 and again["people"][0]["x2"] == 2
    assert again["drawings"]["d"]["x3"] == 3 and again["drawings"]["d"]["strokes"][0]["x4"] == 4
    panel = again["panels"][0]
    assert panel["x5"] == 5 and panel["scale"]["x6"] == 6 and panel["voices"][0]["x7"] == 7
    assert panel["pictures"][0]["x8"] == 8


def test_null_for_an_optional_field_means_empty():
    doc = {"format": "storyboard/1", "title": "T", "child": {"name": "A", "age": None},
           "panels": [{"text": "", "background": None, "speaker": None}]}  # fmt: skip
    assert parse(doc).panels[0].background is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["panels"][0].update(heading=None), "panels[0].heading: must be text"),
        (lambda d: d["panels"][0].update(speaker=3),
         'panels[0].speaker: must be a people id or "agreed"'),
        (lambda d: d.update(people=[{"id": "agreed"}]),
         "people[0].id: must be unique and not 'agreed'"),
        (lambda d: d.pop("child"), "child: is required and must be an object"),
        (lambda d: d["panels"][0].update(pictures=[{"src": "emoji:1F600", "x": True}]),
         "panels[0].pictures[0].x: must be a number"),
    ],
)  # fmt: skip
def test_messages_name_the_place(change, message):
    doc = {"format": "storyboard/1", "title": "T", "child": {"name": "A"},
           "panels": [{"text": ""}]}  # fmt: skip
    change(doc)
    with pytest.raises(StoryFileError) as info:
        parse(doc)
    assert str(info.value) == message


def test_constants_are_defined_once():
    from storyboard.booklet import model as booklet_model
    from storyboard.story import constants

    assert booklet_model.PAGE_SIZES is constants.PAGE_SIZES
    assert booklet_model.CREAM is constants.CREAM
