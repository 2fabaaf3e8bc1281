"""Frozen versions: the snapshot survives edits and deleted photos; diffs; empty panels."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from sqlalchemy import select

from storyboard.services import blobs
from storyboard.services.db import db
from storyboard.services.models import Blob, Image, Panel, Revision, Storyboard, User
from storyboard.services.versions import export_storyfile, freeze, load_version
from storyboard.story.diff import diff_stories, word_diff, wordless_panels
from storyboard.story.hashing import version_hash
from storyboard.story.model import Story
from storyboard.story.storyfile import StoryFile, parse


def add_photo(storyboard: Storyboard, panel: Panel, colour: str = "#c04040") -> str:
    """Store a small PNG as an uploaded photo and place it on a panel; return its file name."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    data = buffer.getvalue()
    sha = blobs.put(data, "image/png")
    db.session.add(
        Image(
            storyboard_id=storyboard.id,
            sha256=sha,
            media_type="image/png",
            width=40,
            height=30,
            byte_size=len(data),
        )
    )
    panel.scene = {
        "pictures": [
            {
                "src": f"file:images/{sha}.png",
                "x": 0.1,
                "y": 0.1,
                "width": 0.5,
                "alt": "A photo of the house",
            }
        ]
    }
    return f"{sha}.png"


def test_frozen_version_survives_edits_and_a_deleted_photo(
    app, make_user, make_case, make_storyboard
):
    ann = make_user("ann")
    storyboard_id = make_storyboard(make_case("CR-1", ann))
    with app.app_context():
        storyboard = db.session.get(Storyboard, storyboard_id)
        name = add_photo(storyboard, storyboard.panels[1])
        db.session.commit()
        revision = freeze(storyboard, db.session.get(User, ann), "first draft")
        db.session.commit()
        sha = revision.sha256
        zip_bytes = blobs.get(revision.file_sha256)
        assert zip_bytes.startswith(b"PK")
        before = load_version(revision)
        assert f"images/{name}" in before.images
        assert version_hash(before) == sha == revision.sha256

        for panel in storyboard.panels:
            panel.text = "Changed words."
        db.session.execute(Blob.__table__.delete().where(Blob.sha256 == name[:64]))
        db.session.execute(Image.__table__.delete())
        db.session.commit()

        again = load_version(db.session.get(Revision, revision.id))
        assert again.document == before.document
        assert again.images == before.images
        assert version_hash(again) == sha
        assert blobs.get(revision.file_sha256) == zip_bytes
        assert revision.document["panels"][1]["text"].startswith("Sam lives")


def test_a_new_version_supersedes_the_older_one(app, make_user, make_case, make_storyboard):
    ann = make_user("ann")
    storyboard_id = make_storyboard(make_case("CR-1", ann))
    with app.app_context():
        storyboard = db.session.get(Storyboard, storyboard_id)
        user = db.session.get(User, ann)
        one = freeze(storyboard, user, "first")
        db.session.commit()
        storyboard.panels[0].text = "New words."
        db.session.commit()
        two = freeze(storyboard, user, "second")
        db.session.commit()
        assert (one.number, two.number) == (1, 2)
        assert one.superseded_at is not None and one.status == "superseded"
        assert two.superseded_at is None and two.status == "in_review"
        assert one.sha256 != two.sha256
        assert db.session.scalar(
            select(Storyboard.status).where(Storyboard.id == storyboard_id)
        ) == ("in_review")


def test_approved_export_is_the_frozen_file_and_drafts_say_so():
    storyfile = StoryFile({"format": "storyboard/1", "status": "approved", "panels": []})
    assert export_storyfile(storyfile, approved=True) is storyfile
    draft = export_storyfile(storyfile, approved=False)
    assert draft.document["status"] == "draft"
    assert storyfile.document["status"] == "approved"


def story(document: dict) -> Story:
    """A typed story from just its panels (the rest filled in)."""
    return parse({"format": "storyboard/1", "title": "T", "child": {"name": "Sam"}, **document})


def test_empty_panels_are_listed_but_skipped_ones_are_not():
    document = {
        "panels": [
            {"heading": "Title", "text": "Sam's story"},
            {"heading": "Only a heading", "text": "  "},
            {"heading": "Skipped", "text": "", "skipped": True},
            {"text": "", "voices": [{"text": "Mum says"}]},
            {"text": "", "kind": "scale", "scale": {"value": 5}},
        ]
    }
    assert [number for number, _ in wordless_panels(story(document))] == [2, 5]


def test_word_diff_marks_added_and_removed_words():
    parts = word_diff("Mum sees her doctor", "Mum sees her nurse every week")
    assert ("removed", "doctor") in parts
    assert ("added", "nurse every week") in parts
    assert parts[0] == ("same", "Mum sees her")


def test_diff_documents_by_panel_with_pictures():
    old = {
        "panels": [
            {
                "id": "a",
                "heading": "Home",
                "text": "We live here.",
                "pictures": [{"src": "library:home", "x": 0.1}],
            },
            {"id": "b", "text": "Gone soon."},
        ]
    }
    new = {
        "panels": [
            {
                "id": "a",
                "heading": "Home",
                "text": "We live here now.",
                "pictures": [{"src": "library:teddy", "label": "Teddy"}],
            },
            {"id": "c", "heading": "New", "text": "Hello."},
        ]
    }
    diffs = {d.label: d for d in diff_stories(story(old), story(new))}
    home = diffs["Panel 1: Home"]
    assert home.change == "changed"
    assert ("removed", "here.") in home.words and ("added", "here now.") in home.words
    assert home.pictures_added == ["Teddy"]
    assert home.pictures_removed == ["home"]
    assert diffs["Panel 2: New"].change == "added"
    assert diffs["Taken out: a panel"].change == "removed"


def test_moved_picture_is_a_change_not_an_add():
    old = {"panels": [{"id": "a", "text": "x", "pictures": [{"src": "library:home", "x": 0.1}]}]}
    new = {"panels": [{"id": "a", "text": "x", "pictures": [{"src": "library:home", "x": 0.5}]}]}
    (diff,) = diff_stories(story(old), story(new))
    assert diff.change == "changed"
    assert not diff.pictures_added and not diff.pictures_removed
