"""A finger on the stage chooses the picture it is on, not an invisible box: a tap on the
transparent corner of a picture's box goes to the picture under it (or to the empty stage),
in portrait and landscape, with real touch through the DevTools protocol.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from storyboard.services.db import db
from storyboard.services.models import Panel
from tests.browser import test_pictures
from tests.browser.test_pictures import open_scene, saved, scene_of
from tests.browser.touch import Touch

pytestmark = pytest.mark.browser
panel_page = test_pictures.panel_page  # the same fixture: Ann's storyboard with one panel

# A figure's box is square with a transparent margin; the sun's disc is painted in its middle.
# The grandma stands over the sun so that her box's top-left corner (transparent) lies on the
# sun's disc. The thought bubble is flipped: its small bubbles are then at its lower right.
# The emoji's round face leaves its box's corners empty.
SCENE = {
    "background": "#fff8e7",
    "pictures": [
        {"src": "library:sun", "x": 0.1, "y": 0.1, "width": 0.3, "alt": "The sun"},
        {"src": "library:grandma", "x": 0.205, "y": 0.24, "width": 0.3, "alt": "Nan"},
        {"src": "library:thought-bubble", "x": 0.62, "y": 0.45, "width": 0.35,
         "alt": "A thought", "flip": True},
        {"src": "emoji:1F600", "x": 0.62, "y": 0.05, "width": 0.25, "alt": "A smiling face"},
    ],
}  # fmt: skip


def at(page, index: int, fx: float, fy: float) -> tuple[float, float]:
    """The point at fractions (fx, fy) of picture `index`'s box on the page."""
    box = page.locator(".scene-item").nth(index).bounding_box()
    return box["x"] + box["width"] * fx, box["y"] + box["height"] * fy


def inside(page, index: int, point: tuple[float, float]) -> bool:
    box = page.locator(".scene-item").nth(index).bounding_box()
    return (box["x"] < point[0] < box["x"] + box["width"]
            and box["y"] < point[1] < box["y"] + box["height"])  # fmt: skip


def places(page) -> list[tuple[float, float, float]]:
    """Where each picture is: (x, y, width), as the composer last said."""
    return [(p["x"], p["y"], p["width"]) for p in scene_of(page)["pictures"]]


def expect_chosen(page, name: str | None) -> None:
    """The picture named `name` is the chosen one (None: no picture is)."""
    chosen = page.locator('.scene-item[aria-pressed="true"]')
    if name is None:
        expect(chosen).to_have_count(0)
        expect(page.locator(".scene-selected")).to_be_hidden()
        return
    expect(chosen).to_have_count(1)
    expect(chosen).to_have_attribute("aria-label", re.compile("^" + re.escape(name) + r"\."))
    expect(page.locator(".scene-selected-name")).to_have_text("Chosen: " + name)


@pytest.fixture
def overlapping(live_app, panel_page):
    """The panel's scene: the grandma's box over the sun's disc, and a flipped bubble."""
    board_id, panel_id = panel_page
    with live_app.app_context():
        db.session.get(Panel, panel_id).scene = SCENE
        db.session.commit()
    return board_id, panel_id


def test_a_tap_chooses_the_painted_picture_not_its_box(
    live_server, live_app, tablet, sign_in, overlapping
):
    page = tablet.page
    touch = Touch(page)
    open_scene(tablet, live_server, sign_in, *overlapping)
    for img in page.locator(".scene-item img").all():
        expect(img).to_have_js_property("complete", True)
    tablet.check("scene")
    corner = at(page, 1, 0.15, 0.15)  # the grandma's transparent corner, on the sun's disc
    assert inside(page, 0, corner) and inside(page, 1, corner)

    touch.tap_at(at(page, 1, 0.5, 0.55))  # her painted middle
    expect_chosen(page, "Nan")
    touch.tap_at(corner)
    expect_chosen(page, "The sun")
    tablet.check("chosen-through-a-corner")
    # Its resize handle shows above her painted skirt, and takes the finger first.
    stage = page.locator(".scene-stage").bounding_box()
    before = places(page)
    handle = at(page, 0, 1, 1)
    touch.drag(handle, (handle[0] - stage["width"] * 0.05, handle[1] - stage["width"] * 0.05))
    saved(page)
    resized = places(page)
    assert resized[0][2] == pytest.approx(before[0][2] - 0.05, abs=0.01)
    assert resized[0][:2] == before[0][:2] and resized[1] == before[1]
    expect_chosen(page, "The sun")
    touch.tap_at(at(page, 1, 0.9, 0.9))  # her transparent corner, over the empty stage
    expect_chosen(page, None)

    # Flipped: the small bubbles are painted on the right, and the left is empty.
    touch.tap_at(at(page, 2, 0.69, 0.81))
    expect_chosen(page, "A thought")
    touch.tap_at(at(page, 2, 0.31, 0.81))
    expect_chosen(page, None)
    touch.tap_at(at(page, 3, 0.5, 0.5))
    expect_chosen(page, "A smiling face")
    touch.tap_at(at(page, 3, 0.2, 0.2))  # clear of its resize handle
    expect_chosen(page, None)

    # A drag from her transparent corner moves the sun; from her middle, the grandma.
    before = places(page)
    touch.drag(corner, (corner[0] - stage["width"] * 0.05, corner[1] + stage["height"] * 0.1))
    saved(page)
    moved = places(page)
    assert moved[0][0] == pytest.approx(before[0][0] - 0.05, abs=0.02)
    assert moved[0][1] == pytest.approx(before[0][1] + 0.1, abs=0.02)
    assert moved[1] == before[1]
    expect_chosen(page, "The sun")
    middle = at(page, 1, 0.5, 0.55)
    touch.drag(middle, (middle[0] + stage["width"] * 0.1, middle[1]))
    saved(page)
    dragged = places(page)
    assert dragged[1][0] == pytest.approx(before[1][0] + 0.1, abs=0.02)
    assert dragged[0] == moved[0]
    expect_chosen(page, "Nan")

    # The keyboard still chooses by focus, whatever is painted where.
    page.locator(".scene-item").nth(0).focus()
    expect_chosen(page, "The sun")
    page.keyboard.press("ArrowRight")
    saved(page)
    assert places(page)[0][0] == pytest.approx(moved[0][0] + 0.01, abs=0.001)
    tablet.check("moved")
