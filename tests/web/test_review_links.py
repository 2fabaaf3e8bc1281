"""The reviewer's page and its bad input: broken, revoked and expired links, PINs, comments."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Comment, Revision, ShareLink, utcnow
from tests.fixtures.factories import make_link, send

GONE = "This link no longer works"


@pytest.fixture
def link(client, auth, review):  # noqa: F811
    """Version 1 sent, one link for Mum made, and the worker signed out (a parent's phone)."""
    send(client, review["storyboard"])
    token = make_link(client, review["storyboard"])
    auth.sign_out()
    return {**review, "token": token}


def gone_page(response) -> str:  # noqa: ANN001
    """The text of a 'no longer works' page, checked to show nothing of the storyboard."""
    assert response.status_code == 404
    soup = BeautifulSoup(response.data, "html.parser")
    assert GONE in soup.get_text()
    text = soup.find("section").get_text(" ", strip=True)
    for secret in ("Sam", "Mum", "CR-77", "Version", "Hello"):
        assert secret not in text
    return text


def version_sha(client, token: str) -> str:  # noqa: ANN001
    """The version hash the reviewer's page shows in its decision form."""
    soup = BeautifulSoup(client.get(f"/r/{token}").data, "html.parser")
    return soup.find("input", attrs={"name": "version"})["value"]


def test_reviewer_sees_the_booklet_without_signing_in(client, app, link):
    response = client.get(f"/r/{link['token']}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.find("h1").get_text() == "Sam's story"
    assert len(soup.select("article.reading-panel")) == 9
    assert len(soup.select("form.comment-form textarea")) == 9
    buttons = [b.get_text(strip=True) for b in soup.select(".decision-form button")]
    assert buttons == ["I agree with this version", "I would like changes"]
    assert response.headers["Cache-Control"] == "no-store"
    with app.app_context():
        share = db.session.scalar(select(ShareLink))
        assert share.first_viewed_at is not None
        view = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "share_view"))
        assert view.share_link_id == share.id and view.user_id is None


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # tampered
        lambda t: t[:20],  # truncated
        lambda t: t[:5],  # far too short
        lambda t: t + "x",  # longer
        lambda t: "x" * 43,  # made up
    ],
)
def test_tampered_or_truncated_tokens_get_the_plain_page(client, app, link, mangle):
    gone_page(client.get(f"/r/{mangle(link['token'])}"))
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "share_link_refused")
        )
        assert event.details["reason"] in ("unknown", "malformed")


def test_revoked_and_expired_links_get_the_same_page(client, app, auth, link):
    wrong = gone_page(client.get(f"/r/{'x' * 43}"))
    with app.app_context():
        share = db.session.scalar(select(ShareLink))
        share.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert gone_page(client.get(f"/r/{link['token']}")) == wrong
    assert (
        client.post(f"/r/{link['token']}/comment", data={"panel": "1", "body": "x"}).status_code
        == 404
    )
    with app.app_context():
        share = db.session.scalar(select(ShareLink))
        share.expires_at = utcnow() + timedelta(days=1)
        db.session.commit()
    assert client.get(f"/r/{link['token']}").status_code == 200
    auth.sign_in("ann")
    client.post(f"/storyboards/{link['storyboard']}/versions/1/links/1/revoke")
    auth.sign_out()
    assert gone_page(client.get(f"/r/{link['token']}")) == wrong
    with app.app_context():
        reasons = [
            e.details["reason"]
            for e in db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "share_link_refused")
            )
        ]
        assert reasons == ["unknown", "expired", "expired", "revoked"]
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "revoke"))


def test_too_many_bad_links_are_rate_limited(client, app, link):
    app.config["REVIEW_MAX_BAD_LINKS"] = 3
    for n in range(3):
        gone_page(client.get(f"/r/{'y' * 40}{n}"))
    response = client.get(f"/r/{'y' * 43}")
    assert response.status_code == 429
    # A good link still opens: people on a shared network are not shut out by someone guessing.
    assert client.get(f"/r/{link['token']}").status_code == 200
    with app.app_context():
        count = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "share_link_refused")
        ).all()
        assert len(count) == 3  # limited requests add no rows


def test_heavy_use_of_one_link_is_rate_limited(client, app, link):
    app.config["REVIEW_MAX_LINK_REQUESTS"] = 3
    for _ in range(3):
        assert client.get(f"/r/{link['token']}").status_code == 200
    assert client.get(f"/r/{link['token']}").status_code == 429


def test_pin_locks_after_five_wrong_tries(client, app, auth, review):  # noqa: F811
    send(client, review["storyboard"])
    token = make_link(client, review["storyboard"], pin="2468")
    auth.sign_out()
    page = client.get(f"/r/{token}")
    text = BeautifulSoup(page.data, "html.parser").get_text(" ", strip=True)
    assert "Enter your PIN" in text and "Sam" not in text
    for attempt in range(1, 5):
        response = client.post(f"/r/{token}/pin", data={"pin": "0000"})
        assert response.status_code == 400
        assert f"try {5 - attempt} more time" in response.get_data(as_text=True)
    locked = client.post(f"/r/{token}/pin", data={"pin": "1111"})
    assert locked.status_code == 429
    assert "locked" in locked.get_data(as_text=True)
    right = client.post(f"/r/{token}/pin", data={"pin": "2468"})
    assert right.status_code == 429  # even the right PIN waits while locked
    assert "reading-panel" not in client.get(f"/r/{token}").get_data(as_text=True)
    with app.app_context():
        share = db.session.scalar(select(ShareLink))
        assert share.pin_failures == 5 and share.locked_until > utcnow()
        share.locked_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert client.post(f"/r/{token}/pin", data={"pin": "2468"}).status_code == 302
    assert "reading-panel" in client.get(f"/r/{token}").get_data(as_text=True)


def test_pin_locks_for_good_after_fifteen_wrong_tries(client, app, auth, review):  # noqa: F811
    send(client, review["storyboard"])
    token = make_link(client, review["storyboard"], pin="2468")
    auth.sign_out()
    for _ in range(3):
        for _ in range(5):
            client.post(f"/r/{token}/pin", data={"pin": "0000"})
        with app.app_context():
            share = db.session.scalar(select(ShareLink))
            if share.pin_failures < 15:
                share.locked_until = utcnow() - timedelta(seconds=1)
            db.session.commit()
    with app.app_context():
        share = db.session.scalar(select(ShareLink))
        assert share.pin_failures == 15 and share.locked_until == share.expires_at
    assert client.post(f"/r/{token}/pin", data={"pin": "2468"}).status_code == 429


def test_comment_with_script_is_kept_as_text(client, app, link):
    body = "<script>alert('x')</script> Please say Nan."
    response = client.post(
        f"/r/{link['token']}/comment", data={"panel": "3", "name": "Sarah", "body": body}
    )
    assert response.status_code == 302
    page = client.get(f"/r/{link['token']}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Please say Nan." in page
    with app.app_context():
        comment = db.session.scalar(select(Comment))
        assert comment.body == body and comment.panel_index == 3
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "comment"))
        assert "Nan" not in str(event.details)


def test_a_ten_thousand_character_comment_is_refused_and_kept_on_screen(client, app, link):
    body = "word " * 2000
    response = client.post(
        f"/r/{link['token']}/comment", data={"panel": "2", "name": "Sarah", "body": body}
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.data, "html.parser")
    error = soup.find(id="comment-2-errors").get_text()
    assert "10,000 characters" not in error or "most is 4,000" in error
    assert "the most is 4,000" in error
    assert soup.find(id="comment-2").get_text().strip() == body.strip()
    with app.app_context():
        assert db.session.scalar(select(Comment)) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"panel": "99", "body": "Hello"}, "not for a page of this booklet"),
        ({"panel": "1", "body": "   "}, "The comment box is empty"),
        ({"panel": "1", "body": "Hi", "name": ""}, "write your name"),
    ],
)
def test_bad_comments_get_a_clear_message(client, link, data, message):
    data = {"name": "Sarah", **data}
    response = client.post(f"/r/{link['token']}/comment", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_decision_for_another_version_is_refused(client, app, auth, make_storyboard, link):
    other = make_storyboard(link["case"], child_name="Amy")
    auth.sign_in("ann")
    send(client, other)
    auth.sign_out()
    with app.app_context():
        other_sha = db.session.scalar(
            select(Revision.sha256).where(Revision.storyboard_id == other)
        )
    response = client.post(
        f"/r/{link['token']}/decision",
        data={"decision": "agree", "name": "Sarah", "version": other_sha},
    )
    assert response.status_code == 400
    assert "different version" in response.get_data(as_text=True)


def test_agree_is_recorded_with_the_version_hash(client, app, link):
    sha = version_sha(client, link["token"])
    response = client.post(
        f"/r/{link['token']}/decision",
        data={"decision": "agree", "name": "Sarah J", "version": sha},
    )
    assert response.status_code == 302
    page = client.get(f"/r/{link['token']}").get_data(as_text=True)
    assert "You agreed with this version" in page and "Sarah J" in page
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "review_decision"))
        assert event.details["sha256"] == sha and event.details["decision"] == "agree"


def test_a_burst_of_guesses_cannot_pass_the_lock(client, app, auth, review, monkeypatch):  # noqa: F811
    """Guesses sent at once all read the count before any is checked. Simulate the last one
    reading a stale count (3) while the database already holds 5: it is refused unchecked."""
    from storyboard.services.models import ShareLink
    from storyboard.web import reviewer

    send(client, review["storyboard"])
    token = make_link(client, review["storyboard"], pin="2468")
    auth.sign_out()
    with app.app_context():
        db.session.execute(db.update(ShareLink).values(pin_failures=5))
        db.session.commit()
    real_open = reviewer._open_link

    def stale_open(token):  # noqa: ANN001, ANN202
        link = real_open(token)
        db.session.expunge(link)
        link.pin_failures = 3
        return link

    checked = []
    monkeypatch.setattr(reviewer, "_open_link", stale_open)
    monkeypatch.setattr(reviewer, "check_password", lambda *a: checked.append(a) or True)
    response = client.post(f"/r/{token}/pin", data={"pin": "2468"})
    assert response.status_code == 429
    assert checked == []
    with app.app_context():
        assert db.session.scalar(select(ShareLink.pin_failures)) == 5
