"""What the worker typed prints and empty pages are left out, as the editor shows it: the title
typed on the title page in the preview, and the notices for pages left out because empty."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_editor import (
    SAVED,
    current_card,
    family,  # noqa: F401 - a fixture
    make_story,
    open_editor,
)

pytestmark = pytest.mark.browser
EMPTY = "This page is empty, so it is left out of the booklet"


def test_the_title_typed_on_the_title_page_shows_and_empty_pages_are_named(
    live_server, live_app, tablet, sign_in, family  # noqa: F811
):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    preview = page.frame_locator("#preview-frame").locator("body")

    card = current_card(page)
    card.get_by_label("Title on the cover").fill("All about Sam")
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    expect(preview).to_contain_text("All about Sam")
    expect(preview).not_to_contain_text("Sam’s story")
    tablet.check("title-on-the-cover")

    # Page 2 ("My family") has only its template heading: the preview says it is left out.
    page.get_by_role("button", name="Next page").tap()
    card = current_card(page)
    expect(card.get_by_role("heading", level=2)).to_contain_text("Page 2")
    expect(preview).to_contain_text(EMPTY)
    tablet.check("empty-page-preview")
    card.get_by_label("The words for this page").fill("Sam lives with Mum and Dad.")
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    expect(preview).to_contain_text("Sam lives with Mum and Dad.")
    expect(preview).not_to_contain_text(EMPTY)

    # The words check names the pages still empty; page 2 is no longer one of them.
    page.get_by_role("button", name="Words check").tap()
    note = page.locator("#words-check #left-out")
    expect(note).to_contain_text("Left out because they are empty:")
    expect(note.get_by_role("listitem").first).to_have_text("page 3 “Who is worried?”")
    expect(note).not_to_contain_text("page 2 ")
    tablet.check("words-check-left-out")

    page.goto(f"{live_server.url}/storyboards/{sb_id}/exports")
    expect(page.locator("#left-out")).to_contain_text("page 3 “Who is worried?”")
    tablet.check("export-left-out")
