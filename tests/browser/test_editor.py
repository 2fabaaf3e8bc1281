"""The guided editor on a tablet: build a story from a template, keep words offline and when
signed out, the conflict screen, and family mode."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from storyboard.accounts import create_user
from storyboard.db import db
from storyboard.models import Case, Panel, Person, Storyboard

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
    from storyboard import panels
    from storyboard.models import User

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
    card.locator(".scale-choice", has_text="7").tap()
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
    page.locator("#page-list .page-row").nth(2).get_by_role("button", name="Move page 3 later").tap()
    expect(page.locator("#save-state")).to_have_text(SAVED)
    page.wait_for_function(
        "ids => fetch('/api/storyboards/' + ids + '/panels', {headers: {Accept: 'application/json'}})"
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
        "value": 7,
        "ten_means": "Sam is safe at home.",
    }
    assert by_heading["If I feel scared"].extra["steps"] == ["I go to my room.", "I tell Nan."]

    page.get_by_role("link", name="Read with Sam").tap()
    expect(page.locator("#reader-count")).to_have_text(re.compile(r"Page 1 of \d+"))
    tablet.check("read-mode")
    page.get_by_role("button", name="Next").tap()
    expect(page.locator("#reader-count")).to_contain_text("Page 2 of")
    tablet.check("read-mode-page-2")
