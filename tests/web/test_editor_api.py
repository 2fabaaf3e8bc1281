"""The editor's JSON API: autosave with per-panel versions, panel operations, family words."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Panel, Person, Storyboard

JSON = {"Accept": "application/json"}
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def story(app, client, make_user, make_case, auth):
    """A signed-in worker and a storyboard from the standard template; returns its ids."""
    user = make_user("wendy")
    case_id = make_case("CR-1", user)
    with app.app_context():
        mum = Person(case_id=case_id, name="Grace", relationship_="Mum")
        db.session.add(mum)
        db.session.commit()
        mum_id = mum.id
    auth.sign_in("wendy")
    client.post(
        f"/cases/{case_id}/storyboards/new",
        data={"child_name": "Sam", "child_age": "7", "language": "en",
              "purpose": "First explanation", "template": "standard"},
    )  # fmt: skip
    with app.app_context():
        sb = db.session.scalar(select(Storyboard))
        return {"sb": sb.id, "panels": [p.id for p in sb.panels], "mum": mum_id, "case": case_id}


def panel(app, panel_id):
    with app.app_context():
        row = db.session.get(Panel, panel_id)
        db.session.expunge(row)
        return row


def order(app, sb_id):
    with app.app_context():
        rows = db.session.scalars(
            select(Panel)
            .where(Panel.storyboard_id == sb_id, Panel.deleted_at.is_(None))
            .order_by(Panel.position)
        )
        return [p.id for p in rows]


def save(client, panel_id, **fields):
    return client.patch(f"/api/panels/{panel_id}", json=fields, headers=JSON)


def test_save_writes_the_fields_and_raises_the_version(client, app, story):
    pid = story["panels"][1]
    response = save(
        client, pid, version=1, text="Sam lives with Mum.", heading="My family",
        speaker=str(story["mum"]),
        scene={"background": "#fff8e7", "pictures": [{"src": "library:home", "x": 0.1,
               "y": 0.2, "width": 0.3, "label": "", "flip": False, "alt": "A house"}]},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.get_json()["panel"]["version"] == 2
    row = panel(app, pid)
    assert (row.text, row.heading, row.speaker, row.version) == (
        "Sam lives with Mum.",
        "My family",
        str(story["mum"]),
        2,
    )
    assert row.scene["pictures"][0]["src"] == "library:home"
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "edit_panel"))
        assert event.object_id == pid and "Sam" not in str(event.details)


def test_stale_version_gets_409_with_the_servers_copy_and_changes_nothing(client, app, story):
    pid = story["panels"][2]
    assert save(client, pid, version=1, text="First device").status_code == 200
    response = save(client, pid, version=1, text="Second device")
    assert response.status_code == 409
    body = response.get_json()
    assert body["error"] == "conflict"
    assert body["panel"]["text"] == "First device" and body["panel"]["version"] == 2
    assert panel(app, pid).text == "First device"
    # Choosing "keep mine" resends with the server's version.
    assert save(client, pid, version=2, text="Second device").status_code == 200
    assert panel(app, pid).text == "Second device"


def test_different_panels_never_conflict(client, app, story):
    a, b = story["panels"][3], story["panels"][4]
    assert save(client, a, version=1, text="A").status_code == 200
    assert save(client, b, version=1, text="B").status_code == 200
    assert save(client, a, version=2, text="A2").status_code == 200
    assert (panel(app, a).text, panel(app, b).text) == ("A2", "B")


def test_too_long_text_is_refused_and_nothing_is_lost(client, app, story):
    app.config["MAX_FIELD_CHARS"] = 50
    pid = story["panels"][1]
    save(client, pid, version=1, text="Kept words")
    response = save(client, pid, version=2, text="x" * 51)
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "too_long" and body["field"] == "text" and body["limit"] == 50
    assert "still in the box" in body["message"]
    row = panel(app, pid)
    assert (row.text, row.version) == ("Kept words", 2)


def test_script_is_stored_verbatim(client, app, story):
    pid = story["panels"][0]
    assert save(client, pid, version=1, text=SCRIPT, heading=SCRIPT).status_code == 200
    row = panel(app, pid)
    assert row.text == SCRIPT and row.heading == SCRIPT


def test_voices_scale_steps_and_skip(client, app, story):
    with app.app_context():
        sb = db.session.get(Storyboard, story["sb"])
        scale = next(p.id for p in sb.panels if p.kind == "scale")
        steps = next(p.id for p in sb.panels if p.kind == "steps")
        views = next(p.id for p in sb.panels if p.voices)
    voices = [
        {"speaker": "", "label": "The doctors think", "text": "Sam was hurt."},
        {"speaker": str(story["mum"]), "label": "Mum says", "text": "It was an accident."},
    ]
    assert save(client, views, version=1, voices=voices).status_code == 200
    assert panel(app, views).voices == voices
    # A tablet still holding words from before ratings sends one value: one rating by no one.
    scale_value = {"value": 7, "ten_means": "Sam is safe at home."}
    assert save(client, scale, version=1, scale=scale_value).status_code == 200
    assert panel(app, scale).extra["scale"] == {
        "ratings": [{"value": 7}], "ten_means": "Sam is safe at home.",
    }  # fmt: skip
    assert save(client, scale, version=2, scale={"value": 11}).status_code == 400
    assert save(client, steps, version=1, steps=["Go to my room", "Ring Nan"]).status_code == 200
    assert panel(app, steps).extra["steps"] == ["Go to my room", "Ring Nan"]
    assert save(client, steps, version=2, skipped=True).status_code == 200
    assert panel(app, steps).skipped is True


def _scale_panel(app, story, people=("Dad", "Tom")):
    """The storyboard's scale panel, and Mum's and a second person's ids (as the editor
    sends them)."""
    with app.app_context():
        dad = Person(case_id=story["case"], name=people[1], relationship_=people[0])
        db.session.add(dad)
        db.session.commit()
        sb = db.session.get(Storyboard, story["sb"])
        scale = next(p.id for p in sb.panels if p.kind == "scale")
        return scale, str(story["mum"]), str(dad.id)


def test_scale_ratings_are_saved_for_each_person_and_print_as_the_child_knows_them(
    client, app, story
):
    scale, mum, dad = _scale_panel(app, story)
    ratings = [{"by": mum, "value": 6}, {"by": dad, "value": 4}]
    body = {"ratings": ratings, "ten_means": "Sam is safe at home."}
    response = save(client, scale, version=1, scale=body)
    assert response.status_code == 200, response.json
    assert panel(app, scale).extra["scale"] == body
    # The editor's own copy comes back the same way.
    state = client.get(f"/api/storyboards/{story['sb']}/panels", headers=JSON).json
    assert next(p for p in state["panels"] if p["id"] == scale)["scale"] == body
    # The file names them by its own people ids, and reads back through the model.
    from storyboard.services.storydoc import to_storyfile

    with app.app_context():
        storyfile = to_storyfile(db.session.get(Storyboard, story["sb"]))
    ids = {p["role"]: p["id"] for p in storyfile.document["people"]}
    written = next(p for p in storyfile.document["panels"] if p["kind"] == "scale")["scale"]
    assert written["ratings"] == [{"by": ids["Mum"], "value": 6}, {"by": ids["Dad"], "value": 4}]
    story_panel = next(p for p in storyfile.story.panels if p.kind == "scale")
    read = [(r.by, r.value) for r in story_panel.scale.ratings]
    assert read == [(ids["Mum"], 6), (ids["Dad"], 4)]


@pytest.mark.parametrize(
    ("rating", "field", "message"),
    [
        ({"by": "999", "value": 5}, "scale.ratings.1.by", "That person is not in this case."),
        ({"by": "agreed", "value": 5}, "scale.ratings.1.by", "That person is not in this case."),
        ({"by": "MUM", "value": 5}, "scale.ratings.1.by",
         "This person already has a rating on this scale."),
        ({"by": "DAD", "value": 11}, "scale.ratings.1.value", "Choose a number from 0 to 10."),
        ({"by": "DAD", "value": -1}, "scale.ratings.1.value", "Choose a number from 0 to 10."),
        ({"by": "DAD", "value": True}, "scale.ratings.1.value", "Choose a number from 0 to 10."),
        ({"by": "DAD"}, "scale.ratings.1.value", "Choose a number from 0 to 10."),
        ("six", "scale.ratings.1", "A rating could not be read."),
    ],
)  # fmt: skip
def test_a_bad_rating_is_refused_and_nothing_is_lost(client, app, story, rating, field, message):
    scale, mum, dad = _scale_panel(app, story)
    good = {"ratings": [{"by": mum, "value": 6}], "ten_means": "Safe."}
    assert save(client, scale, version=1, scale=good).status_code == 200
    if isinstance(rating, dict) and "by" in rating:
        rating = {**rating, "by": {"MUM": mum, "DAD": dad}.get(rating["by"], rating["by"])}
    bad = {"ratings": [{"by": mum, "value": 7}, rating], "ten_means": "Changed."}
    response = save(client, scale, version=2, scale=bad, text="New words.")
    assert response.status_code == 400
    assert (response.json["field"], response.json["message"]) == (field, message)
    row = panel(app, scale)
    assert row.version == 2 and row.extra["scale"] == good and row.text != "New words."


def test_too_many_ratings_are_refused(client, app, story):
    scale, mum, _ = _scale_panel(app, story)
    many = [{"by": mum, "value": 1}] * 102
    response = save(client, scale, version=1, scale={"ratings": many})
    assert response.status_code == 400 and response.json["field"] == "scale.ratings"


def test_a_rating_of_someone_who_left_the_case_is_left_out_of_the_file(client, app, story):
    scale, mum, dad = _scale_panel(app, story)
    ratings = [{"by": mum, "value": 6}, {"by": dad, "value": 4}]
    assert save(client, scale, version=1, scale={"ratings": ratings}).status_code == 200
    from storyboard.services.storydoc import to_storyfile

    with app.app_context():
        db.session.delete(db.session.get(Person, int(dad)))
        db.session.commit()
        storyfile = to_storyfile(db.session.get(Storyboard, story["sb"]))
    written = next(p for p in storyfile.document["panels"] if p["kind"] == "scale")["scale"]
    assert [r["value"] for r in written["ratings"]] == [6]


def test_speaker_must_be_in_the_case(client, app, story):
    assert save(client, story["panels"][0], version=1, speaker="999").status_code == 400
    assert save(client, story["panels"][0], version=1, speaker="agreed").status_code == 200


def test_insert_duplicate_reorder_delete_and_undo(client, app, story):
    ids = story["panels"]
    response = client.post(
        f"/api/storyboards/{story['sb']}/panels",
        json={"index": 2, "section": "custom", "kind": "steps"},
        headers=JSON,
    )
    assert response.status_code == 201
    body = response.get_json()
    new = body["panel"]["id"]
    assert body["index"] == 2 and f'data-panel-id="{new}"' in body["html"]
    assert order(app, story["sb"]) == ids[:2] + [new] + ids[2:]

    save(client, ids[1], version=1, text="Copy me")
    response = client.post(f"/api/panels/{ids[1]}/duplicate", headers=JSON)
    twin = response.get_json()["panel"]
    assert response.status_code == 201 and twin["text"] == "Copy me"
    assert order(app, story["sb"])[:4] == [ids[0], ids[1], twin["id"], new]

    current = order(app, story["sb"])
    wanted = list(reversed(current))
    response = client.put(f"/api/storyboards/{story['sb']}/order", json={"order": wanted})
    assert response.status_code == 200
    assert order(app, story["sb"]) == wanted
    # An order that leaves a panel out is refused with the current one.
    response = client.put(f"/api/storyboards/{story['sb']}/order", json={"order": wanted[1:]})
    assert response.status_code == 409 and response.get_json()["order"] == wanted

    victim = wanted[3]
    response = client.post(f"/api/panels/{victim}/delete", headers=JSON)
    assert response.status_code == 200
    assert victim not in order(app, story["sb"])
    assert panel(app, victim).deleted_at is not None
    # A save from another device to the deleted panel is refused, not lost silently.
    stale = save(client, victim, version=panel(app, victim).version, text="late")
    assert stale.status_code == 409 and stale.get_json()["panel"]["deleted"] is True
    response = client.post(f"/api/panels/{victim}/restore", headers=JSON)
    assert response.status_code == 200 and response.get_json()["index"] == 3
    assert order(app, story["sb"]) == wanted
    assert panel(app, victim).deleted_at is None


def test_family_words_add_and_remove(client, app, story):
    url = f"/api/storyboards/{story['sb']}/family-words"
    response = client.post(url, json={"word": "Mum's poorly days", "means": "depression"})
    assert response.get_json()["words"] == [{"word": "Mum's poorly days", "means": "depression"}]
    client.post(url, json={"word": "the fighting", "means": ""})
    client.post(url + "/remove", json={"word": "Mum's poorly days"})
    with app.app_context():
        words = db.session.get(Storyboard, story["sb"]).family_words
    assert words == [{"word": "the fighting", "means": ""}]
    assert client.post(url, json={"word": "  "}).status_code == 400


def test_signed_out_save_gets_401_json(client, app, story, auth):
    auth.sign_out()
    response = save(client, story["panels"][0], version=1, text="kept")
    assert response.status_code == 401 and response.get_json()["error"] == "signed_out"
    assert panel(app, story["panels"][0]).text == ""


def test_other_workers_cannot_touch_the_panels(client, app, story, make_user, auth):
    make_user("olive")
    auth.sign_out()
    auth.sign_in("olive")
    pid = story["panels"][0]
    assert save(client, pid, version=1, text="x").status_code == 404
    assert client.post(f"/api/panels/{pid}/delete", headers=JSON).status_code == 404
    url = f"/api/storyboards/{story['sb']}/order"
    assert client.put(url, json={"order": story["panels"]}, headers=JSON).status_code == 404
    assert client.get(f"/storyboards/{story['sb']}/preview").status_code == 404
    assert panel(app, pid).version == 1


def test_preview_is_the_booklet_under_its_own_policy(client, app, story):
    save(client, story["panels"][1], version=1, text="Sam lives with Mum.")
    response = client.get(f"/storyboards/{story['sb']}/preview?panel={story['panels'][1]}")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'self'" in csp
    assert "script-src" not in csp
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert b"Sam lives with Mum." in response.data
    assert response.data.count(b'class="page ') == 1


def test_the_preview_of_a_page_left_empty_says_it_is_left_out(client, app, story):
    from bs4 import BeautifulSoup

    url = f"/storyboards/{story['sb']}/preview?panel={story['panels'][1]}"
    note = BeautifulSoup(client.get(url).data, "html.parser").get_text(" ", strip=True)
    assert "This page is empty, so it is left out of the booklet" in note
    save(client, story["panels"][1], version=1, text="Sam lives with Mum.")
    page = client.get(url)
    assert b"Sam lives with Mum." in page.data and b"left out" not in page.data


def test_the_title_page_preview_shows_the_heading_typed_on_it(client, app, story):
    save(client, story["panels"][0], version=1, heading="All about Sam")
    page = client.get(f"/storyboards/{story['sb']}/preview?panel={story['panels'][0]}")
    assert page.data.count(b'class="page ') == 1 and b"All about Sam" in page.data


def test_autosaved_scene_is_checked_like_the_composers_own_save(
    app, client, auth, make_user, make_case, make_storyboard
):
    ann = make_user("scene-ann")
    sid = make_storyboard(make_case("CR-SC", ann))
    auth.sign_in("scene-ann")
    from storyboard.services.models import Panel as PanelRow

    with app.app_context():
        panel = db.session.scalar(select(PanelRow).where(PanelRow.storyboard_id == sid))
        pid, version = panel.id, panel.version
    scene = {
        "background": "#fff8e7",
        "pictures": [
            {"src": "library:home", "x": 5, "y": -1, "width": 0.3},
            {"src": "file:images/" + "0" * 64 + ".jpg"},
            {"src": "library:no-such-picture"},
        ],
    }
    response = client.patch(f"/api/panels/{pid}", json={"version": version, "scene": scene})
    assert response.status_code == 200
    with app.app_context():
        saved = db.session.get(PanelRow, pid).scene
    assert [p["src"] for p in saved["pictures"]] == ["library:home"]
    assert 0 <= saved["pictures"][0]["x"] <= 1 and 0 <= saved["pictures"][0]["y"] <= 1
    # The storyboard still previews and exports.
    assert client.get(f"/storyboards/{sid}/export/docx").status_code == 200


def test_audit_names_only_known_fields(app, client, auth, make_user, make_case, make_storyboard):
    from storyboard.services.models import AuditEvent
    from storyboard.services.models import Panel as PanelRow

    ann = make_user("audit-ann")
    sid = make_storyboard(make_case("CR-AU", ann))
    auth.sign_in("audit-ann")
    with app.app_context():
        panel = db.session.scalar(select(PanelRow).where(PanelRow.storyboard_id == sid))
        pid, version = panel.id, panel.version
    client.patch(f"/api/panels/{pid}", json={"version": version, "text": "Hi", "Sam was hit": "x"})
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "edit_panel"))
    assert event.details["fields"] == ["text"]


def test_duplicating_a_deleted_panel_is_refused_clearly(
    app, client, auth, make_user, make_case, make_storyboard
):
    from storyboard.services.models import Panel as PanelRow

    ann = make_user("dup-ann")
    sid = make_storyboard(make_case("CR-DU", ann))
    auth.sign_in("dup-ann")
    with app.app_context():
        pid = db.session.scalar(select(PanelRow.id).where(PanelRow.storyboard_id == sid))
    client.post(f"/api/panels/{pid}/delete", json={})
    response = client.post(f"/api/panels/{pid}/duplicate", json={})
    assert response.status_code == 409
    assert "deleted" in response.json["message"]


def test_a_page_past_the_limit_every_way_in_shares_is_refused(
    client, app, make_user, make_case, auth
):
    from storyboard.story.constants import MAX_PANELS
    from tests.fixtures.factories import add_storyboard

    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    with app.app_context():
        many = [("custom", f"Page {n}", "Words.") for n in range(MAX_PANELS)]
        sid = add_storyboard(case_id, panels=many).id
        db.session.commit()
    auth.sign_in("ann")
    answer = client.post(f"/api/storyboards/{sid}/panels", json={"section": "custom"})
    assert answer.status_code == 400
    assert answer.get_json()["error"] == "too_many_pages"
    assert f"at most {MAX_PANELS} pages" in answer.get_json()["message"]
