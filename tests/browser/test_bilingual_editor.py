"""A bilingual storyboard in the editor, with a finger: choose Arabic as the second language,
type a page's words in both boxes (the Arabic one right to left), and the words are there
after a reload; an edit of the Arabic box made offline is kept on the tablet through a reload
and sent when the wi-fi is back, and one that meets another device's save is offered in the
conflict screen and kept."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from storyboard.services.db import db
from storyboard.services.models import Panel, Storyboard
from tests.browser import test_editor
from tests.browser.test_editor import SAVED, current_card, make_story, open_editor, panels_of
from tests.browser.test_editor_offline import OFFLINE, controlled_editor

pytestmark = pytest.mark.browser
family = test_editor.family  # the worker and cases fixture
WORDS = "The words for this page"


@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_arabic_as_second_language_offline_and_in_a_conflict(
    live_server, live_app, tablet, sign_in, family
):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    page.get_by_role("button", name="Languages").tap()
    page.get_by_label("Second language", exact=True).select_option("ar")
    page.get_by_label("Title in the second language").fill("قصة سام")
    page.get_by_role("button", name="Save languages").tap()
    arabic = current_card(page).get_by_label(f"{WORDS}, Arabic")
    expect(arabic).to_be_visible()  # the editor came back with the second boxes
    tablet.check("bilingual-editor")
    with live_app.app_context():
        sb = db.session.get(Storyboard, sb_id)
        assert (sb.second_language, sb.title_2) == ("ar", "قصة سام")

    english = current_card(page).get_by_label(WORDS, exact=True)
    expect(arabic).to_have_attribute("dir", "rtl")
    expect(arabic).to_have_attribute("lang", "ar")
    expect(english).to_have_attribute("lang", "en")
    english.tap()
    english.fill("Sam's story, made with Mum.")
    arabic.tap()
    arabic.fill("قصة سام، صنعناها مع أمي.")
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    first = panels_of(live_app, sb_id)[0]
    assert (first.text, first.text_2) == ("Sam's story, made with Mum.", "قصة سام، صنعناها مع أمي.")

    # Offline: the Arabic words are kept on the tablet through a reload, then sent.
    controlled_editor(tablet, sb_id)
    expect(arabic).to_have_value("قصة سام، صنعناها مع أمي.")
    expect(english).to_have_value("Sam's story, made with Mum.")
    page.context.set_offline(True)
    arabic.fill("كتبناها بدون إنترنت.")
    expect(page.locator("#save-state")).to_have_text(OFFLINE, timeout=8000)
    page.reload()
    expect(arabic).to_have_value("كتبناها بدون إنترنت.")
    tablet.check("bilingual-offline")
    assert panels_of(live_app, sb_id)[0].text_2 == "قصة سام، صنعناها مع أمي."
    page.context.set_offline(False)
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=15000)
    row = panels_of(live_app, sb_id)[0]
    assert (row.text, row.text_2) == ("Sam's story, made with Mum.", "كتبناها بدون إنترنت.")

    # Another device saved this page meanwhile: the Arabic words typed here meet a 409, the
    # conflict screen shows them, and keeping them saves them over the other device's.
    with live_app.app_context():
        other = db.session.get(Panel, row.id)
        other.text_2, other.version = "من جهاز آخر", other.version + 1
        db.session.commit()
    arabic.fill("كلماتي على هذا الجهاز.")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=8000)
    expect(page.locator("#conflict-mine")).to_contain_text("كلماتي على هذا الجهاز.")
    expect(page.locator("#conflict-theirs")).to_contain_text("من جهاز آخر")
    tablet.check("bilingual-conflict")
    page.get_by_role("button", name="Keep my words").tap()
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    assert panels_of(live_app, sb_id)[0].text_2 == "كلماتي على هذا الجهاز."
