"""A page read aloud, heard in the browser: read with the child on a tablet (a tap on Listen
plays it; "Play the whole story" turns each page as its recording ends, and waits a moment on
a page with none), and the reviewer's page on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.touch import Touch
from tests.conftest import PASSWORD
from tests.fixtures.factories import make_link, send, worker_with_sam
from tests.fixtures.sounds import record

pytestmark = pytest.mark.browser


def read_aloud(app, storyboard_id: int, seconds: dict[int, float]) -> None:
    """Give the pages at these positions a recording this many seconds long, read by Mum."""
    from storyboard.recordings.audio import clean_audio
    from storyboard.services import recordings
    from storyboard.services.db import db
    from storyboard.services.models import Panel, Person, Storyboard, User

    with app.app_context():
        board = db.session.get(Storyboard, storyboard_id)
        ann = db.session.scalar(select(User).filter_by(username="ann"))
        mum = next(p for p in board.case.people if p.relationship_ == "Mum")
        panels = db.session.scalars(
            select(Panel).where(Panel.storyboard_id == storyboard_id).order_by(Panel.position)
        ).all()
        for position, length in seconds.items():
            row = recordings.keep(board, clean_audio(record("webm", "libopus", length)), ann)
            panel = panels[position]
            panel.audio_sha256, panel.audio_seconds = row.sha256, row.seconds
            panel.audio_speaker, panel.audio_words = str(mum.id), recordings.words_hash(panel)
        assert isinstance(mum, Person)
        db.session.commit()


@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_read_mode_plays_a_page_and_the_whole_story_turns_the_pages(
    live_server, live_app, tablet, sign_in, viewport_name
):
    sid = worker_with_sam(live_app)
    read_aloud(live_app, sid, {0: 4.0, 1: 1.0})
    page = tablet.page
    touch = Touch(page)
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/storyboards/{sid}/read")
    count = page.locator("#reader-count")
    expect(count).to_have_text(re.compile(r"^Page 1 of \d+$"))
    box = page.locator(".read-page:not([hidden]) [data-read-aloud]")
    listen = box.locator("[data-play]")  # its name says Listen, then Pause
    expect(listen).to_have_accessible_name("Listen (page 1)")
    expect(box).to_contain_text("Read by Mum")
    expect(box.locator("audio")).not_to_have_attribute("controls", "")
    tablet.check("read-aloud")
    touch.tap(listen)
    expect(listen).to_have_attribute("aria-pressed", "true")
    expect(listen).to_have_accessible_name("Pause (page 1)")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-audio]')].some(a => a.currentTime > 0.2)"
    )
    expect(count).to_have_text(re.compile(r"^Page 1 of"))  # a tap on Listen turns no page
    touch.tap(listen)  # pause
    expect(listen).to_have_attribute("aria-pressed", "false")

    play_all = page.get_by_role("button", name="Play the whole story")
    touch.tap(play_all)
    expect(page.get_by_role("button", name="Stop playing")).to_be_visible()
    # Page 1 plays on to its end, page 2 plays its second, page 3 has none and waits.
    expect(count).to_have_text(re.compile(r"^Page 2 of"), timeout=10000)
    expect(count).to_have_text(re.compile(r"^Page 3 of"), timeout=8000)
    expect(count).to_have_text(re.compile(r"^Page 4 of"), timeout=12000)
    touch.tap(page.get_by_role("button", name="Stop playing"))
    expect(play_all).to_be_visible()
    touch.tap(page.get_by_role("button", name="Back"))
    expect(count).to_have_text(re.compile(r"^Page 3 of"))


@pytest.mark.parametrize("viewport_name", ["phone"], indirect=True)
def test_the_reviewer_listens_on_a_phone(live_server, live_app, tablet, viewport_name):
    sid = worker_with_sam(live_app)
    read_aloud(live_app, sid, {1: 4.0})
    live_app.config["WTF_CSRF_ENABLED"] = False  # the test's own client posts the forms
    worker = live_app.test_client()
    worker.post("/signin", data={"username": "ann", "password": PASSWORD})
    assert send(worker, sid, confirm_private="yes").status_code == 302
    token = make_link(worker, sid)
    live_app.config["WTF_CSRF_ENABLED"] = True
    page = tablet.page
    page.goto(f"{live_server.url}/r/{token}")
    boxes = page.locator("[data-read-aloud]")
    expect(boxes).to_have_count(1)
    listen = boxes.locator("[data-play]")
    expect(listen).to_have_accessible_name(re.compile(r"^Listen \(page \d+\)$"))
    listen.scroll_into_view_if_needed()
    tablet.check("reviewer-listen")
    Touch(page).tap(listen)
    page.wait_for_function("() => document.querySelector('[data-audio]').currentTime > 0.2")
    expect(listen).to_have_attribute("aria-pressed", "true")
