"""A storyboard in two languages, as the portable file holds it: the `_2` fields are checked
like their twins, kept on every round trip, hashed only when said (old hashes hold), compared
by the diff, and the second language must be a known one other than the first."""

from __future__ import annotations

import json

import pytest

from storyboard.story.diff import diff_stories, wordless_panels
from storyboard.story.hashing import SCHEMES, version_hash
from storyboard.story.schema import json_schema
from storyboard.story.storyfile import StoryFile, StoryFileError, dumps_json, loads, parse


def bilingual(**changes) -> dict:
    document = {
        "format": "storyboard/1",
        "title": "Sam's story",
        "title_2": "Historia Sama",
        "child": {"name": "Sam"},
        "language": "en",
        "second_language": "pl",
        "panels": [
            {
                "id": "p1",
                "heading": "My family",
                "heading_2": "Moja rodzina",
                "text": "I live with Mum.",
                "text_2": "Mieszkam z mamą.",
                "kind": "steps",
                "steps": ["Go to my room"],
                "steps_2": ["Idę do pokoju"],
                "voices": [
                    {"label": "Mum says", "label_2": "Mama mówi", "text": "Hi", "text_2": "Cześć"}
                ],  # fmt: skip
                "pictures": [
                    {
                        "src": "library:home",
                        "label": "Home",
                        "label_2": "Dom",
                        "alt": "A house",
                        "alt_2": "Dom z ogrodem",
                    }
                ],  # fmt: skip
            },
            {
                "id": "p2",
                "kind": "scale",
                "text": "",
                "scale": {"ten_means": "Safe", "ten_means_2": "Bezpiecznie"},
            },  # fmt: skip
        ],
    }
    document.update(changes)
    return document


def test_every_second_language_field_is_read_and_written_back():
    story = parse(bilingual())
    panel, scale = story.panels
    assert (story.second_language, story.title_2, story.bilingual) == ("pl", "Historia Sama", True)
    assert (panel.heading_2, panel.text_2, panel.steps_2) == (
        "Moja rodzina", "Mieszkam z mamą.", ["Idę do pokoju"],
    )  # fmt: skip
    assert (panel.voices[0].label_2, panel.voices[0].text_2) == ("Mama mówi", "Cześć")
    assert (panel.pictures[0].label_2, panel.pictures[0].alt_2) == ("Dom", "Dom z ogrodem")
    assert scale.scale.ten_means_2 == "Bezpiecznie"
    again = loads(dumps_json(loads(dumps_json(bilingual())).document))
    assert again.document["panels"][0]["text_2"] == "Mieszkam z mamą."
    assert again.document == loads(dumps_json(bilingual())).document


@pytest.mark.parametrize(
    ("changes", "place", "message"),
    [
        ({"second_language": "en"}, "second_language", "must be a different language"),
        ({"second_language": "en-GB"}, "second_language", "must be a different language"),
        ({"second_language": "xq"}, "second_language", "known language"),
        ({"second_language": "not a tag"}, "second_language", "BCP 47"),
        ({"title_2": 7}, "title_2", "must be text"),
    ],
)
def test_a_wrong_second_language_is_refused_with_its_place(changes, place, message):
    with pytest.raises(StoryFileError) as error:
        parse(bilingual(**changes))
    assert error.value.place == place
    assert message in error.value.message


@pytest.mark.parametrize(
    ("where", "value", "place"),
    [
        ("text_2", 5, "panels[0].text_2"),
        ("heading_2", "x" * 20_001, "panels[0].heading_2"),
        ("steps_2", ["ok", 3], "panels[0].steps_2[1]"),
    ],
)
def test_second_language_words_are_checked_like_their_twins(where, value, place):
    document = bilingual()
    document["panels"][0][where] = value
    with pytest.raises(StoryFileError) as error:
        parse(document)
    assert error.value.place == place


def test_second_language_words_are_cleaned_like_their_twins():
    document = bilingual()
    document["panels"][0]["text_2"] = "Linia\r\ndruga\rtrzecia"
    assert parse(document).panels[0].text_2 == "Linia\ndruga\ntrzecia"


def test_a_one_language_story_keeps_its_hash_in_every_scheme_and_words_in_two_change_it():
    one = {"format": "storyboard/1", "title": "T", "child": {"name": "Sam"},
           "panels": [{"text": "Hi", "pictures": [{"src": "library:home"}]}]}  # fmt: skip
    said_empty = json.loads(json.dumps(one))
    said_empty.update(second_language=None, title_2="")
    said_empty["panels"][0].update(text_2="", heading_2="", steps_2=[])
    said_empty["panels"][0]["pictures"][0].update(label_2="", alt_2="")
    for scheme in SCHEMES[1:]:
        assert version_hash(StoryFile(one), scheme) == version_hash(StoryFile(said_empty), scheme)
    two = json.loads(json.dumps(one))
    two["panels"][0]["text_2"] = "Cześć"
    assert version_hash(StoryFile(two)) != version_hash(StoryFile(one))
    changed = bilingual()
    changed["panels"][1]["scale"]["ten_means_2"] = "Bezpieczny"
    assert version_hash(StoryFile(changed)) != version_hash(StoryFile(bilingual()))


def test_the_schema_names_every_second_language_field():
    schema = json_schema()
    defs = schema["$defs"]
    assert {"second_language", "title_2"} <= set(schema["properties"])
    assert {"text_2", "heading_2", "steps_2"} <= set(defs["Panel"]["properties"])
    assert {"text_2", "label_2"} <= set(defs["Voice"]["properties"])
    assert {"label_2", "alt_2"} <= set(defs["Picture"]["properties"])
    assert "ten_means_2" in defs["Scale"]["properties"]


def test_the_diff_shows_a_change_in_the_second_language():
    old, new = parse(bilingual()), bilingual()
    new["panels"][0]["text_2"] = "Mieszkam z tatą."
    diff = diff_stories(old, parse(new))[0]
    assert diff.change == "changed"
    assert ("removed", "mamą.") in diff.words and ("added", "tatą.") in diff.words


def test_a_page_with_words_only_in_the_second_language_is_not_wordless():
    document = bilingual()
    document["panels"][0].update(text="", steps=[], steps_2=[], voices=[])
    assert wordless_panels(parse(document)) == []
    document["panels"][0]["text_2"] = ""
    assert [n for n, _ in wordless_panels(parse(document))] == [1]
