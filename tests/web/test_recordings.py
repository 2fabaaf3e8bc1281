"""Recording a page: what is kept in the database, who can play it, and what is refused.

The recordings are made with PyAV in the kinds a tablet records (`tests/fixtures/sounds.py`).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select

from storyboard.services import storydoc
from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Panel, Person, Recording, Storyboard
from storyboard.story.hashing import version_hash
from storyboard.story.storyfile import loads, write_zip
from tests.fixtures.sounds import PHONE, SECRETS, record


@pytest.fixture
def story(app, make_user, make_case):
    """Ann's storyboard with two pages and Mum in the case; Bob works on another case."""
    ann = make_user("ann")
    make_user("bob")
    case_id = make_case("CR-1", ann)
    with app.app_context():
        mum = Person(case_id=case_id, name="Kerry Baker", relationship_="Mum")
        board = Storyboard(case_id=case_id, number=1, child_name="Sam", title="Sam's story")
        db.session.add_all([mum, board])
        db.session.flush()
        first = Panel(storyboard_id=board.id, position=1, section="family", text="Sam lives here.")
        second = Panel(storyboard_id=board.id, position=2, section="worried", text="Who worried")
        db.session.add_all([first, second])
        db.session.commit()
        return {"id": board.id, "panel": first.id, "second": second.id, "mum": mum.id}


def send(client, story, data, *, speaker="", replaces="", panel=None):
    return client.post(
        f"/api/storyboards/{story['id']}/panels/{panel or story['panel']}/recording",
        data={"audio": (io.BytesIO(data), "page.webm"), "speaker": speaker, "replaces": replaces},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )


def test_a_recording_is_kept_clean_and_named_by_its_page(app, client, auth, story):
    auth.sign_in("ann")
    answer = send(client, story, record("mp4", "aac", 2.0, PHONE), speaker=str(story["mum"]))
    assert answer.status_code == 201, answer.get_json()
    found = answer.get_json()["recording"]
    assert found["speaker"] == str(story["mum"]) and not found["words_changed"]
    assert abs(found["seconds"] - 2.0) < 0.2
    with app.app_context():
        panel = db.session.get(Panel, story["panel"])
        row = db.session.scalar(select(Recording))
        assert panel.audio_sha256 == row.sha256 == found["sha256"]
        assert panel.version == 1, "recording never conflicts with typing"
        event = db.session.scalar(select(AuditEvent).filter_by(action="record_page"))
        assert event.storyboard_id == story["id"] and "Kerry" not in str(event.details)
    played = client.get(found["url"])
    assert played.status_code == 200 and played.mimetype == "audio/mp4"
    assert played.headers["Cache-Control"] == "private, no-store"
    for secret in SECRETS:
        assert secret not in played.data
    # A browser seeking asks for a range.
    part = client.get(found["url"], headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.data) == 100


def test_no_one_outside_the_case_can_play_or_record(app, client, auth, story):
    auth.sign_in("ann")
    url = send(client, story, record("webm", "libopus")).get_json()["recording"]["url"]
    auth.sign_out()
    auth.sign_in("bob")
    assert client.get(url).status_code == 404
    assert send(client, story, record("webm", "libopus")).status_code == 404


def test_what_is_not_sound_is_refused_and_the_page_keeps_its_recording(app, client, auth, story):
    auth.sign_in("ann")
    first = send(client, story, record("ogg", "libopus")).get_json()["recording"]
    for bad, says in [
        (b"%PDF-1.7 ...", "PDF"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(16), "picture"),
        (record("mp4", "aac", video=True), "video"),
    ]:
        answer = send(client, story, bad, replaces=first["sha256"])
        assert answer.status_code == 400 and says in answer.get_json()["message"]
    with app.app_context():
        assert db.session.get(Panel, story["panel"]).audio_sha256 == first["sha256"]
        assert db.session.scalar(select(db.func.count()).select_from(Recording)) == 1


def test_a_recording_made_meanwhile_on_another_tablet_is_not_overwritten(app, client, auth, story):
    auth.sign_in("ann")
    first = send(client, story, record("webm", "libopus", 1.0)).get_json()["recording"]
    # This tablet still thinks the page has no recording.
    stale = send(client, story, record("webm", "libopus", 1.5), replaces="")
    assert stale.status_code == 409
    assert stale.get_json()["recording"]["sha256"] == first["sha256"]
    again = send(client, story, record("webm", "libopus", 1.5), replaces=first["sha256"])
    assert again.status_code == 201
    with app.app_context():
        assert (
            db.session.get(Panel, story["panel"]).audio_sha256
            == (again.get_json()["recording"]["sha256"])
        )


def test_deleting_asks_which_recording_and_editing_the_words_is_noticed(app, client, auth, story):
    auth.sign_in("ann")
    first = send(client, story, record("wav", "pcm_s16le")).get_json()["recording"]
    saved = client.patch(
        f"/api/panels/{story['panel']}",
        json={"version": 1, "text": "Sam lives here with Mum."},
        headers={"Accept": "application/json"},
    )
    assert saved.status_code == 200, saved.get_json()
    url = f"/api/storyboards/{story['id']}/panels/{story['panel']}/recording"
    with app.app_context():
        from storyboard.services.recordings import state

        assert state(db.session.get(Panel, story["panel"]))["words_changed"] is True
    assert client.delete(url, json={}).status_code == 400
    gone = client.delete(url, json={"replaces": first["sha256"]})
    assert gone.status_code == 200 and gone.get_json() == {"recording": None}
    with app.app_context():
        assert db.session.get(Panel, story["panel"]).audio_sha256 is None


def test_the_recording_is_in_the_file_the_hash_and_comes_back_on_import(app, client, auth, story):
    auth.sign_in("ann")
    found = send(client, story, record("webm", "libopus"), speaker=str(story["mum"]))
    sha = found.get_json()["recording"]["sha256"]
    with app.app_context():
        board = db.session.get(Storyboard, story["id"])
        before = storydoc.to_storyfile(board)
        (page, _) = before.document["panels"]
        assert page["audio"] == {"src": f"file:recordings/{sha}.m4a", "speaker": "mum"}
        data = write_zip(before)
        assert f"recordings/{sha}.m4a" in zipfile.ZipFile(io.BytesIO(data)).namelist()
        copy = storydoc.import_storyfile(board.case, loads(data), _ann())
        db.session.flush()
        after = storydoc.to_storyfile(copy)
        assert after.recordings == before.recordings, "kept byte for byte"
        assert version_hash(after) == version_hash(before)
        db.session.rollback()


def _ann():
    from storyboard.services.models import User

    return db.session.scalar(select(User).filter_by(username="ann"))


def test_the_editor_page_alone_may_ask_for_the_microphone(app, client, auth, story):
    auth.sign_in("ann")
    editor = client.get(f"/storyboards/{story['id']}")
    assert "microphone=(self)" in editor.headers["Permissions-Policy"]
    assert "media-src 'self' blob: data:" in editor.headers["Content-Security-Policy"]
    assert "microphone=()" in client.get("/").headers["Permissions-Policy"]


def test_a_take_deleted_or_replaced_is_gone_but_the_version_sent_keeps_its_own(
    app, client, auth, story
):
    from storyboard.services.models import Blob
    from tests.fixtures.factories import send

    auth.sign_in("ann")
    first = send_take(client, story, 1.0)
    assert send(client, story["id"], confirm_private="yes").status_code == 302
    second = send_take(client, story, 1.5, replaces=first["sha256"])
    # The draft's old take no longer plays; the version sent plays it from its frozen file.
    assert client.get(first["url"]).status_code == 404
    version = client.get(f"/storyboards/{story['id']}/versions/1/recordings/{first['sha256']}.m4a")
    assert version.status_code == 200 and version.mimetype == "audio/mp4"
    url = f"/api/storyboards/{story['id']}/panels/{story['panel']}/recording"
    assert client.delete(url, json={"replaces": second["sha256"]}).status_code == 200
    assert client.get(second["url"]).status_code == 404
    with app.app_context():
        left = {r.sha256 for r in db.session.scalars(select(Recording))}
        assert left == set(), "no row keeps a take nobody plays"
        assert db.session.get(Blob, second["sha256"]) is None


def send_take(client, story, seconds, replaces=""):
    answer = send(client, story, record("webm", "libopus", seconds), replaces=replaces)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["recording"]


def test_a_siblings_copy_never_carries_this_childs_recording(app, client, auth, story):
    from storyboard.services.siblings import copy_storyboard

    auth.sign_in("ann")
    send_take(client, story, 1.0)
    with app.app_context():
        board = db.session.get(Storyboard, story["id"])
        copy, _ = copy_storyboard(board, _ann(), child_name="Josh", child_age=10)
        db.session.commit()
        assert all(p.audio_sha256 is None for p in copy.panels)
        assert "audio" not in str(storydoc.to_storyfile(copy).document)
