"""The safety scale holds one rating per person: old files' one `value` still reads, and still
hashes as it did when its version was recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyboard.story import storyfile
from storyboard.story.hashing import version_hash
from storyboard.story.storyfile import StoryFile, StoryFileError, parse, validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# sam-12.json's scheme 2 hash worked out before scales held ratings (its scale has one
# `value`): a version frozen then must still check.
SAM_SCHEME_2 = "1e7f38d2a6f80569470e6c598e1d19fd03b39431dec6ab3c8612b5417fb03a33"
SCALE = 7  # the scale panel's place in sam-12.json


def sam() -> dict:
    return json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))


def rated(*ratings: dict) -> dict:
    doc = sam()
    doc["panels"][SCALE]["scale"] = {"ratings": list(ratings), "ten_means": "Safe at home."}
    return doc


def test_an_old_value_reads_as_one_rating_by_no_one():
    story = parse(sam())
    (rating,) = story.panels[SCALE].scale.ratings
    assert (rating.by, rating.value) == (None, 7)
    written = validate(sam())["panels"][SCALE]["scale"]
    assert written["ratings"] == [{"value": 7}] and "value" not in written


def test_an_old_empty_value_reads_as_no_ratings():
    doc = sam()
    doc["panels"][SCALE]["scale"]["value"] = None
    assert parse(doc).panels[SCALE].scale.ratings == []


def test_an_old_versions_hash_still_checks():
    assert version_hash(StoryFile(validate(sam()), {}), 2) == SAM_SCHEME_2
    # Written again by this version (ratings, no value), the same story has the same hash.
    again = storyfile.loads(storyfile.dumps_json(validate(sam())))
    assert "ratings" in again.document["panels"][SCALE]["scale"]
    assert version_hash(again, 2) == SAM_SCHEME_2


def test_named_ratings_are_kept_in_order_and_change_the_hash():
    doc = rated({"by": "mum", "value": 6}, {"by": "dad", "value": 4}, {"by": "andrea", "value": 7})
    story = parse(doc)
    assert [(r.by, r.value) for r in story.panels[SCALE].scale.ratings] == [
        ("mum", 6), ("dad", 4), ("andrea", 7),
    ]  # fmt: skip
    before = version_hash(StoryFile(validate(doc), {}))
    doc["panels"][SCALE]["scale"]["ratings"][1]["value"] = 5
    after = version_hash(StoryFile(validate(doc), {}))
    assert before != after != SAM_SCHEME_2
    swapped = rated({"by": "dad", "value": 4}, {"by": "mum", "value": 6})
    assert version_hash(StoryFile(validate(swapped), {})) != before


def test_one_rating_named_and_one_not_hash_differently():
    named = version_hash(StoryFile(validate(rated({"by": "mum", "value": 7})), {}))
    unnamed = version_hash(StoryFile(validate(rated({"value": 7})), {}))
    assert named != unnamed


def test_the_file_round_trips_ratings():
    doc = rated({"by": "mum", "value": 6}, {"by": "dad", "value": 4.5, "x_note": "kept"})
    again = storyfile.loads(storyfile.dumps_json(validate(doc))).document
    assert again["panels"][SCALE]["scale"]["ratings"] == [
        {"by": "mum", "value": 6}, {"by": "dad", "value": 4.5, "x_note": "kept"},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ([{"by": "nobody", "value": 5}],
         "panels[7].scale.ratings[0].by: must be the id of someone in people"),
        ([{"by": "agreed", "value": 5}],
         "panels[7].scale.ratings[0].by: must be the id of someone in people"),
        ([{"by": "mum", "value": 5}, {"by": "mum", "value": 6}],
         "panels[7].scale.ratings[1].by: already has a rating on this scale (one each)"),
        ([{"value": 5}, {"value": 6}],
         "panels[7].scale.ratings[1].by: already has a rating on this scale (one each)"),
        ([{"by": "mum", "value": 11}],
         "panels[7].scale.ratings[0].value: must be between 0 and 10"),
        ([{"by": "mum"}], "panels[7].scale.ratings[0].value: is required"),
        ([{"by": "mum", "value": "6"}], "panels[7].scale.ratings[0].value: must be a number"),
        ([{"by": 3, "value": 6}],
         "panels[7].scale.ratings[0].by: must be the id of someone in people"),
    ],
)  # fmt: skip
def test_a_bad_rating_is_refused_with_its_place(ratings, message):
    with pytest.raises(StoryFileError) as info:
        parse(rated(*ratings))
    assert str(info.value) == message


def test_an_old_bad_value_is_refused_where_it_is():
    doc = sam()
    doc["panels"][SCALE]["scale"]["value"] = 11
    with pytest.raises(StoryFileError) as info:
        parse(doc)
    assert str(info.value) == "panels[7].scale.value: must be between 0 and 10"
