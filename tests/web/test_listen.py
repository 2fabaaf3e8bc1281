"""A page read aloud is heard wherever the story is read: read-with-the-child mode, the
worker's version page and the reviewer's phone, where each play through a link is recorded.
Never in the minimal version, and never by a link that has not been unlocked."""

from __future__ import annotations

import io

from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Panel, Person, Storyboard
from tests.fixtures.factories import make_link, send
from tests.fixtures.sounds import record


def record_page(app, client, storyboard_id, *, reader=True):
    with app.app_context():
        panel = db.session.scalar(
            select(Panel).where(Panel.storyboard_id == storyboard_id, Panel.position == 1)
        )
        board = db.session.get(Storyboard, storyboard_id)
        mum = Person(case_id=board.case_id, name="Kerry Baker", relationship_="Mum")
        db.session.add(mum)
        db.session.commit()
        panel_id, mum_id = panel.id, mum.id
    answer = client.post(
        f"/api/storyboards/{storyboard_id}/panels/{panel_id}/recording",
        data={
            "audio": (io.BytesIO(record("webm", "libopus", 1.0)), "page.webm"),
            "speaker": str(mum_id) if reader else "",
        },
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["recording"]["sha256"]


def listen_boxes(response):
    soup = BeautifulSoup(response.data, "html.parser")
    return soup, soup.select("[data-read-aloud]")


def test_read_mode_has_a_listen_button_read_by_mum_and_plays_the_whole_story(app, client, review):
    sid = review["storyboard"]
    sha = record_page(app, client, sid)
    soup, boxes = listen_boxes(client.get(f"/storyboards/{sid}/read"))
    assert len(boxes) == 1
    assert "Read by Mum" in boxes[0].get_text(" ", strip=True)
    assert "Kerry" not in str(soup), "the reader is named as the child knows them"
    src = boxes[0].find("audio")["src"]
    assert src.endswith(f"/recordings/{sha}.m4a")
    assert client.get(src).mimetype == "audio/mp4"
    assert soup.find(id="reader-play-all") is not None
    # A story with no recording has no whole-story button.
    other = review["storyboard"]
    with app.app_context():
        db.session.execute(db.update(Panel).where(Panel.storyboard_id == other).values(
            audio_sha256=None))  # fmt: skip
        db.session.commit()
    soup, boxes = listen_boxes(client.get(f"/storyboards/{sid}/read"))
    assert boxes == [] and soup.find(id="reader-play-all") is None


def test_the_reviewer_hears_the_version_sent_and_each_play_is_recorded(app, client, auth, review):
    sid = review["storyboard"]
    sha = record_page(app, client, sid)
    send(client, sid)
    token = make_link(client, sid, pin="2468")
    version_page = client.get(f"/storyboards/{sid}/versions/1")
    assert listen_boxes(version_page)[1], "the worker's version page plays it too"
    auth.sign_out()
    url = f"/r/{token}/recordings/{sha}.m4a"
    assert client.get(url).status_code == 404, "not before the PIN"
    assert client.post(f"/r/{token}/pin", data={"pin": "2468"}).status_code == 302
    soup, boxes = listen_boxes(client.get(f"/r/{token}"))
    assert [b.find("audio")["src"] for b in boxes] == [url]
    assert soup.find("script", src=lambda s: s and s.endswith("/js/listen.js"))
    played = client.get(url)
    assert played.status_code == 200 and played.mimetype == "audio/mp4"
    client.get(url, headers={"Range": "bytes=5000-"})  # seeking: not another play
    client.get(url, headers={"Range": "bytes=0-"})
    with app.app_context():
        plays = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "share_play_recording")
        ).all()
        assert len(plays) == 2 and all(p.share_link_id for p in plays)
    assert client.get(f"/r/{token}/recordings/{'0' * 64}.m4a").status_code == 404


def test_a_recording_made_after_sending_is_not_in_the_version_sent(app, client, auth, review):
    sid = review["storyboard"]
    send(client, sid)
    token = make_link(client, sid)
    sha = record_page(app, client, sid)
    auth.sign_out()
    assert listen_boxes(client.get(f"/r/{token}"))[1] == []
    assert client.get(f"/r/{token}/recordings/{sha}.m4a").status_code == 404


def test_the_minimal_version_plays_no_voice(app, client, auth, review):
    sid = review["storyboard"]
    sha = record_page(app, client, sid)
    with app.app_context():
        db.session.get(Storyboard, sid).minimal = True
        db.session.commit()
    assert listen_boxes(client.get(f"/storyboards/{sid}/read"))[1] == []
    send(client, sid)
    token = make_link(client, sid)
    auth.sign_out()
    assert listen_boxes(client.get(f"/r/{token}"))[1] == []
    assert client.get(f"/r/{token}/recordings/{sha}.m4a").status_code == 404


def test_a_skipped_page_plays_through_no_link(app, client, auth, review):
    sid = review["storyboard"]
    sha = record_page(app, client, sid)
    with app.app_context():
        panel = db.session.scalar(select(Panel).where(Panel.audio_sha256 == sha))
        panel.skipped = True
        db.session.commit()
    send(client, sid)
    token = make_link(client, sid)
    auth.sign_out()
    assert client.get(f"/r/{token}/recordings/{sha}.m4a").status_code == 404
