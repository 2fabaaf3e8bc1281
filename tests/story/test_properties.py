"""What must hold for every story: nothing lost between shapes, every word and picture shown.

Each property runs on at least 100 generated stories (tests/story/strategies.py).
"""

from __future__ import annotations

import hashlib
import html
import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings

from storyboard.booklet import build_booklet
from storyboard.booklet.reading import reading_view
from storyboard.services.db import db
from storyboard.services.models import Case, Storyboard, User
from storyboard.services.panels import live_panels, panel_state, save_panel
from storyboard.services.storydoc import import_storyfile, to_storyfile
from storyboard.story.hashing import version_hash
from storyboard.story.reading import printed_panels
from storyboard.story.storyfile import StoryFile, dumps_json, loads, parse, validate
from tests.story.strategies import stories

EVERY_STORY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@EVERY_STORY
@given(stories())
def test_a_file_round_trips_unchanged(document):
    first = loads(dumps_json(validate(document)))
    again = loads(dumps_json(first.document))
    assert again.document == first.document == validate(document)
    assert version_hash(again) == version_hash(first)


@EVERY_STORY
@given(stories())
def test_every_printed_word_and_picture_is_in_the_booklet_and_the_phone_page(document):
    storyfile = StoryFile(validate(document))
    story = parse(storyfile.document)
    printed = printed_panels(story)
    booklet = build_booklet(storyfile)
    reading = reading_view(storyfile)

    booklet_words = Counter(w for page in booklet.pages for w in page.words())
    for page in printed:
        texts = [page.heading, *page.paragraphs, page.speaker]
        texts += [t for label, lines in page.voices for t in (label, *lines)]
        # A bilingual story's second language prints on the same pages.
        texts += [page.heading_2, *page.paragraphs_2]
        texts += [t for label, lines in page.voices_2 for t in (label, *lines)]
        wanted = Counter(w for t in texts for w in t.split())
        assert not wanted - booklet_words, "a printed word is missing from the booklet"

    assert [(p.heading, p.paragraphs, p.voices) for p in reading.pages] == [
        (p.heading, p.paragraphs, p.voices) for p in printed
    ]
    scenes = sum(1 for page in printed if page.has_scene)
    blocks = [b for page in booklet.pages for b in page.blocks if b.kind == "picture"]
    assert len(blocks) == scenes == sum(1 for p in reading.pages if p.picture)
    svgs = html.unescape(" ".join(b.svg for b in blocks))
    for page in printed:
        # A scale page shows the safety scale in place of a scene.
        for picture in page.shows.pictures if page.picture == "scene" else []:
            if picture.label:
                assert " ".join(picture.label.split()[:1]) in svgs or story.minimal
        for mark in page.marks if page.picture == "scale" else []:
            assert f">{mark.label}</text>" in svgs or not mark.label  # who said each number


def _canonical(document: dict) -> dict:
    """A document with drawings named by their content, and what the case gives dropped."""
    text = json.dumps(document, sort_keys=True)
    for key, drawing in document.get("drawings", {}).items():
        name = "k" + hashlib.sha256(json.dumps(drawing, sort_keys=True).encode()).hexdigest()[:12]
        text = text.replace(f'"drawing:{key}"', f'"drawing:{name}"')
        text = text.replace(f'"{key}":', f'"{name}":')
    out = json.loads(text)
    out.pop("reference", None)
    return out


@pytest.fixture
def family(app, make_user, make_case):
    """A worker and a function that gives a new case for each story."""
    worker = make_user("ann")
    counter = iter(range(10**6))

    def new_case() -> tuple[Case, User]:
        case = Case(reference=f"P-{next(counter)}", family_name="F")
        user = db.session.get(User, worker)
        case.workers.append(user)
        db.session.add(case)
        db.session.flush()
        return case, user

    return new_case


@EVERY_STORY
@given(document=stories())
def test_import_export_import_export_loses_nothing(app, family, document):
    with app.app_context():
        case, user = family()
        first = import_storyfile(case, StoryFile(validate(document)), user)
        db.session.flush()
        exported = to_storyfile(first)
        assert _canonical(exported.document) == _canonical(validate(document))
        second = import_storyfile(case, exported, user)
        db.session.flush()
        assert _canonical(to_storyfile(second).document) == _canonical(exported.document)
        db.session.rollback()


@EVERY_STORY
@given(document=stories())
def test_saving_every_page_in_the_editor_keeps_the_words_and_pictures(app, family, document):
    """Each panel saved back through the editor's autosave: the version hash does not move."""
    with app.app_context():
        case, user = family()
        storyboard = import_storyfile(case, StoryFile(validate(document)), user)
        db.session.flush()
        before = to_storyfile(storyboard)
        for panel, saved in zip(live_panels(storyboard), before.document["panels"], strict=True):
            body = {
                "version": panel.version,
                "text": saved["text"],
                "heading": saved.get("heading", ""),
                "speaker": panel.speaker,
                "section": saved["section"],
                "skipped": saved.get("skipped", False),
                "voices": panel.voices,
                "scene": panel.scene,
            }
            if "scale" in saved:
                body["scale"] = panel_state(panel)["scale"]  # the editor's copy: case ids
            if "steps" in saved:
                body["steps"] = saved["steps"]
            for field in ("text_2", "heading_2", "steps_2"):  # the second language's
                if field in saved:
                    body[field] = saved[field]
            save_panel(panel, body, user)
        db.session.flush()
        db.session.expire_all()
        after = to_storyfile(db.session.get(Storyboard, storyboard.id))
        assert version_hash(after) == version_hash(before)
        db.session.rollback()
