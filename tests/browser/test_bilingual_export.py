"""A bilingual storyboard's export page names what is not in the second language yet, for the
worker to fill in (the app never translates)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from storyboard.services.db import db
from storyboard.services.models import Storyboard
from tests.browser.test_editor import PASSWORD, family, make_story  # noqa: F401 - a fixture

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_the_export_page_lists_what_is_not_in_polish_yet(
    live_server,
    live_app,
    tablet,
    sign_in,
    family,  # noqa: F811
):
    sb_id = make_story(live_app, family["case"])
    with live_app.app_context():
        sb = db.session.get(Storyboard, sb_id)
        sb.second_language, sb.title_2 = "pl", "Historia Sama"
        sb.panels[1].text, sb.panels[1].text_2 = "Sam lives with Mum.", ""
        db.session.commit()
    page = tablet.page
    sign_in(tablet, "wendy", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/storyboards/{sb_id}/exports")
    note = page.locator("#missing-second-language")
    expect(note).to_contain_text("Not in Polish yet")
    expect(note.get_by_role("listitem").first).to_have_text("page 2 “My family”: heading, words")
    tablet.check("export-missing-polish")
