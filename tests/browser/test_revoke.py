"""Revoking a share link asks once more, in place, then says the link is revoked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.fixtures.factories import make_link, send, worker_with_story

pytestmark = pytest.mark.browser


def test_revoke_asks_then_the_row_says_revoked(live_server, live_app, tablet, sign_in):
    sid = worker_with_story(live_app)
    live_app.config["WTF_CSRF_ENABLED"] = False  # the test's own client makes the link
    staff = live_app.test_client()
    staff.post("/signin", data={"username": "ann", "password": PASSWORD})
    send(staff, sid)
    make_link(staff, sid, reviewer_name="Sarah")
    live_app.config["WTF_CSRF_ENABLED"] = True

    page = tablet.page
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/storyboards/{sid}/versions/1#links")
    confirm = page.get_by_role("button", name="Revoke the link for Sarah")
    expect(confirm).to_be_hidden()
    page.locator("#links summary").tap()
    expect(confirm).to_be_visible()
    expect(page.locator("#links")).to_contain_text("stops working at once")
    tablet.check("revoke-asks")
    confirm.tap()
    expect(page.get_by_role("status")).to_contain_text("That link no longer works.")
    expect(page.locator("#links")).to_contain_text("revoked")
    tablet.check("revoked")
