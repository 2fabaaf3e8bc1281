"""The journey with the keyboard alone (issue 13): the worker signs in, opens the case, adds
a person, starts a story, types two pages and turns between them, sends it for review and makes
a link; the parent gives the PIN and agrees. No tap or click: Tab, Enter, Space and the arrows,
and the focus can be seen at every stop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from storyboard.services.accounts import create_user
from storyboard.services.db import db
from storyboard.services.models import Approval, Case
from tests.browser.conftest import PHONE, VIEWPORTS, AuditedPage
from tests.browser.keys import focus_shown, tab_to, type_into
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_journey_with_the_keyboard_alone(live_server, chromium):
    with live_server.app.app_context():
        ann = create_user("ann", "Ann Worker", PASSWORD, "worker")
        db.session.add(Case(reference="CR-9", family_name="The Patel family", workers=[ann]))
        db.session.commit()
    context = chromium.new_context(viewport=VIEWPORTS["landscape"])
    tablet = AuditedPage(context.new_page(), "journey-keyboard")
    page = tablet.page
    page.set_default_timeout(10_000)
    key = page.keyboard

    page.goto(live_server.url + "/signin")
    tablet.check("sign-in")
    type_into(page, page.get_by_label("Username"), "ann")
    type_into(page, page.get_by_label("Password"), PASSWORD)
    key.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    tab_to(page, page.get_by_role("link", name="The Patel family"))
    key.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("The Patel family")
    tablet.check("case")

    # The person form: the radio group by its arrow keys, the fields by Tab, Enter sends it.
    tab_to(page, page.get_by_label("Family or a friend"))
    key.press("ArrowDown")
    expect(page.get_by_label("A professional")).to_be_checked()
    focus_shown(page)
    type_into(page, page.get_by_label("Name", exact=True), "Ann Worker")
    type_into(page, page.get_by_label("Who they are to the child"), "Social worker")
    key.press("Enter")
    expect(page.locator(".people-list")).to_contain_text("Ann Worker")
    tablet.check("case-with-person")

    tab_to(page, page.get_by_role("link", name="Start a storyboard"))
    key.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a storyboard")
    tablet.check("start")
    type_into(page, page.get_by_label("Child's first name"), "Asha")
    type_into(page, page.get_by_label("How old is the child?"), "9")
    pronouns = page.get_by_role("group", name="The child's pronouns")
    tab_to(page, pronouns.get_by_role("radio").first)
    key.press("Space")
    expect(pronouns.get_by_role("radio").first).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Start the story"))
    key.press("Enter")
    expect(page.locator("#editor")).to_be_visible()
    tablet.check("editor")

    # Type a page, turn to the next with the keyboard, type it, and come back.
    card = page.locator(".panel-card:not([hidden])")
    type_into(page, card.get_by_label("The words for this page"), "This is a story about Asha.")
    tab_to(page, page.get_by_role("button", name="Next page"), back=True)
    key.press("Enter")
    expect(card.locator(".panel-number")).to_have_text("2")
    type_into(page, card.get_by_label("The words for this page"), "Asha lives with Mum.")
    expect(page.locator("#save-state")).to_have_attribute("data-state", "saved")
    tab_to(page, page.get_by_role("button", name="Previous page"), back=True)
    key.press("Enter")
    expect(card.locator(".panel-number")).to_have_text("1")
    expect(card.get_by_label("The words for this page")).to_have_value(
        "This is a story about Asha."
    )

    # Send it for review and make a link with a PIN.
    tab_to(page, page.get_by_role("link", name="Versions and review"), back=True)
    key.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Versions and review")
    tablet.check("hub")
    type_into(page, page.get_by_label("Why this version?"), "First draft")
    tab_to(page, page.get_by_label("Send anyway, with these panels empty"))
    key.press("Space")
    tab_to(page, page.get_by_role("button", name="Send for review"))
    key.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1 of")
    tablet.check("version")
    type_into(page, page.get_by_label("Reviewer's name"), "Priya Patel")
    type_into(page, page.get_by_label("PIN"), "4321")
    tab_to(page, page.get_by_role("button", name="Make link"))
    key.press("Enter")
    expect(page.get_by_role("img", name="QR code of the link for Priya Patel")).to_be_visible()
    tablet.check("link")
    url = page.locator("#share-url").input_value()

    # The parent, on a phone with a keyboard: the PIN, then "I agree".
    phone_context = chromium.new_context(viewport=PHONE["phone"], device_scale_factor=2)
    phone = AuditedPage(phone_context.new_page(), "journey-keyboard-phone")
    mum = phone.page
    mum.set_default_timeout(10_000)
    mum.goto(url)
    phone.check("pin")
    type_into(mum, mum.get_by_label("PIN"), "4321")
    mum.keyboard.press("Enter")
    expect(mum.get_by_role("heading", level=1)).to_have_text(re.compile("Asha"))
    phone.check("review")
    type_into(mum, mum.get_by_label("Your name"), "Priya Patel")
    tab_to(mum, mum.get_by_role("button", name="I agree with this version"))
    mum.keyboard.press("Enter")
    expect(mum.locator("#decision")).to_contain_text("You agreed with this version")
    phone.check("agreed")
    for audited in (tablet, phone):
        assert not audited.unaudited(), audited.unaudited()
        assert not audited.script_errors, audited.script_errors
    phone_context.close()
    context.close()
    with live_server.app.app_context():
        assert [a.decision for a in db.session.scalars(select(Approval))] == ["agree"]
