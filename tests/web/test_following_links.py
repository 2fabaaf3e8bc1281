"""One link per reviewer that follows the storyboard: the same link and PIN open each new
version sent, say what changed since the reviewer last looked, and keep old answers with
their version. Links made not to follow keep opening their own version."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import Approval, Comment, Panel, Revision, ShareLink, utcnow
from tests.fixtures.factories import make_link, send


def page_of(client, token):
    response = client.get(f"/r/{token}")
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


def answer(client, token, decision="agree", details=""):
    sha = page_of(client, token).find("input", attrs={"name": "version"})["value"]
    return client.post(
        f"/r/{token}/decision",
        data={"decision": decision, "name": "Sarah", "version": sha, "details": details},
    )


def edit_page_two(app, storyboard_id, text):
    with app.app_context():
        panel = db.session.scalar(
            select(Panel).where(Panel.storyboard_id == storyboard_id, Panel.position == 1)
        )
        panel.text = text
        db.session.commit()


@pytest.fixture
def following(client, auth, review):
    """Version 1 sent; Mum's link follows the storyboard, with a PIN, for 3 days."""
    send(client, review["storyboard"])
    token = make_link(client, review["storyboard"], follows="yes", pin="2468", days="3")
    return {**review, "token": token}


def unlock(client, token, pin="2468"):
    assert client.post(f"/r/{token}/pin", data={"pin": pin}).status_code == 302


def test_the_same_link_and_pin_open_the_next_version_and_say_what_changed(
    client, app, auth, following
):
    sid, token = following["storyboard"], following["token"]
    auth.sign_out()
    unlock(client, token)
    assert page_of(client, token).find(id="what-changed") is None  # nothing seen before
    answer(client, token, "changes", "Please say Nan picks Sam up.")
    auth.sign_in("ann")
    edit_page_two(app, sid, "Sam lives with Mum and Dad. Nan picks Sam up from school.")
    sent = client.post(f"/storyboards/{sid}/review/send", data={"reason": "Nan added"})
    flashed = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "The links for Sarah now open it, with the same PIN" in flashed
    auth.sign_out()

    # The same phone, the same browser session: a new version asks for the PIN again.
    assert 'name="pin"' in client.get(f"/r/{token}").get_data(as_text=True)
    unlock(client, token)
    page = page_of(client, token)
    assert "Version 2" in page.get_text()
    changed = page.find(id="what-changed")
    assert changed is not None and "You last looked at version 1" in changed.get_text()
    added = " ".join(i.get_text() for i in changed.select(".changed-pages ins"))
    assert "Nan picks Sam up from school." in added
    assert page.select_one("#decision .flash") is None  # v1's answer is not v2's

    assert answer(client, token).status_code == 302
    with app.app_context():
        v1, v2 = db.session.scalars(select(Revision).order_by(Revision.number)).all()
        answers = {a.revision_id: a.decision for a in db.session.scalars(select(Approval))}
        assert answers == {v1.id: "changes", v2.id: "agree"}
        assert db.session.scalar(select(ShareLink)).revision_id == v1.id


def test_comments_belong_to_the_version_they_were_made_on(client, app, auth, following):
    sid, token = following["storyboard"], following["token"]
    auth.sign_out()
    unlock(client, token)
    client.post(f"/r/{token}/comment", data={"panel": 1, "body": "About v1", "name": "Sarah"})
    auth.sign_in("ann")
    edit_page_two(app, sid, "New words.")
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "again"})
    auth.sign_out()
    unlock(client, token)
    assert page_of(client, token).select_one(".my-comments") is None  # v1's stays with v1
    client.post(f"/r/{token}/comment", data={"panel": 1, "body": "About v2", "name": "Sarah"})
    with app.app_context():
        by_version = {
            c.body: db.session.get(Revision, c.revision_id).number
            for c in db.session.scalars(select(Comment))
        }
    assert by_version == {"About v1": 1, "About v2": 2}


def test_the_link_works_for_its_days_after_each_version_sent(client, app, following):
    sid = following["storyboard"]
    with app.app_context():
        link = db.session.scalar(select(ShareLink))
        link.expires_at = utcnow() + timedelta(hours=2)  # nearly run out
        db.session.commit()
    edit_page_two(app, sid, "Newer words.")
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "again"})
    with app.app_context():
        link = db.session.scalar(select(ShareLink))
        left = link.expires_at - utcnow()
        assert timedelta(days=2, hours=23) < left <= timedelta(days=3)


def test_the_newest_version_lists_the_link_and_waits_for_its_answer(client, app, auth, following):
    sid, token = following["storyboard"], following["token"]
    auth.sign_out()
    unlock(client, following["token"])
    page_of(client, token)  # Mum opens version 1
    auth.sign_in("ann")
    edit_page_two(app, sid, "Newer words.")
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "again"})
    page = BeautifulSoup(client.get(f"/storyboards/{sid}/versions/2").data, "html.parser")
    links = page.select_one(".link-list").get_text(" ", strip=True)
    assert "Sarah" in links and "opens each new version" in links
    assert "Sarah to agree" in page.get_text()
    assert "Not yet" in page.select_one("#status").get_text()  # she saw version 1, not 2


def test_a_revoked_link_stays_revoked_on_the_next_version(client, app, auth, following):
    sid, token = following["storyboard"], following["token"]
    edit_page_two(app, sid, "Newer words.")
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "again"})
    with app.app_context():
        link_id = db.session.scalar(select(ShareLink.id))
    revoked = client.post(f"/storyboards/{sid}/versions/2/links/{link_id}/revoke")
    assert revoked.status_code == 302
    edit_page_two(app, sid, "Even newer words.")
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "third"})
    auth.sign_out()
    assert client.get(f"/r/{token}").status_code == 404


def test_a_link_that_does_not_follow_keeps_opening_its_own_version(client, app, auth, review):
    sid = review["storyboard"]
    send(client, sid)
    token = make_link(client, sid)  # made without "follows": as links were before
    edit_page_two(app, sid, "Newer words.")
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "again"})
    auth.sign_out()
    page = page_of(client, token)
    assert "Version 1" in page.get_text()
    assert "Your worker will give you a new link" in page.get_text()


def test_what_changed_shows_only_what_the_booklet_prints(client, app, auth, following):
    sid, token = following["storyboard"], following["token"]
    auth.sign_out()
    unlock(client, token)
    page_of(client, token)
    auth.sign_in("ann")
    with app.app_context():
        panels = db.session.scalars(
            select(Panel).where(Panel.storyboard_id == sid).order_by(Panel.position)
        ).all()
        panels[3].text = "Words on a page that is skipped."
        panels[3].skipped = True
        panels[1].text = "Sam lives with Mum and Dad. Nan has a key."
        db.session.commit()
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "again"})
    auth.sign_out()
    unlock(client, token)
    changed = page_of(client, token).find(id="what-changed").get_text(" ")
    assert "Nan has a key." in changed
    assert "skipped" not in changed


def test_a_link_revoked_before_a_version_does_not_hold_it_up(client, app, following):
    sid = following["storyboard"]
    with app.app_context():
        link_id = db.session.scalar(select(ShareLink.id))
    client.post(f"/storyboards/{sid}/versions/1/links/{link_id}/revoke")
    edit_page_two(app, sid, "Newer words.")
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "again"})
    page = BeautifulSoup(client.get(f"/storyboards/{sid}/versions/2").data, "html.parser")
    assert "Sarah to agree" not in page.get_text()


def test_a_link_left_to_run_out_is_not_brought_back(client, app, auth, following):
    sid, token = following["storyboard"], following["token"]
    with app.app_context():
        link = db.session.scalar(select(ShareLink))
        link.expires_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    edit_page_two(app, sid, "Newer words.")
    sent = client.post(f"/storyboards/{sid}/review/send", data={"reason": "again"})
    assert "now open it" not in client.get(sent.headers["Location"]).get_data(as_text=True)
    auth.sign_out()
    assert client.get(f"/r/{token}").status_code == 404


def test_a_comment_written_on_the_version_before_is_not_filed_on_the_new_one(
    client, app, auth, following
):
    sid, token = following["storyboard"], following["token"]
    auth.sign_out()
    unlock(client, token)
    old_sha = page_of(client, token).find("input", attrs={"name": "version"})["value"]
    auth.sign_in("ann")
    edit_page_two(app, sid, "Newer words.")
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "again"})
    auth.sign_out()
    unlock(client, token)
    response = client.post(
        f"/r/{token}/comment",
        data={"panel": 1, "body": "Written on v1", "name": "Sarah", "version": old_sha},
    )
    assert response.status_code == 400
    assert "A newer version was sent while you were reading" in response.get_data(as_text=True)
    assert "Written on v1" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Comment)) is None


def test_a_new_version_asks_for_the_pin_again_on_the_same_phone(client, app, following):
    sid, token = following["storyboard"], following["token"]
    phone = app.test_client()  # Mum's phone, its own browser session all along
    assert phone.post(f"/r/{token}/pin", data={"pin": "2468"}).status_code == 302
    assert "Version 1" in phone.get(f"/r/{token}").get_data(as_text=True)
    edit_page_two(app, sid, "Newer words.")
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "again"})
    asked = phone.get(f"/r/{token}").get_data(as_text=True)
    assert 'name="pin"' in asked and "Version 2" not in asked
    assert phone.post(f"/r/{token}/pin", data={"pin": "2468"}).status_code == 302
    assert "Version 2" in phone.get(f"/r/{token}").get_data(as_text=True)
