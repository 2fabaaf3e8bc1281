"""Plain words in the app: hints for a panel as typed, dismissing, and local jargon terms."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import JargonTerm, Panel


@pytest.fixture
def story(app, make_user, make_case, make_storyboard, auth):
    """A worker signed in with one storyboard; returns (storyboard id, first panel id)."""
    ann = make_user("ann")
    storyboard_id = make_storyboard(make_case("CR-1", ann))
    with app.app_context():
        panel_id = db.session.scalar(select(Panel.id).where(Panel.section == "worries"))
    auth.sign_in("ann")
    return storyboard_id, panel_id


def test_hints_for_typed_words(client, story):
    storyboard_id, panel_id = story
    text = "Sam is on a Child Protection Plan and the child sees Mum at contact."
    response = client.post(
        f"/api/storyboards/{storyboard_id}/plainwords", json={"text": text, "panel_id": panel_id}
    )
    assert response.status_code == 200
    hints = response.json["hints"]
    jargon = {h["words"]: h["suggestion"] for h in hints if h["kind"] == "jargon"}
    assert jargon["a Child Protection Plan"] == "a plan to keep you safe"
    assert "contact" in jargon
    child = next(h for h in hints if h["kind"] == "child-name")
    assert (child["words"], child["suggestion"]) == ("the child", "Sam")
    assert text[child["start"] : child["end"]] == "the child"


def test_dismissed_hint_is_not_shown_again(app, client, story):
    storyboard_id, panel_id = story
    body = {"text": "Mum has contact with Sam on Sundays.", "panel_id": panel_id}
    key = client.post(f"/api/storyboards/{storyboard_id}/plainwords", json=body).json["hints"][0][
        "key"
    ]
    response = client.post(
        f"/api/storyboards/{storyboard_id}/panels/{panel_id}/dismiss-hint", json={"key": key}
    )
    assert response.json == {"dismissed": [key]}
    again = client.post(f"/api/storyboards/{storyboard_id}/plainwords", json=body).json
    assert key not in [h["key"] for h in again["hints"]]
    with app.app_context():
        panel = db.session.get(Panel, panel_id)
        assert panel.dismissed_hints == [key]
        assert panel.text != body["text"]  # hints never change the words


def test_local_terms_are_found(app, client, story, make_user, auth):
    storyboard_id, _ = story
    make_user("root", role="admin")
    auth.sign_out()
    auth.sign_in("root")
    response = client.post(
        "/admin/jargon", data={"term": "TAF", "plain": "a meeting about help", "acronym": "y"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(JargonTerm.plain)) == "a meeting about help"
    auth.sign_out()
    auth.sign_in("ann")
    hints = client.post(
        f"/api/storyboards/{storyboard_id}/plainwords", json={"text": "We had a TAF. taffy"}
    ).json["hints"]
    assert [(h["words"], h["suggestion"]) for h in hints if h["kind"] == "jargon"] == [
        ("a TAF", "a meeting about help")
    ]


def test_bad_requests_get_clear_answers(client, story):
    storyboard_id, panel_id = story
    url = f"/api/storyboards/{storyboard_id}/plainwords"
    assert client.post(url, data="not json", content_type="application/json").status_code == 400
    assert client.post(url, json={"text": 5}).status_code == 400
    assert client.post(url, json={"text": "x" * 20001}).status_code == 413
    assert client.post(url, json={"text": "hi", "panel_id": 999999}).status_code == 404


def test_other_workers_get_404(client, story, make_user, auth):
    storyboard_id, panel_id = story
    make_user("bob")
    auth.sign_out()
    auth.sign_in("bob")
    url = f"/api/storyboards/{storyboard_id}/plainwords"
    assert client.post(url, json={"text": "hello"}).status_code == 404


def test_only_admins_edit_jargon(client, story):
    assert client.get("/admin/jargon").status_code == 403


def test_booklet_summary_partial(app, client, story):
    from bs4 import BeautifulSoup

    storyboard_id, panel_id = story
    with app.app_context():
        db.session.get(Panel, panel_id).text = "The LADO and the core group met."
        db.session.commit()
    page = client.get(f"/storyboards/{storyboard_id}/plainwords/summary")
    soup = BeautifulSoup(page.data, "html.parser")
    figures = soup.select_one(".plain-figures").get_text(" ", strip=True)
    assert "LADO" in figures and "core group" in figures


def test_the_summary_names_the_empty_pages_left_out(app, client, story):
    from bs4 import BeautifulSoup

    storyboard_id, panel_id = story
    with app.app_context():
        db.session.get(Panel, panel_id).text = ""
        db.session.commit()
    page = client.get(f"/storyboards/{storyboard_id}/plainwords/summary")
    note = BeautifulSoup(page.data, "html.parser").select_one("#left-out")
    assert "page 4 “What are the worries?”" in note.get_text(" ", strip=True)


def test_the_councils_helpline_gets_no_phone_hint_as_typed_but_a_mobile_does(app, client, story):
    from storyboard.services import council

    with app.app_context():
        council.save(
            name="", primary=None, accent=None, booklet_allowed=False,
            helplines=[{"name": "Out of hours", "number": "01632 960 000", "notes": ""}],
        )  # fmt: skip
        db.session.commit()
    storyboard_id, panel_id = story
    text = "Out of hours: 01632 960 000\nMum: 07700 900 123"
    hints = client.post(
        f"/api/storyboards/{storyboard_id}/plainwords", json={"text": text, "panel_id": panel_id}
    ).json["hints"]
    assert [h["words"] for h in hints if h["kind"] == "identifying"] == ["07700 900 123"]
