"""Plain words while writing: type jargon into a panel, see the hint, apply the suggestion with
one tap, and find the new words saved in the database."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_editor import PASSWORD, SAVED, current_card, family, make_story, panels_of

pytestmark = pytest.mark.browser
__all__ = ["family"]  # the fixture, imported so this module can use it


def test_jargon_hint_applied_and_saved(live_server, live_app, tablet, sign_in, family):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    sign_in(tablet, "wendy", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/storyboards/{sb_id}")
    card = current_card(page)
    expect(card).to_be_visible()
    tablet.check("editor")
    text = card.locator("textarea[data-field=text]")
    text.fill("Sam has a Child Protection Plan. Mum sees Sam at contact.")
    hints = card.locator(".pw-item-jargon")
    expect(hints).to_have_count(2)
    expect(card.locator(".pw-hints")).to_contain_text("a plan to keep you safe")
    expect(card.locator("mark.pw-jargon").first).to_have_text("a Child Protection Plan")
    tablet.check("editor-with-hints")

    card.get_by_role("button", name="Use “family time”").tap()
    expect(text).to_have_value("Sam has a Child Protection Plan. Mum sees Sam at family time.")
    expect(page.locator(".save-state")).to_have_text(SAVED, timeout=10_000)
    first = panels_of(live_app, sb_id)[0]
    assert first.text == "Sam has a Child Protection Plan. Mum sees Sam at family time."
    expect(hints).to_have_count(1)

    # Dismissing a hint hides it for this panel; the words stay as they are.
    card.get_by_role("button", name="Dismiss this hint: a Child Protection Plan").tap()
    expect(card.locator(".pw-item-jargon")).to_have_count(0)
    assert panels_of(live_app, sb_id)[0].text == first.text
    tablet.check("editor-hint-dismissed")
