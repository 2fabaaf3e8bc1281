"""Sign-off needs a manager who neither created the storyboard nor edited the version."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import Approval
from tests.fixtures.factories import send


def _sign_off(client, sid: int, number: int = 1):
    return client.post(
        f"/storyboards/{sid}/versions/{number}/decision",
        data={"decision": "sign_off"},
        follow_redirects=True,
    )


def _sign_offs(app) -> int:
    with app.app_context():
        query = select(Approval).where(Approval.decision == "sign_off")
        return len(db.session.scalars(query).all())


def _page_text(client, sid: int) -> str:
    page = client.get(f"/storyboards/{sid}/review", follow_redirects=True)
    return page.get_data(as_text=True)


def test_a_manager_cannot_sign_off_a_storyboard_they_made(
    app, client, auth, make_user, make_case, make_storyboard
):
    meg = make_user("meg", role="manager")
    sid = make_storyboard(make_case("CR-1", meg), created_by_id=meg)
    auth.sign_in("meg")
    assert send(client, sid).status_code == 302
    page = _sign_off(client, sid)
    assert "another manager must sign it off" in page.get_data(as_text=True)
    assert _sign_offs(app) == 0
    # The version page says so instead of offering the button.
    soup = BeautifulSoup(client.get(f"/storyboards/{sid}/versions/1").data, "html.parser")
    section = soup.select_one("#sign-off")
    assert "another manager" in section.get_text()
    assert section.find("button", attrs={"value": "sign_off"}) is None


def test_a_manager_who_edited_the_version_cannot_sign_it_off(app, client, auth, review):
    sid = review["storyboard"]
    auth.sign_out()
    auth.sign_in("meg")
    panel = client.get(f"/api/storyboards/{sid}/panels").get_json()["panels"][1]
    saved = client.patch(
        f"/api/panels/{panel['id']}",
        json={"version": panel["version"], "text": "Sam lives with Mum, Dad and Biscuit."},
    )
    assert saved.status_code == 200, saved.data
    assert send(client, sid).status_code == 302
    assert "another manager must sign it off" in _sign_off(client, sid).get_data(as_text=True)
    assert _sign_offs(app) == 0


def test_the_teams_manager_signs_off_what_a_worker_wrote(app, client, auth, review):
    sid = review["storyboard"]
    send(client, sid)
    auth.sign_out()
    auth.sign_in("meg")
    page = _sign_off(client, sid)
    assert "You signed off version 1" in page.get_data(as_text=True)
    assert _sign_offs(app) == 1
