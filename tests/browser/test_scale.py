"""The safety scale on a tablet: the worker asks each person where things are and puts each
on the line by touch or keyboard; the preview shows them all, named."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from storyboard.services.db import db
from storyboard.services.models import Person
from tests.browser.test_editor import (
    SAVED,
    current_card,
    family,  # noqa: F401 - the fixture
    make_story,
    open_editor,
    panels_of,
)

pytestmark = pytest.mark.browser


def number(row, n):  # noqa: ANN001, ANN201
    return row.locator(".scale-choice", has_text=re.compile(rf"^{n}$"))


def test_mum_dad_and_the_child_each_put_a_number_on_the_scale(
    live_server, live_app, tablet, sign_in, family  # noqa: F811
):
    sb_id = make_story(live_app, family["case"])  # Sam, the child, is a person of the case
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    page.get_by_role("button", name=re.compile(r"All pages")).tap()
    page.locator("#page-list").get_by_role("button", name="How safe is it now?").tap()
    card = current_card(page)
    who = card.get_by_label("Who says where it is?")
    add = card.get_by_role("button", name="Add their number")

    # Touch: Mum at 6, Dad at 3 then changed to 4.
    who.select_option(label="Mum (Grace)")
    add.tap()
    number(card.get_by_role("group", name="Mum (Grace)"), 6).tap()
    who.select_option(label="Dad (Tom)")
    add.tap()
    dad = card.get_by_role("group", name="Dad (Tom)")
    number(dad, 3).tap()
    number(dad, 4).tap()
    # Someone added by mistake is taken off again.
    who.select_option(label="Me (Sam)")
    add.tap()
    card.get_by_role("button", name="Remove Me (Sam)").tap()
    expect(card.get_by_role("group", name="Me (Sam)")).to_have_count(0)
    # Keyboard: the child's row takes the focus at 0; the arrow keys move along the line.
    who.select_option(label="Me (Sam)")
    add.focus()
    page.keyboard.press("Enter")
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    child_row = card.get_by_role("group", name="Me (Sam)")
    expect(child_row.get_by_role("radio", name="7")).to_be_checked()
    # Everyone has a number: nobody is left to add.
    expect(add).to_be_disabled()
    expect(card.get_by_text("Everyone in the case has a number.")).to_be_visible()
    card.get_by_label("What 10 looks like").fill("Sam is safe at home.")
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    tablet.check("three-ratings")

    with live_app.app_context():
        people = {p.relationship_: str(p.id) for p in db.session.query(Person)}
    scale = next(p for p in panels_of(live_app, sb_id) if p.kind == "scale")
    assert scale.extra["scale"]["ratings"] == [
        {"by": people["Mum"], "value": 6},
        {"by": people["Dad"], "value": 4},
        {"by": people["child"], "value": 7},
    ]

    picture = page.frame_locator("#preview-frame").locator("svg[role=img]")
    expect(picture).to_have_attribute(
        "aria-label", "A scale from 0 to 10: Mum at 6, Dad at 4, Sam at 7"
    )
    for name in ("Mum", "Dad", "Sam"):
        expect(picture.locator("text", has_text=re.compile(rf"^{name}$"))).to_have_count(1)
    page.locator("#preview-frame").scroll_into_view_if_needed()
    tablet.check("preview-three-ratings")

    # After a reload the card shows the three rows as saved.
    page.reload()
    expect(page.locator("#save-state")).to_have_text(SAVED)
    card = current_card(page)
    expect(card.locator("[data-rating]")).to_have_count(3)
    dad = card.get_by_role("group", name="Dad (Tom)")
    expect(dad.get_by_role("radio", name="4")).to_be_checked()
    tablet.check("after-reload")
