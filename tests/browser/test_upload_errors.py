"""A refused photo is said where the person is looking, with the real limit, and in the save
state: never "All changes saved" beside a photo that was not added."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import test_editor
from tests.browser.test_editor import current_card, make_story, open_editor

pytestmark = pytest.mark.browser
family = test_editor.family


def test_a_photo_too_large_is_refused_beside_the_control(
    live_server, live_app, tablet, sign_in, family, tmp_path
):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    card = current_card(page)
    big = tmp_path / "holiday.jpg"  # a 30 MB photo from the tablet's files
    big.write_bytes(b"\xff\xd8\xff" + b"\0" * (30 * 1024 * 1024))
    card.locator(".scene-file:not([capture])").set_input_files(str(big))
    alert = card.locator(".scene-alert")
    expect(alert).to_contain_text("pictures up to 25 MB can be used", timeout=15000)
    expect(alert).to_contain_text("This picture is 31 MB")
    expect(alert).to_be_in_viewport()
    expect(alert).not_to_contain_text("go back")
    expect(page.locator("#save-state")).to_have_text(
        "Picture not added: see the message by the picture"
    )
    tablet.check("photo-refused")
    # The next change is saved as usual, and the save state says so again.
    card.get_by_label("The words for this page").fill("Our holiday.")
    expect(page.locator("#save-state")).to_have_text("All changes saved", timeout=8000)
