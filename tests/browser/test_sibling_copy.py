"""Copying Lily's story for Josh on a tablet: the worker sees each proposed rewrite in its
sentence and makes it, or keeps the words (a "her" that means Mum)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from storyboard.services.accounts import create_user
from storyboard.services.db import db
from storyboard.services.models import Case, Storyboard
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


# One orientation is enough here (behaviour, not layout); CI time is mostly browsers.
@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_copy_for_a_brother_retells_the_story(live_server, tablet, sign_in):
    page = tablet.page
    app = live_server.app
    with app.app_context():
        worker = create_user("ann", "Ann Worker", PASSWORD, "worker")
        case = Case(reference="CR-7", family_name="The Bakers", workers=[worker])
        db.session.add(case)
        db.session.commit()
        case_id = case.id
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/cases/{case_id}")
    tablet.check("case")
    page.get_by_label("Name", exact=True).fill("Kerry Baker")
    page.get_by_label("Who they are to the child").fill("Mum")
    page.get_by_role("button", name="Add person").tap()
    expect(page.locator(".people-list")).to_contain_text("Kerry Baker")
    tablet.check("case-with-mum")
    page.get_by_role("link", name="Start a storyboard").tap()
    page.get_by_label("Child's first name").fill("Lily")
    page.get_by_label("How old is the child?").fill("6")
    page.get_by_role("group", name="The child's pronouns").get_by_label("she / her").tap()
    tablet.check("start-with-pronouns")
    page.get_by_role("button", name="Start the story").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lily")
    tablet.check("lily-editor")
    with app.app_context():
        lily = db.session.scalar(select(Storyboard).where(Storyboard.child_name == "Lily"))
        lily.panels[1].text = "Lily did not get her tea. Lily helped Mum with her bags."
        lily.panels[2].text = "I love my big brother Josh."
        db.session.commit()
        lily_id = lily.id

    page.goto(f"{live_server.url}/storyboards/{lily_id}/copy")
    page.get_by_label("Child's first name").fill("Josh")
    page.get_by_label("How old is the child?").fill("12")
    page.get_by_role("group", name="This child's pronouns").get_by_label("he / him").tap()
    tablet.check("copy-form")
    page.get_by_role("button", name="Make the copy").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the copy for Josh")
    tablet.check("copy-changes")
    changes = page.locator("li.copy-change")
    expect(changes.first).to_contain_text("did not get her tea")
    expect(changes.first.locator("del")).to_have_text("Lily")
    expect(changes.first.locator("ins")).to_have_text("Josh")

    # Make each change in turn; the list shows what is left.
    while changes.count():
        item = changes.first
        item.get_by_role("button", name="Make this change").tap()
        expect(page.get_by_role("status").filter(has_text="1 change made.")).to_be_visible()
        tablet.check(f"made-{changes.count()}-left")
    expect(page.get_by_text("Nothing left to check")).to_be_visible()
    tablet.check("copy-checked")

    with app.app_context():
        josh = db.session.scalar(select(Storyboard).where(Storyboard.child_name == "Josh"))
        assert josh.panels[1].text == "Josh did not get his tea. Josh helped Mum with her bags."
        assert josh.panels[2].text == "I love my little sister Lily."
        josh_id = josh.id
    page.goto(f"{live_server.url}/storyboards/{josh_id}")
    expect(page.get_by_text("changes to check")).to_have_count(0)
    tablet.check("josh-editor")
