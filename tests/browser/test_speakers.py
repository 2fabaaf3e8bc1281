"""The worker as a speaker: a professional added on the case page can be chosen as whose
words a page is and who said one of two views, and the booklet names them as the child
knows them. Each page says what its section of the method is for."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_editor import PASSWORD, SAVED, current_card, family, make_story  # noqa: F401

pytestmark = pytest.mark.browser


def test_a_professional_speaks_on_a_two_voice_page(live_server, live_app, tablet, sign_in, family):  # noqa: F811
    page = tablet.page
    sb_id = make_story(live_app, family["case"])
    sign_in(tablet, "wendy", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/cases/{family['case']}")
    tablet.check("case")
    page.get_by_label("A professional (you, a teacher, a doctor)").tap()
    page.get_by_label("Name", exact=True).fill("Andrea Smith")
    page.get_by_label("Who they are to the child").fill("Social worker")
    page.get_by_label("What the child calls them (optional)").fill("Andrea")
    page.get_by_role("button", name="Add person").tap()
    expect(page.locator(".people-list")).to_contain_text("Andrea Smith")
    expect(page.locator(".people-list")).to_contain_text("Professional")
    tablet.check("case-with-professional")

    page.goto(f"{live_server.url}/storyboards/{sb_id}")
    expect(page.locator("#save-state")).to_have_text(SAVED)
    card = current_card(page)
    expect(card.locator(".guide-about")).to_contain_text("What this page is for")
    tablet.check("editor")
    page.get_by_role("button", name=re.compile(r"All pages")).tap()
    page.locator("#page-list").get_by_role("button", name="Two ways of seeing it").tap()
    card = current_card(page)
    expect(card.locator(".guide-about")).to_contain_text("without blame")
    professionals = card.locator("[data-voice='0'] optgroup[label='Professionals'] option")
    expect(professionals).to_have_text(["Social worker (Andrea Smith)"])
    card.locator("[data-voice='0']").get_by_label("Who said it").select_option(
        label="Social worker (Andrea Smith)"
    )
    card.locator("[data-voice='0']").get_by_label("Their words").fill("Sam was hurt.")
    card.locator("[data-voice='1']").get_by_label("Who said it").select_option(label="Mum (Grace)")
    card.locator("[data-voice='1']").get_by_label("Their words").fill("It was an accident.")
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    preview = page.frame_locator("#preview-frame").locator("body")
    expect(preview).to_contain_text("Andrea")
    expect(preview).not_to_contain_text("Andrea Smith")
    tablet.check("two-views-with-the-worker")
