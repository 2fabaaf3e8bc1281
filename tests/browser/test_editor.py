"""The guided editor on a tablet: build a story from a template, keep words offline and when
signed out, the conflict screen, and family mode."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from storyboard.services.accounts import create_user
from storyboard.services.db import db
from storyboard.services.models import Case, Panel, Person, Storyboard

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"
SAVED = "All changes saved"


@pytest.fixture
def family(live_app):
    """A worker with two cases; the first has Mum and Dad. Returns the case ids."""
    with live_app.app_context():
        wendy = create_user("wendy", "Wendy Worker", PASSWORD, "worker")
        case = Case(reference="CR-7", family_name="The Okafor family", workers=[wendy])
        other = Case(reference="CR-8", family_name="The Jones family", workers=[wendy])
        db.session.add_all([case, other])
        db.session.flush()
        db.session.add_all(
            [
                Person(case_id=case.id, name="Grace", relationship_="Mum"),
                Person(case_id=case.id, name="Tom", relationship_="Dad"),
            ]
        )
        db.session.commit()
        return {"case": case.id, "other": other.id}


def panels_of(app, sb_id):
    with app.app_context():
        rows = db.session.scalars(
            select(Panel)
            .where(Panel.storyboard_id == sb_id, Panel.deleted_at.is_(None))
            .order_by(Panel.position)
        ).all()
        for row in rows:
            db.session.expunge(row)
        return rows


def make_story(app, case_id, template="standard"):
    """A storyboard made directly (for tests that are not about starting one)."""
    from storyboard.services import panels
    from storyboard.services.models import User

    with app.app_context():
        user = db.session.scalar(select(User))
        case = db.session.get(Case, case_id)
        sb = panels.start_storyboard(
            case, user, child_name="Sam", child_age=7, language="en",
            purpose="First explanation", template_id=template,
        )  # fmt: skip
        db.session.commit()
        return sb.id


def current_card(page):
    return page.locator(".panel-card:not([hidden])")


def test_build_a_story_from_a_template(live_server, live_app, tablet, sign_in, family):
    page = tablet.page
    sign_in(tablet, "wendy", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.get_by_role("link", name="The Okafor family").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("The Okafor family")
    tablet.check("case")
    page.get_by_role("link", name="Start a storyboard").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a storyboard")
    tablet.check("start")
    page.get_by_label("Child's first name").fill("Sam")
    page.get_by_label("How old is the child?").fill("7")
    page.get_by_label("Words & Pictures: the standard story").check()
    page.get_by_role("button", name="Start the story").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sam’s story")
    with live_app.app_context():
        sb_id = db.session.scalar(select(Storyboard.id))
    rows = panels_of(live_app, sb_id)
    assert len(rows) >= 8
    card = current_card(page)
    expect(card.get_by_role("heading", level=2)).to_contain_text("Page 1")
    expect(card.locator("details.guide")).to_contain_text("not printed")
    tablet.check("editor-first-page")

    card.get_by_label("The words for this page").fill("This is a story about Sam.")
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    page.get_by_role("button", name="Next page").tap()
    card = current_card(page)
    expect(card.get_by_role("heading", level=2)).to_contain_text("Page 2")
    card.get_by_label("Whose words are these?").select_option(label="Mum (Grace)")
    card.get_by_label("The words for this page").fill("Sam lives with Mum and Dad.")
    # The family words list: add one and put it into the text.
    page.get_by_role("button", name="Family words").tap()
    page.get_by_label("The family's word").fill("Mum's poorly days")
    page.get_by_label("What it means").fill("depression")
    page.get_by_role("button", name="Add word").tap()
    expect(page.locator("#word-list")).to_contain_text("Mum's poorly days")
    card.get_by_label("The words for this page").focus()
    page.locator("#word-list").get_by_role("button", name="Put in").tap()
    expect(card.get_by_label("The words for this page")).to_have_value(
        "Sam lives with Mum and Dad. Mum's poorly days"
    )
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    expect(page.frame_locator("#preview-frame").locator("body")).to_contain_text("poorly days")
    tablet.check("editor-family-words")
    page.get_by_role("button", name="Family words").tap()

    # Two views side by side on the "two ways of seeing it" page.
    page.get_by_role("button", name=re.compile(r"All pages")).tap()
    page.locator("#page-list").get_by_role("button", name="Two ways of seeing it").tap()
    card = current_card(page)
    expect(card.get_by_label("Two views side by side")).to_be_checked()
    card.locator("[data-voice='0']").get_by_label("Their words").fill("Sam was hurt.")
    card.locator("[data-voice='1']").get_by_label("Who said it").select_option(label="Mum (Grace)")
    card.locator("[data-voice='1']").get_by_label("Their words").fill("It was an accident.")

    # The safety scale and the child's steps.
    page.locator("#page-list").get_by_role("button", name="How safe is it now?").tap()
    card = current_card(page)
    card.get_by_label("Who says where it is?").select_option(label="Mum (Grace)")
    card.get_by_role("button", name="Add their number").tap()
    card.get_by_role("group", name="Mum (Grace)").locator(".scale-choice", has_text="7").tap()
    card.get_by_label("What 10 looks like").fill("Sam is safe at home.")
    page.locator("#page-list").get_by_role("button", name="If I feel scared").tap()
    card = current_card(page)
    card.get_by_label("Step 1").fill("I go to my room.")
    card.get_by_label("Step 2").fill("I tell Nan.")
    card.get_by_role("button", name="Remove step 3").tap()
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    tablet.check("editor-steps")

    # Reorder: the arrow buttons and a drag; then delete and undo.
    before = [p.id for p in panels_of(live_app, sb_id)]
    page.locator("#page-list .page-row").nth(2).get_by_role(
        "button", name="Move page 3 later"
    ).tap()
    expect(page.locator("#save-state")).to_have_text(SAVED)
    page.wait_for_function(
        "id => fetch('/api/storyboards/' + id + '/panels', {headers: {Accept: 'application/json'}})"
        ".then(r => r.json()).then(b => b.panels[2].heading !== 'Who is worried?')",
        arg=sb_id,
    )
    after = [p.id for p in panels_of(live_app, sb_id)]
    assert after[:5] == before[:2] + [before[3], before[2], before[4]]
    handle = page.locator("#page-list .page-row").nth(0).locator(".drag-handle")
    target = page.locator("#page-list .page-row").nth(1)
    handle.drag_to(target, target_position={"x": 100, "y": 45})
    page.wait_for_timeout(300)
    dragged = [p.id for p in panels_of(live_app, sb_id)]
    assert dragged[:2] == [after[1], after[0]]
    tablet.check("page-list")

    page.locator("#page-list").get_by_role("button", name="What happened next").tap()
    current_card(page).get_by_role("button", name="Delete").tap()
    expect(page.locator("#undo-bar")).to_be_visible()
    assert len(panels_of(live_app, sb_id)) == len(before) - 1
    tablet.check("deleted-with-undo")
    page.get_by_role("button", name="Undo").tap()
    expect(page.locator("#undo-bar")).to_be_hidden()
    expect(current_card(page).locator("input[data-field=heading]")).to_have_value(
        "What happened next"
    )
    assert len(panels_of(live_app, sb_id)) == len(before)

    rows = panels_of(live_app, sb_id)
    by_heading = {p.heading: p for p in rows}
    assert by_heading["My family"].text == "Sam lives with Mum and Dad. Mum's poorly days"
    assert by_heading["My family"].speaker is not None
    assert [v["text"] for v in by_heading["Two ways of seeing it"].voices] == [
        "Sam was hurt.",
        "It was an accident.",
    ]
    assert by_heading["How safe is it now?"].extra["scale"] == {
        "ratings": [{"by": by_heading["My family"].speaker, "value": 7}],
        "ten_means": "Sam is safe at home.",
    }
    assert by_heading["If I feel scared"].extra["steps"] == ["I go to my room.", "I tell Nan."]

    page.get_by_role("link", name="Read with Sam").tap()
    expect(page.locator("#reader-count")).to_have_text(re.compile(r"Page 1 of \d+"))
    tablet.check("read-mode")
    page.get_by_role("button", name="Next").tap()
    expect(page.locator("#reader-count")).to_contain_text("Page 2 of")
    tablet.check("read-mode-page-2")


def open_editor(tablet, live_server, sign_in, sb_id, label="editor"):
    page = tablet.page
    sign_in(tablet, "wendy", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/storyboards/{sb_id}")
    expect(page.locator("#save-state")).to_have_text(SAVED)
    tablet.check(label)


def test_offline_words_are_kept_through_a_reload(live_server, live_app, tablet, sign_in, family):
    from tests.browser.conftest import AuditedPage

    sb_id = make_story(live_app, family["case"])
    first = panels_of(live_app, sb_id)[0]
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    box = current_card(page).get_by_label("The words for this page")

    page.context.set_offline(True)
    box.fill("Typed with no wi-fi.")
    expect(page.locator("#save-state")).to_have_text("Offline: kept on this tablet", timeout=8000)
    tablet.check("offline")
    # The tab is closed while offline (a reload can only show the browser's offline page):
    # the words now exist only in this tablet's storage.
    context = page.context
    page.close()
    assert panels_of(live_app, sb_id)[0].text == ""
    context.set_offline(False)
    again = AuditedPage(context.new_page(), tablet.name + "-reopened")
    again.page.goto(f"{live_server.url}/storyboards/{sb_id}")
    box = current_card(again.page).get_by_label("The words for this page")
    expect(box).to_have_value("Typed with no wi-fi.")
    expect(again.page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    again.check("back-online")
    assert not again.unaudited()
    assert panels_of(live_app, sb_id)[0].text == "Typed with no wi-fi."
    assert panels_of(live_app, sb_id)[0].version == first.version + 1


def test_offline_then_online_sends_the_words(live_server, live_app, tablet, sign_in, family):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    page.context.set_offline(True)
    current_card(page).get_by_label("The words for this page").fill("Sent when back.")
    expect(page.locator("#save-state")).to_have_text("Offline: kept on this tablet", timeout=8000)
    page.context.set_offline(False)
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    assert panels_of(live_app, sb_id)[0].text == "Sent when back."


def test_expired_session_keeps_the_words(live_server, live_app, tablet, sign_in, family):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    page.context.clear_cookies()
    box = current_card(page).get_by_label("The words for this page")
    box.fill("Written after the session ended.")
    expect(page.locator("#signed-out")).to_contain_text("Please sign in again")
    expect(page.locator("#save-state")).to_have_text("Signed out: kept on this tablet")
    expect(box).to_have_value("Written after the session ended.")
    tablet.check("signed-out")
    assert panels_of(live_app, sb_id)[0].text == ""
    page.locator("#resignin-user").fill("wendy")
    page.locator("#resignin-password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in and save").tap()
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    expect(page.locator("#signed-out")).to_be_hidden()
    assert panels_of(live_app, sb_id)[0].text == "Written after the session ended."


def test_too_long_text_is_refused_and_stays_in_the_box(
    live_server, live_app, tablet, sign_in, family
):
    live_app.config["MAX_FIELD_CHARS"] = 40
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    box = current_card(page).get_by_label("The words for this page")
    long_text = "These words are far too long for this page."
    box.fill(long_text)
    expect(current_card(page).locator(".panel-error")).to_contain_text("the most it can hold is 40")
    expect(box).to_have_value(long_text)
    tablet.check("too-long")
    assert panels_of(live_app, sb_id)[0].text == ""


# One orientation is enough here (behaviour, not layout); CI time is mostly browsers.
@pytest.mark.parametrize("viewport_name", ["landscape"], indirect=True)
def test_two_devices_on_one_panel_see_the_conflict_screen(
    live_server, live_app, tablet, sign_in, family, chromium, viewport_name
):
    from tests.browser.conftest import VIEWPORTS, AuditedPage

    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)

    other = chromium.new_context(viewport=VIEWPORTS[viewport_name], has_touch=True)
    try:
        second = AuditedPage(other.new_page(), f"conflict-second-{viewport_name}")
        open_editor(second, live_server, sign_in, sb_id, label="second-device")
        second.page.get_by_label("The words for this page").first.fill("Dad's words.")
        expect(second.page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
        assert not second.unaudited()
    finally:
        other.close()

    current_card(page).get_by_label("The words for this page").fill("Mum's words.")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=8000)
    expect(dialog.locator("#conflict-mine")).to_have_text("Mum's words.")
    expect(dialog.locator("#conflict-theirs")).to_have_text("Dad's words.")
    tablet.check("conflict")
    assert panels_of(live_app, sb_id)[0].text == "Dad's words."
    dialog.get_by_role("button", name="Keep my words").tap()
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    assert panels_of(live_app, sb_id)[0].text == "Mum's words."


# One orientation is enough here (behaviour, not layout); CI time is mostly browsers.
@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_family_mode_cannot_reach_another_case(live_server, live_app, tablet, sign_in, family):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    page.get_by_role("button", name="Hand to the family").tap()
    expect(page.get_by_role("status").first).to_contain_text("Family mode is on")
    expect(page.get_by_role("link", name="My cases")).to_be_hidden()
    tablet.check("family-mode")

    for url in (f"/cases/{family['other']}", "/", f"/cases/{family['case']}", "/users"):
        response = page.goto(live_server.url + url)
        assert response.status == 403, url
        expect(page.get_by_role("heading", level=1)).to_have_text("This tablet is in family mode")
        expect(page.get_by_text("The Jones family")).to_have_count(0)
        tablet.check("family-blocked")

    page.get_by_role("link", name="Back to the story").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam’s story")
    current_card(page).get_by_label("The words for this page").fill("Mum typed this.")
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    page.get_by_role("link", name="Leave family mode").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leave family mode")
    tablet.check("leave")
    page.get_by_label("Worker's password").fill("not the password")
    page.get_by_role("button", name="Leave family mode").tap()
    expect(page.locator(".errors")).to_contain_text("not the worker's password")
    tablet.check("leave-wrong")
    page.get_by_label("Worker's password").fill(PASSWORD)
    page.get_by_role("button", name="Leave family mode").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam’s story")
    tablet.check("left-family-mode")
    response = page.goto(f"{live_server.url}/cases/{family['other']}")
    assert response.status == 200
    tablet.check("other-case")
    assert panels_of(live_app, sb_id)[0].text == "Mum typed this."
