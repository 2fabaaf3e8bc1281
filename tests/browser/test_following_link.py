"""One link for Mum, for every version: on her phone she asks for a change on version 1; the
worker sends version 2; the same link and PIN open it, show what changed, and she agrees."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import Approval, Panel, Revision
from tests.browser.conftest import AuditedPage
from tests.browser.test_review_flow import PASSWORD, PHONE, _setup

pytestmark = pytest.mark.browser


# One orientation is enough here (behaviour, not layout); CI time is mostly browsers.
@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_one_link_follows_the_storyboard(live_server, live_app, chromium, tablet, sign_in):
    ids = _setup(live_app)
    sid = ids["storyboard"]
    page = tablet.page
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/storyboards/{sid}/review")
    tablet.check("hub")
    page.get_by_label("Why this version?").fill("First draft")
    page.get_by_role("button", name="Send for review").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1 of")
    tablet.check("version-1")
    page.get_by_label("Reviewer's name").fill("Grace")
    expect(page.get_by_label("Use this link for later versions too")).to_be_checked()
    page.get_by_label("PIN").fill("2468")
    page.get_by_role("button", name="Make link").tap()
    expect(page.get_by_role("img", name="QR code of the link for Grace")).to_be_visible()
    tablet.check("link")
    url = page.locator("#share-url").input_value()

    context = chromium.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2
    )
    phone = AuditedPage(context.new_page(), "following-link-phone")
    phone.page.set_default_timeout(10_000)
    mum = phone.page
    mum.goto(url)
    phone.check("pin")
    mum.get_by_label("PIN").fill("2468")
    mum.get_by_role("button", name="Open the storyboard").tap()
    expect(mum.get_by_role("heading", level=1)).to_have_text("Sam's story")
    expect(mum.locator("#what-changed")).to_have_count(0)
    phone.check("version-1")
    mum.get_by_label("Your name").fill("Grace Okafor")
    mum.get_by_label("If you would like changes, what are they?").fill(
        "Please say Nan picks Sam up."
    )
    mum.get_by_role("button", name="I would like changes").tap()
    expect(mum.locator("#decision")).to_contain_text("You asked for changes")
    phone.check("asked-for-changes")

    with live_app.app_context():
        family = db.session.scalar(
            select(Panel).where(Panel.storyboard_id == sid, Panel.section == "family")
        )
        family.text = "Sam lives with Mum, Dad and Nan. Nan picks Sam up from school."
        db.session.commit()
    page.goto(f"{live_server.url}/storyboards/{sid}/review")
    page.get_by_label("Why this version?").fill("Nan added, as Grace asked")
    page.get_by_role("button", name="Send for review").tap()
    expect(page.get_by_role("status")).to_contain_text("The links for Grace now open it")
    expect(page.locator(".link-list")).to_contain_text("opens each new version")
    tablet.check("version-2")

    # The same link on a fresh phone visit: the PIN again, then version 2 and what changed.
    context.clear_cookies()
    mum.goto(url)
    phone.check("pin-again")
    mum.get_by_label("PIN").fill("2468")
    mum.get_by_role("button", name="Open the storyboard").tap()
    expect(mum.locator(".reviewer-intro")).to_contain_text("Version 2")
    changed = mum.locator("#what-changed")
    expect(changed).to_contain_text("You last looked at version 1")
    expect(changed.locator(".changed-pages")).to_contain_text("Nan picks Sam up from school.")
    phone.check("version-2-what-changed")
    mum.get_by_role("button", name="I agree with this version").tap()
    expect(mum.locator("#decision")).to_contain_text("You agreed with this version")
    phone.check("agreed-version-2")
    context.close()
    assert not phone.unaudited(), phone.unaudited()
    with live_app.app_context():
        answers = {
            db.session.get(Revision, a.revision_id).number: a.decision
            for a in db.session.scalars(select(Approval))
        }
    assert answers == {1: "changes", 2: "agree"}
