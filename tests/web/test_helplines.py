"""The editor offers helplines on "Who I can talk to" only: the council's, in order, or
Childline while the council has set none; the line they add saves like typing."""

from __future__ import annotations

from bs4 import BeautifulSoup

from storyboard.services import council
from storyboard.services.db import db
from storyboard.services.models import Panel


def cards(client, sid):  # noqa: ANN001, ANN201
    soup = BeautifulSoup(client.get(f"/storyboards/{sid}").data, "html.parser")
    return soup.select(".panel-card")


def offered(card) -> list[tuple[str, str]]:  # noqa: ANN001
    return [
        (b.get_text(strip=True), b["data-line"])
        for b in card.select('[data-action="add-helpline"]')
    ]


def test_childline_is_offered_on_who_i_can_talk_to_only(client, review):
    found = cards(client, review["storyboard"])
    talk = [c for c in found if c.select_one("[data-helplines]")]
    assert len(talk) == 1
    assert "Who I can talk to" in talk[0].get_text()
    assert offered(talk[0]) == [
        ("Add Childline (0800 1111)", "Childline: 0800 1111 (free, any time)")
    ]


def test_the_councils_helplines_replace_childline_in_their_order(app, client, review):
    with app.app_context():
        council.save(
            name="", primary=None, accent=None, booklet_allowed=False,
            helplines=[
                {"name": "Out of hours", "number": "01234 567890", "notes": "evenings"},
                {"name": "Childline", "number": "0800 1111"},
            ],
        )  # fmt: skip
        db.session.commit()
    talk = [c for c in cards(client, review["storyboard"]) if c.select_one("[data-helplines]")]
    assert offered(talk[0]) == [
        ("Add Out of hours (01234 567890)", "Out of hours: 01234 567890 (evenings)"),
        ("Add Childline (0800 1111)", "Childline: 0800 1111"),
    ]


def test_the_added_line_saves_through_the_version_checked_save(app, client, review):
    with app.app_context():
        panel = (
            db.session.query(Panel)
            .filter_by(storyboard_id=review["storyboard"], section="talk-to")
            .one()
        )
        pid, version, text = panel.id, panel.version, panel.text
    line = text + "\nChildline: 0800 1111 (free, any time)"
    saved = client.patch(f"/api/panels/{pid}", json={"version": version, "text": line})
    assert saved.status_code == 200
    stale = client.patch(f"/api/panels/{pid}", json={"version": version, "text": text})
    assert stale.status_code == 409  # a tablet with the old words cannot overwrite it
    with app.app_context():
        assert db.session.get(Panel, pid).text == line


OUT_OF_HOURS = {"name": "Out of hours", "number": "01632 960 000", "notes": "evenings"}


def add_to_talk_to(app, client, sid: int, line: str) -> None:  # noqa: ANN001
    """Put a line on "Who I can talk to" as the editor's one tap (or typing) saves it."""
    with app.app_context():
        panel = db.session.query(Panel).filter_by(storyboard_id=sid, section="talk-to").one()
        pid, version, text = panel.id, panel.version, panel.text
    saved = client.patch(f"/api/panels/{pid}", json={"version": version, "text": f"{text}\n{line}"})
    assert saved.status_code == 200


def private_listed(client, sid: int) -> str:  # noqa: ANN001
    page = BeautifulSoup(client.get(f"/storyboards/{sid}/exports").data, "html.parser")
    warning = page.select_one(".warning")
    return warning.get_text(" ", strip=True) if warning else ""


def test_the_councils_own_helpline_is_no_private_detail(app, client, review):
    from tests.fixtures.factories import send

    with app.app_context():
        council.save(
            name="", primary=None, accent=None, booklet_allowed=False, helplines=[OUT_OF_HOURS]
        )
        db.session.commit()
    sid = review["storyboard"]
    add_to_talk_to(app, client, sid, council.helpline_line(OUT_OF_HOURS))
    add_to_talk_to(app, client, sid, "Childline: 0800 1111 (free, any time)")
    assert private_listed(client, sid) == ""
    assert client.get(f"/storyboards/{sid}/export/pdf").status_code == 200
    # Sent for review without being asked to confirm a private detail.
    assert send(client, sid).status_code == 302


def test_a_parents_mobile_number_is_still_flagged_beside_the_helpline(app, client, review):
    with app.app_context():
        council.save(
            name="", primary=None, accent=None, booklet_allowed=False, helplines=[OUT_OF_HOURS]
        )
        db.session.commit()
    sid = review["storyboard"]
    add_to_talk_to(app, client, sid, council.helpline_line(OUT_OF_HOURS))
    add_to_talk_to(app, client, sid, "Mum: 07700 900 123")
    listed = private_listed(client, sid)
    assert "07700 900 123" in listed and "a phone number" in listed
    assert "01632" not in listed
    assert client.get(f"/storyboards/{sid}/export/pdf").status_code == 302
