"""A booklet shows the council's name and logo only when its worker chose it on the export
page (and the admin allows it): never by default, never on the minimal version; a version's
kept export is drawn again when the choice or the council changes."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sqlalchemy import select

from storyboard.pictures.logo import clean_logo
from storyboard.services import council
from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Storyboard
from tests.fixtures.factories import send

NAME = "Northshire County Council"


def set_council(app, allowed: bool = True, name: str = NAME) -> None:  # noqa: ANN001
    out = io.BytesIO()
    Image.new("RGB", (90, 30), (200, 0, 0)).save(out, "PNG")
    with app.app_context():
        council.save(
            name=name, primary=None, accent=None, helplines=[], booklet_allowed=allowed,
            logo=clean_logo(out.getvalue()),
        )  # fmt: skip
        db.session.commit()


def about_text(html: bytes) -> str:
    return BeautifulSoup(html, "html.parser").select(".page")[-1].get_text(" ")


def choose(client, sid: int, show: bool):  # noqa: ANN001, ANN201
    data = {"page_size": "A4", "page_colour": "white"}
    if show:
        data["show_council"] = "yes"
    return client.post(f"/storyboards/{sid}/booklet-settings", data=data)


def test_never_by_default_and_only_once_the_worker_chooses(app, client, review):
    sid = review["storyboard"]
    set_council(app)
    assert NAME not in about_text(client.get(f"/storyboards/{sid}/export/html").data)
    page = BeautifulSoup(client.get(f"/storyboards/{sid}/exports").data, "html.parser")
    box = page.select_one('input[name="show_council"]')
    assert box is not None and not box.has_attr("checked")
    assert choose(client, sid, True).status_code == 302
    with app.app_context():
        assert db.session.get(Storyboard, sid).show_council is True
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "booklet_settings")
        ).one()
        assert event.details["show_council"] is True
    html = client.get(f"/storyboards/{sid}/export/html").data
    assert NAME in about_text(html)
    for page in BeautifulSoup(html, "html.parser").select(".page")[:-1]:
        assert "Northshire" not in page.get_text(" ")  # the child's pages never say it
    choose(client, sid, False)
    assert NAME not in about_text(client.get(f"/storyboards/{sid}/export/html").data)


def test_not_offered_unless_the_admin_allows_it(app, client, review):
    sid = review["storyboard"]
    set_council(app, allowed=False)
    page = BeautifulSoup(client.get(f"/storyboards/{sid}/exports").data, "html.parser")
    assert page.select_one('input[name="show_council"]') is None
    choose(client, sid, True)  # a crafted form cannot turn it on
    with app.app_context():
        assert db.session.get(Storyboard, sid).show_council is False
    assert NAME not in about_text(client.get(f"/storyboards/{sid}/export/html").data)


def test_an_admin_turning_it_off_later_takes_it_off_every_booklet(app, client, review):
    sid = review["storyboard"]
    set_council(app)
    choose(client, sid, True)
    set_council(app, allowed=False)
    assert NAME not in about_text(client.get(f"/storyboards/{sid}/export/html").data)


def test_never_on_the_minimal_version(app, client, review):
    sid = review["storyboard"]
    set_council(app)
    choose(client, sid, True)
    with app.app_context():
        db.session.get(Storyboard, sid).minimal = True
        db.session.commit()
    assert "Northshire" not in client.get(f"/storyboards/{sid}/export/html").get_data(as_text=True)


@pytest.mark.parametrize("fmt", ["html"])
def test_a_versions_kept_export_follows_the_choice_and_the_council(app, client, review, fmt):
    sid = review["storyboard"]
    set_council(app)
    send(client, sid)
    url = f"/storyboards/{sid}/versions/1/export/{fmt}?checked=yes"
    assert NAME not in about_text(client.get(url).data)
    choose(client, sid, True)
    assert NAME in about_text(client.get(url).data)
    set_council(app, name="Southshire Borough Council")  # a new name: drawn again
    assert "Southshire Borough Council" in about_text(client.get(url).data)
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "export_version")
        ).all()[-1]
        assert event.details["council"] is True
