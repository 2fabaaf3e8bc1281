""" "Who I can talk to": one tap adds a helpline's name and number to the page's words, kept
with what was typed, saved like typing, and taken out again by Undo."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from storyboard.services import council
from storyboard.services.db import db
from tests.browser.test_editor import (  # noqa: F401 - fixtures
    SAVED,
    current_card,
    family,
    make_story,
    open_editor,
    panels_of,
)

pytestmark = pytest.mark.browser


def talk_to_text(app, sb_id):  # noqa: ANN001, ANN201
    return next(p.text for p in panels_of(app, sb_id) if p.section == "talk-to")


@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_one_tap_adds_a_helpline_and_undo_takes_it_out(
    live_server,
    live_app,
    tablet,
    sign_in,
    family,  # noqa: F811
):
    with live_app.app_context():
        council.save(
            name="Northshire County Council", primary=None, accent=None, booklet_allowed=False,
            helplines=[{"name": "Out of hours", "number": "01234 567890", "notes": "evenings"}],
        )  # fmt: skip
        db.session.commit()
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    page.get_by_role("button", name=re.compile(r"All pages")).tap()
    page.locator("#page-list").get_by_role("button", name="Who I can talk to").tap()
    card = current_card(page)
    box = card.get_by_label("The words for this page")
    box.fill("Sam can talk to Nan.")  # typed, not saved yet when the tap comes
    card.get_by_role("button", name="Add Out of hours (01234 567890)").tap()
    expect(box).to_have_value("Sam can talk to Nan.\nOut of hours: 01234 567890 (evenings)")
    expect(card.locator("[data-helpline-said]")).to_have_text(
        "Added: Out of hours: 01234 567890 (evenings)"
    )
    expect(page.locator("#save-state")).to_have_text(SAVED)
    tablet.check("helpline-added")
    assert talk_to_text(live_app, sb_id) == (
        "Sam can talk to Nan.\nOut of hours: 01234 567890 (evenings)"
    )
    # A second tap does not add it twice.
    card.get_by_role("button", name="Add Out of hours (01234 567890)").tap()
    expect(card.locator("[data-helpline-said]")).to_have_text(
        "Out of hours is already on this page."
    )
    card.get_by_role("button", name="Undo: take the line out again").tap()
    expect(box).to_have_value("Sam can talk to Nan.")
    expect(page.locator("#save-state")).to_have_text(SAVED)
    assert talk_to_text(live_app, sb_id) == "Sam can talk to Nan."
    # Only "Who I can talk to" offers them (every page's card is in the editor, one shown).
    expect(page.locator(".panel-card [data-helplines]")).to_have_count(1)
