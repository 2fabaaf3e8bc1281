"""The editor saves the second language's words through the one version-checked save, the
storyboard's second language and title through its own call; export, import and a sibling's
copy keep every `_2` word; the migration adds (and takes away) their columns."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import inspect, select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, CopyChange, Panel, Storyboard
from storyboard.services.panels import panel_state
from storyboard.services.storydoc import import_storyfile, to_document, to_storyfile
from storyboard.story.storyfile import StoryFile, parse, validate
from tests.bilingual.test_second_language_file import bilingual
from tests.web.test_editor_api import JSON, panel, save

pytestmark = pytest.mark.db


def _panels(app, sb_id):
    with app.app_context():
        sb = db.session.get(Storyboard, sb_id)
        return {
            "steps": next(p.id for p in sb.panels if p.kind == "steps"),
            "scale": next(p.id for p in sb.panels if p.kind == "scale"),
            "views": next(p.id for p in sb.panels if p.voices),
        }


def test_the_second_languages_words_are_saved_with_the_page(client, app, story):
    pid = story["panels"][1]
    response = save(client, pid, version=1, text="I live with Mum.", text_2="Mieszkam z mamą.",
                    heading_2="Moja rodzina")  # fmt: skip
    assert response.status_code == 200
    body = response.get_json()["panel"]
    assert (body["text_2"], body["heading_2"], body["version"]) == (
        "Mieszkam z mamą.", "Moja rodzina", 2,
    )  # fmt: skip
    row = panel(app, pid)
    assert (row.text, row.text_2, row.heading_2) == (
        "I live with Mum.", "Mieszkam z mamą.", "Moja rodzina",
    )  # fmt: skip
    # A save from a tablet that knows nothing of the second language keeps its words.
    assert save(client, pid, version=2, text="I live with Mum and Nan.").status_code == 200
    assert panel(app, pid).text_2 == "Mieszkam z mamą."
    # A stale save of the second language's words is refused like any other.
    stale = save(client, pid, version=2, text_2="Inne słowa")
    assert stale.status_code == 409
    assert stale.get_json()["panel"]["text_2"] == "Mieszkam z mamą."
    with app.app_context():
        details = db.session.scalars(select(AuditEvent.details)).all()
    assert not any("Mieszkam" in str(d) for d in details)  # never the words in the log
    assert any("text_2" in d.get("fields", []) for d in details if isinstance(d, dict))


def test_steps_voices_scale_and_pictures_keep_their_second_language(client, app, story):
    ids = _panels(app, story["sb"])
    ok = save(client, ids["steps"], version=1, steps=["Go to my room"], steps_2=["Idę do pokoju"])
    assert ok.status_code == 200
    assert panel(app, ids["steps"]).extra["steps_2"] == ["Idę do pokoju"]
    voices = [{"speaker": "", "label": "The doctors think", "text": "Sam was hurt.",
               "label_2": "Lekarze myślą", "text_2": "Sam został ranny."}]  # fmt: skip
    assert save(client, ids["views"], version=1, voices=voices).status_code == 200
    assert panel(app, ids["views"]).voices == voices
    # Voices sent without their `_2` words (the editor before this) keep them.
    plain = [{k: v for k, v in voices[0].items() if not k.endswith("_2")}]
    assert save(client, ids["views"], version=2, voices=plain).status_code == 200
    assert panel(app, ids["views"]).voices == voices
    scale = {"ratings": [], "ten_means": "Safe", "ten_means_2": "Bezpiecznie"}
    assert save(client, ids["scale"], version=1, scale=scale).status_code == 200
    assert panel(app, ids["scale"]).extra["scale"]["ten_means_2"] == "Bezpiecznie"
    assert (
        save(client, ids["scale"], version=2, scale={"ratings": [], "ten_means": "S"}).status_code
        == 200
    )
    with app.app_context():
        state = panel_state(db.session.get(Panel, ids["scale"]))
    assert state["scale"] == {"ratings": [], "ten_means": "S", "ten_means_2": "Bezpiecznie"}
    scene = {"pictures": [{"src": "library:home", "label": "Home", "label_2": "Dom",
                           "alt": "A house", "alt_2": "Dom"}]}  # fmt: skip
    assert save(client, story["panels"][1], version=1, scene=scene).status_code == 200
    picture = panel(app, story["panels"][1]).scene["pictures"][0]
    assert (picture["label_2"], picture["alt_2"]) == ("Dom", "Dom")


def test_too_long_second_language_words_are_refused_and_nothing_is_written(client, app, story):
    pid = story["panels"][1]
    response = save(client, pid, version=1, text_2="x" * 20_001)
    assert response.status_code == 422
    assert response.get_json()["field"] == "text_2"
    assert panel(app, pid).text_2 is None  # nothing written
    bad = save(client, pid, version=1, steps_2=["ok", 5])
    assert bad.status_code == 400 and bad.get_json()["field"] == "steps_2.1"


def test_the_second_language_and_its_title_are_chosen_for_the_storyboard(client, app, story):
    url = f"/api/storyboards/{story['sb']}/languages"
    ok = client.patch(url, json={"second_language": "ar", "title_2": " قصة سام "}, headers=JSON)
    assert ok.status_code == 200
    assert ok.get_json() == {"language": "en", "second_language": "ar", "title_2": "قصة سام"}
    for wrong in ("en", "en-GB", "xq", 5):
        refused = client.patch(url, json={"second_language": wrong}, headers=JSON)
        assert refused.status_code == 400, wrong
        assert refused.get_json()["field"] == "second_language"
    with app.app_context():
        sb = db.session.get(Storyboard, story["sb"])
        assert (sb.second_language, sb.title_2) == ("ar", "قصة سام")
        document = to_document(sb)
        assert (document["second_language"], document["title_2"]) == ("ar", "قصة سام")
    back = client.patch(url, json={"second_language": None}, headers=JSON)
    assert back.get_json()["second_language"] is None
    with app.app_context():
        assert "second_language" not in to_document(db.session.get(Storyboard, story["sb"]))


def test_export_and_import_keep_every_second_language_word(app, make_user, make_case):
    from storyboard.services.models import Case, User

    worker = make_user("ann")
    case_id = make_case("CR-2", worker)
    with app.app_context():
        case, user = db.session.get(Case, case_id), db.session.get(User, worker)
        first = import_storyfile(case, StoryFile(validate(bilingual())), user)
        db.session.flush()
        exported = to_storyfile(first).document
        wanted = validate(bilingual())
        assert exported["second_language"] == "pl" and exported["title_2"] == "Historia Sama"
        for got, want in zip(exported["panels"], wanted["panels"], strict=True):
            for key in ("text_2", "heading_2", "steps_2"):
                assert got.get(key) == want.get(key)
            assert got.get("voices") == want.get("voices")
            assert got.get("scale", {}).get("ten_means_2") == want.get("scale", {}).get(
                "ten_means_2"
            )
            assert [(p.get("label_2"), p.get("alt_2")) for p in got["pictures"]] == [
                (p.get("label_2"), p.get("alt_2")) for p in want["pictures"]
            ]
        assert parse(exported).panels[0].text_2 == "Mieszkam z mamą."


def test_a_siblings_copy_keeps_the_second_language_and_proposes_names_in_it(
    client, app, make_user, make_case, auth
):
    user = make_user("wendy")
    case_id = make_case("CR-9", user)
    auth.sign_in("wendy")
    client.post(
        f"/cases/{case_id}/storyboards/new",
        data={"child_name": "Lily", "child_age": "6", "pronoun_choice": "she", "language": "en",
              "purpose": "First explanation", "template": "standard"},
    )  # fmt: skip
    with app.app_context():
        sb = db.session.scalar(select(Storyboard))
        sb.second_language, sb.title_2 = "pl", "Historia Lily"
        sb.panels[1].text, sb.panels[1].text_2 = "Lily lives here.", "Lily mieszka tutaj."
        sb.panels[1].extra = {**(sb.panels[1].extra or {}), "steps_2": ["Lily idzie"]}
        db.session.commit()
        sb_id = sb.id
    response = client.post(
        f"/storyboards/{sb_id}/copy",
        data={"child_name": "Josh", "child_age": "12", "pronoun_choice": "he"},
    )
    assert response.status_code == 302
    with app.app_context():
        copy_ = db.session.scalar(select(Storyboard).where(Storyboard.source_id == sb_id))
        assert (copy_.second_language, copy_.title_2) == ("pl", "Historia Lily")
        assert copy_.panels[1].text_2 == "Lily mieszka tutaj."
        fields = {
            c.field for c in db.session.scalars(
                select(CopyChange).where(CopyChange.storyboard_id == copy_.id)
            )
        }  # fmt: skip
    assert {"text", "text_2", "title_2", "steps_2.0"} <= fields


def test_the_migration_adds_and_takes_away_the_second_language_columns(tmp_path):
    from flask_migrate import downgrade

    from storyboard import create_app
    from storyboard.core.paths import MIGRATIONS_DIR
    from storyboard.services.db import upgrade_to_head

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'm.sqlite3'}", "SECRET_KEY": "x"})
    upgrade_to_head(app)
    with app.app_context():

        def columns(table):
            with db.engine.connect() as conn:
                return {c["name"] for c in inspect(conn).get_columns(table)}

        assert {"second_language", "title_2"} <= columns("storyboards")
        assert {"heading_2", "text_2"} <= columns("panels")
        downgrade(directory=str(MIGRATIONS_DIR), revision="a1c7e4f2b903")
        assert not {"second_language", "title_2"} & columns("storyboards")
        assert not {"heading_2", "text_2"} & columns("panels")
        db.engine.dispose()


def test_the_export_page_lists_what_is_not_in_the_second_language_yet(client, app, story):
    page = f"/storyboards/{story['sb']}/exports"
    assert "Not in Polish yet" not in client.get(page).get_data(as_text=True)
    url = f"/api/storyboards/{story['sb']}/languages"
    assert client.patch(url, json={"second_language": "pl"}, headers=JSON).status_code == 200
    pid = story["panels"][1]
    save(client, pid, version=1, text="I live with Mum.", heading="My family")
    shown = BeautifulSoup(client.get(page).get_data(as_text=True), "html.parser")
    note = shown.select_one("#missing-second-language")
    assert note is not None and "Not in Polish yet" in note.get_text()
    items = [li.get_text(" ", strip=True) for li in note.select("li")]
    assert items[0] == "the title"
    assert "page 2 “My family”: heading, words" in items
    save(client, pid, version=2, text_2="Mieszkam z mamą.", heading_2="Moja rodzina")
    shown = BeautifulSoup(client.get(page).get_data(as_text=True), "html.parser")
    items = [li.get_text(" ", strip=True) for li in shown.select("#missing-second-language li")]
    assert not any("My family" in item for item in items)
