"""The portable storyboard file: validation, round trips, zips and the version hash."""

import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from PIL import Image

from storyboard.story import hashing, storyfile
from storyboard.story.storyfile import StoryFile, StoryFileError

FIXTURES = Path(__file__).parents[1] / "fixtures"


def sample() -> dict:
    return json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))


def png_bytes(colour="#88aadd") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_round_trip_json_gives_same_document():
    first = storyfile.loads(storyfile.dumps_json(sample()))
    second = storyfile.loads(storyfile.dumps_json(first.document))
    assert storyfile.dumps_json(first.document) == storyfile.dumps_json(second.document)


def test_unknown_fields_are_kept():
    doc = storyfile.validate(sample())
    assert doc["panels"][-1]["x_editor_note"] == "unknown fields are kept"


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d.pop("format"), "format"),
        (lambda d: d.pop("title"), "title"),
        (lambda d: d["child"].pop("name"), "child.name"),
        (lambda d: d["panels"][3].pop("text"), "panels[3].text"),
        (lambda d: d["panels"][3]["pictures"][0].update(x=1.5), "panels[3].pictures[0].x"),
        (
            lambda d: d["panels"][1]["pictures"][0].update(src="http://x"),
            "panels[1].pictures[0].src",
        ),
        (lambda d: d.update(page_size="B5"), "page_size"),
        (lambda d: d["panels"][7]["scale"].update(value=11), "panels[7].scale.value"),
        (lambda d: d["panels"][6].update(speaker="nobody"), "panels[6].speaker"),
        (lambda d: d.update(date="31/05/2024"), "date"),
    ],
)
def test_bad_values_are_refused_with_the_place(change, place):
    doc = sample()
    change(doc)
    with pytest.raises(StoryFileError) as info:
        storyfile.validate(doc)
    assert info.value.place == place
    assert str(info.value).startswith(place + ": ")


def test_message_format():
    doc = sample()
    doc["panels"][3]["pictures"][0]["x"] = 2
    with pytest.raises(
        StoryFileError, match=r"^panels\[3\]\.pictures\[0\]\.x: must be between 0 and 1$"
    ):
        storyfile.validate(doc)


def test_not_json_is_refused():
    with pytest.raises(StoryFileError) as info:
        storyfile.loads(b"{nope")
    assert info.value.place == "file"


def test_zip_with_images_round_trips():
    doc = sample()
    doc["panels"][1]["pictures"].append(
        {"src": "file:images/photo.png", "x": 0.1, "y": 0.1, "width": 0.2}
    )
    original = StoryFile(storyfile.validate(doc), {"images/photo.png": png_bytes()})
    data = storyfile.write_zip(original)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["storyboard.json", "images/photo.png"]
    again = storyfile.loads(data)
    assert again.images == original.images
    assert again.document == original.document
    assert storyfile.write_zip(again) == data


def test_zip_without_json_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("other.json", "{}")
    with pytest.raises(StoryFileError, match="storyboard.json"):
        storyfile.loads(buffer.getvalue())


def test_version_hash_is_stable_and_follows_image_bytes():
    doc = sample()
    doc["panels"][1]["pictures"].append({"src": "file:a.png", "x": 0.1, "y": 0.1, "width": 0.2})
    doc = storyfile.validate(doc)
    one = StoryFile(doc, {"a.png": png_bytes()})
    assert hashing.version_hash(one) == hashing.version_hash(
        StoryFile(json.loads(json.dumps(doc)), {"a.png": png_bytes()})
    )
    changed = bytearray(png_bytes())
    changed[-20] ^= 1
    assert hashing.version_hash(one) != hashing.version_hash(
        StoryFile(doc, {"a.png": bytes(changed)})
    )
    assert len(hashing.version_hash(one)) == 64


def test_read_fixture_files():
    for name in ("sam-12.json", "layla-ar.json"):
        assert storyfile.read(FIXTURES / name).document["format"] == "storyboard/1"


# --- the JSON Schema in docs/ agrees with validate() ----------------------------------------

SCHEMA_PATH = Path(__file__).parents[2] / "docs" / "storyfile.schema.json"


@pytest.fixture(scope="module")
def schema_validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_accepts(validator, doc) -> bool:
    return not list(validator.iter_errors(doc))


def validate_accepts(doc) -> bool:
    try:
        storyfile.validate(doc)
    except StoryFileError:
        return False
    return True


def test_every_fixture_matches_the_schema(schema_validator):
    for path in sorted(FIXTURES.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        errors = [e.message for e in schema_validator.iter_errors(doc)]
        assert not errors, (path.name, errors)
        assert schema_accepts(schema_validator, storyfile.validate(doc)), path.name


def _places(schema: dict) -> list[tuple[str, str, dict]]:
    """Return (where, field, property schema) for the fields of the root, panel and picture."""
    panel, picture = schema["$defs"]["Panel"], schema["$defs"]["Picture"]
    child = schema["$defs"]["Child"]
    return [
        *(("root", name, prop) for name, prop in schema["properties"].items()),
        *(("panel", name, prop) for name, prop in panel["properties"].items()),
        *(("picture", name, prop) for name, prop in picture["properties"].items()),
        *(("child", name, prop) for name, prop in child["properties"].items()),
    ]


def test_every_schema_field_is_checked_by_validate(schema_validator):
    """A wrong type for any field the schema names is refused by both the schema and validate."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for where, name, prop in _places(schema):
        doc = sample()
        target = {
            "root": doc,
            "panel": doc["panels"][1],
            "picture": doc["panels"][1]["pictures"][0],
            "child": doc["child"],
        }[where]
        target[name] = "yes" if prop.get("type") == "boolean" else True
        assert not schema_accepts(schema_validator, doc), (where, name)
        assert not validate_accepts(doc), (where, name)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(date=20240531),
        lambda d: d.update(date="2024-W22-5"),
        lambda d: d.update(language="english please"),
        lambda d: d.update(page_colour="cream"),
        lambda d: d.update(status="published"),
        lambda d: d["child"].update(age=40),
        lambda d: d["child"].update(name="  "),
        lambda d: d["people"].append({"id": "agreed"}),
        lambda d: d["family_words"].append({"means": "no word"}),
        lambda d: d["panels"][2].update(section="epilogue"),
        lambda d: d["panels"][2].update(speaker=["mum"]),
        lambda d: d["panels"][4]["voices"][0].pop("text"),
        lambda d: d["panels"][3]["pictures"][0].update(src="file:../etc/passwd"),
        lambda d: d["panels"][3]["pictures"][0].update(src="emoji:smile"),
        lambda d: d["panels"][3]["pictures"][0].update(width=0),
        lambda d: d["drawings"]["sun"]["strokes"][0]["points"].append([1]),
        lambda d: d["drawings"]["sun"].pop("height"),
    ],
)
def test_schema_and_validate_refuse_the_same_bad_documents(schema_validator, change):
    doc = sample()
    change(doc)
    assert not schema_accepts(schema_validator, doc)
    assert not validate_accepts(doc)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(x_future_field={"kept": True}),
        lambda d: d["child"].update(age=None),
        lambda d: d["panels"][7]["scale"].update(value=None),
        lambda d: d["panels"][2].update(speaker=None),
        lambda d: d.update(page_size="Letter", page_colour="#fff8e7", minimal=True),
        lambda d: (
            [d.clear(), d.update(format="storyboard/1", title="T", child={"name": "A"})]
            and d.update(panels=[{"text": ""}])
        ),
    ],
)
def test_schema_and_validate_accept_the_same_good_documents(schema_validator, change):
    doc = sample()
    change(doc)
    assert schema_accepts(schema_validator, doc)
    assert validate_accepts(doc)


def test_the_format_document_names_every_schema_field():
    text = (SCHEMA_PATH.parent / "storyfile.md").read_text(encoding="utf-8")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for _, name, _ in _places(schema):
        assert f"`{name}`" in text, name


def test_version_hash_names_words_and_pictures_not_the_approval():
    from storyboard.story.hashing import version_hash
    from storyboard.story.storyfile import StoryFile, validate

    doc = validate(
        {
            "format": "storyboard/1",
            "title": "T",
            "child": {"name": "Sam"},
            "panels": [{"text": "Hi"}],
        }
    )
    draft = StoryFile(document={**doc, "status": "draft"}, images={})
    approved = StoryFile(document={**doc, "status": "approved"}, images={})
    changed = StoryFile(document={**doc, "title": "T2"}, images={})
    assert version_hash(draft) == version_hash(approved) != version_hash(changed)
