"""Pictures on a tablet: place, drag by touch, pinch, resize, label, draw with a finger, upload
a photo with GPS, and compare the composer with the server's SVG and PNG of the scene.

Touches go through Chromium's DevTools protocol (Input.dispatchTouchEvent): real touch input,
not synthetic JavaScript events.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage
from playwright.sync_api import expect
from sqlalchemy import select

from storyboard.services.accounts import create_user
from storyboard.services.db import db
from storyboard.services.images import read_image
from storyboard.services.models import Case, Drawing, Image, Panel, Storyboard
from tests.browser.touch import Touch, centre
from tests.fixtures.pictures import make

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"


@pytest.fixture
def panel_page(live_server, live_app):
    """Ann's storyboard with one panel; returns (storyboard id, panel id)."""
    with live_app.app_context():
        ann = create_user("ann", "Ann Worker", PASSWORD, "worker")
        case = Case(reference="CR-7", family_name="The Rivera family", workers=[ann])
        db.session.add(case)
        db.session.flush()
        board = Storyboard(case_id=case.id, number=1, child_name="Sam", title="Sam's story")
        db.session.add(board)
        db.session.flush()
        panel = Panel(
            storyboard_id=board.id,
            position=1,
            section="family",
            heading="My family",
            text="I live with Mum and my Nan.",
        )
        db.session.add(panel)
        db.session.commit()
        return board.id, panel.id


def scene_of(page) -> dict:
    return json.loads(page.locator(".scene-editor").get_attribute("data-scene"))


def saved(page) -> None:
    expect(page.locator(".scene-editor")).to_have_attribute("data-save-state", "saved")


def saved_scene(live_app, panel_id) -> tuple[dict, int]:
    with live_app.app_context():
        panel = db.session.get(Panel, panel_id)
        return panel.scene, panel.version


def open_scene(tablet, live_server, sign_in, board_id: int, panel_id: int) -> None:
    """Sign in as Ann and open the full-screen composer of one panel."""
    page = tablet.page
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/storyboards/{board_id}/scene/{panel_id}")


def pick(page, word: str, tile: str) -> None:
    """Add a library picture through the picker: search for `word`, tap `tile`."""
    page.get_by_role("button", name="Add a picture").tap()
    picker = page.get_by_role("dialog", name="Choose a picture")
    picker.get_by_label("Find a picture").fill(word)
    picker.get_by_role("button", name="Find", exact=True).tap()
    picker.get_by_role("button", name=tile, exact=True).tap()


def test_compose_a_panel_with_touch(live_server, live_app, tablet, sign_in, panel_page):
    board_id, panel_id = panel_page
    page = tablet.page
    touch = Touch(page)
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")

    page.goto(f"{live_server.url}/storyboards/{board_id}/scene/{panel_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pictures for page 1")
    expect(page.locator(".scene-empty")).to_be_visible()
    tablet.check("scene-empty")

    # Place: the picker, search by word, a big tile.
    page.get_by_role("button", name="Add a picture").tap()
    picker = page.get_by_role("dialog", name="Choose a picture")
    expect(picker).to_be_visible()
    expect(picker.locator(".picker-tile").first).to_be_visible()
    tablet.check("picker-browse")
    picker.get_by_role("button", name="Helpers", exact=True).tap()
    expect(picker.get_by_role("button", name="Helpers", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(picker.get_by_role("button", name="social worker")).to_be_visible()
    picker.get_by_label("Find a picture").fill("nan")
    picker.get_by_role("button", name="Find", exact=True).tap()
    expect(picker.locator(".picker-results-heading")).to_contain_text("nan")
    tile = picker.get_by_role("button", name="grandma", exact=True)
    expect(tile).to_be_visible()
    box = tile.bounding_box()
    assert box["width"] >= 100 and box["height"] >= 100  # big, touch-friendly tiles
    tablet.check("picker-search")
    tile.tap()
    expect(picker).to_be_hidden()
    item = page.locator(".scene-item").first
    expect(item).to_have_attribute(
        "aria-label", "A grandma with a grey bun and glasses. Picture 1 of 1."
    )
    saved(page)
    placed = scene_of(page)["pictures"][0]
    assert placed["src"] == "library:grandma"

    # Move by touch drag.
    stage = page.locator(".scene-stage").bounding_box()
    start = centre(item)
    touch.drag(start, (start[0] - stage["width"] * 0.2, start[1] + stage["height"] * 0.1))
    saved(page)
    moved = scene_of(page)["pictures"][0]
    assert moved["x"] == pytest.approx(placed["x"] - 0.2, abs=0.02)
    assert moved["y"] == pytest.approx(placed["y"] + 0.1, abs=0.02)
    assert moved["width"] == placed["width"]

    # Resize by the bottom-right handle, with a finger: the top-left corner stays.
    handle = item.locator(".scene-handle-se")
    corner = centre(handle)
    touch.drag(corner, (corner[0] + stage["width"] * 0.1, corner[1] + stage["height"] * 0.1))
    saved(page)
    resized = scene_of(page)["pictures"][0]
    assert resized["width"] == pytest.approx(moved["width"] + 0.1, abs=0.02)
    assert (resized["x"], resized["y"]) == (moved["x"], moved["y"])

    # Pinch with two fingers makes it bigger around its middle.
    touch.pinch(centre(item), 80, 160)
    saved(page)
    pinched = scene_of(page)["pictures"][0]
    # Twice as wide, or as wide as still fits inside the frame (this figure is tall).
    grown, box = item.bounding_box(), page.locator(".scene-stage").bounding_box()
    widest = min(1, (box["height"] / grown["height"]) * pinched["width"])
    assert pinched["width"] == pytest.approx(min(widest, resized["width"] * 2), abs=0.03)
    assert grown["y"] + grown["height"] <= box["y"] + box["height"] + 1

    # Buttons and keyboard do the same.
    page.get_by_role("button", name="Smaller").tap()
    page.get_by_role("button", name="Smaller").tap()
    item.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("-")
    saved(page)
    keyed = scene_of(page)["pictures"][0]
    assert keyed["width"] < pinched["width"]

    # Label the figure.
    page.get_by_label("Name under the picture").fill("Nan")
    expect(item.locator(".scene-label")).to_have_text("Nan")
    page.get_by_role("button", name="Flip").tap()
    saved(page)
    scene, version = saved_scene(live_app, panel_id)
    assert scene["pictures"][0]["label"] == "Nan" and scene["pictures"][0]["flip"] is True
    assert version > 2

    # Background colour.
    page.get_by_role("button", name="Background sky blue").tap()
    expect(page.get_by_role("button", name="Background sky blue")).to_have_attribute(
        "aria-pressed", "true"
    )
    saved(page)
    tablet.check("one-picture")

    # Draw with a finger.
    page.get_by_role("button", name="Draw").tap()
    pad = page.get_by_role("dialog", name="Draw a picture")
    expect(pad).to_be_visible()
    canvas = pad.locator("canvas").bounding_box()
    ox, oy, w, h = canvas["x"], canvas["y"], canvas["width"], canvas["height"]
    touch.path([(ox + w * (0.6 + 0.02 * i), oy + h * (0.55 + 0.015 * (i % 5))) for i in range(16)])
    blue, thick = (
        pad.get_by_role("button", name="Blue"),
        pad.get_by_role("button", name="Thick pen"),
    )
    touch.tap_until(blue, lambda: blue.get_attribute("aria-pressed") == "true")
    touch.tap_until(thick, lambda: thick.get_attribute("aria-pressed") == "true")
    touch.path([(ox + w * 0.7, oy + h * (0.4 + 0.03 * i)) for i in range(12)])
    touch.path([(ox + w * (0.1 + 0.01 * i), oy + h * 0.1) for i in range(8)])
    strokes = pad.locator("canvas")
    expect(strokes).to_have_attribute("data-strokes", "3")
    undo = pad.get_by_role("button", name="Undo")
    touch.tap_until(undo, lambda: strokes.get_attribute("data-strokes") == "2")  # the little line
    tablet.check("drawpad")
    pad.get_by_role("button", name="Put it in the picture").tap()
    expect(pad).to_be_hidden()
    expect(page.locator(".scene-item")).to_have_count(2)
    saved(page)
    with live_app.app_context():
        drawing = db.session.scalar(select(Drawing))
        assert [s["color"] for s in drawing.strokes] == ["#333333", "#2f6fb3"]
        assert all(len(s["points"]) >= 10 for s in drawing.strokes)
    drawn = scene_of(page)["pictures"][1]
    assert drawn["src"] == f"drawing:{drawing.key}"
    # Trimmed to its lines and placed where it was drawn on the pad.
    assert drawn["x"] == pytest.approx(0.6, abs=0.03)
    assert drawn["width"] == pytest.approx(0.3, abs=0.04)

    # A photo with GPS in it, from the tablet's files.
    photo = Path(live_app.instance_path) / "holiday.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(make.gps_jpeg((640, 480)))
    page.locator(".scene-file:not([capture])").set_input_files(str(photo))
    expect(page.locator(".scene-item")).to_have_count(3)
    expect(page.locator(".scene-item").nth(2).locator("img")).to_have_js_property("complete", True)
    saved(page)
    with live_app.app_context():
        row = db.session.scalar(select(Image))
        stored = read_image(f"{row.sha256}.jpg")
    assert b"Exif" not in stored and b"SecretCam" not in stored
    assert len(PILImage.open(io.BytesIO(stored)).getexif()) == 0
    assert (row.width, row.height) == (640, 480)
    page.get_by_role("button", name="Smaller").tap()
    page.get_by_role("button", name="Smaller").tap()
    photo_item = page.locator(".scene-item").nth(2)
    start = centre(photo_item)
    touch.drag(start, (stage["x"] + stage["width"] * 0.78, stage["y"] + stage["height"] * 0.3))
    page.get_by_label("Words for people who cannot see the picture").fill("Our kitchen")
    expect(page.locator(".scene-selected-name")).to_have_text("Chosen: Our kitchen")
    saved(page)
    page.locator(".scene-stage").scroll_into_view_if_needed()
    tablet.check("composed")

    # The server draws the same scene: one element per picture in the SVG, and the PNG shows
    # each picture inside the box the composer gave it.
    scene, _ = saved_scene(live_app, panel_id)
    assert [p["src"].split(":")[0] for p in scene["pictures"]] == ["library", "drawing", "file"]
    base = f"{live_server.url}/storyboards/{board_id}/panels/{panel_id}/scene"
    svg = page.request.get(base + ".svg")
    assert svg.ok and "x-scene-missing" not in svg.headers
    soup = BeautifulSoup(svg.body(), "html.parser")
    drawn_items = [
        c for c in soup.svg.find_all(recursive=False) if c.name not in ("rect", "clippath")
    ]
    assert [c.name for c in drawn_items] == ["g", "g", "image", "text"]
    assert soup.find("text").get_text() == "Nan"
    png = page.request.get(base + ".png?width=800")
    image = PILImage.open(io.BytesIO(png.body())).convert("RGB")
    assert image.size == (800, 600)
    background = (0xE3, 0xF1, 0xFA)
    for picture in scene["pictures"]:
        x, y, width = picture["x"] * 800, picture["y"] * 600, picture["width"] * 800
        box = image.crop((int(x), int(y), int(x + width), int(min(600, y + width * 0.6))))
        colours = box.getcolors(maxcolors=1_000_000) or []
        not_background = sum(n for n, c in colours if c != background)
        assert not_background > 0.05 * box.width * box.height, picture["src"]

    # The booklet preview on the page is that same SVG.
    page.get_by_text("How this picture will look in the booklet").tap()
    preview = page.locator("img[data-scene-preview]")
    expect(preview).to_be_visible()
    expect(preview).to_have_js_property("complete", True)
    assert page.evaluate("document.querySelector('img[data-scene-preview]').naturalWidth") == 800
    preview.scroll_into_view_if_needed()
    tablet.check("preview")


def test_unknown_picture_in_a_scene_is_shown_and_reported(
    live_server, live_app, tablet, sign_in, panel_page
):
    board_id, panel_id = panel_page
    with live_app.app_context():
        panel = db.session.get(Panel, panel_id)
        panel.scene = {
            "background": "#fff8e7",
            "pictures": [
                {"src": "library:sun", "x": 0.1, "y": 0.1, "width": 0.2, "alt": "The sun"},
                {"src": "library:no-such-thing", "x": 0.5, "y": 0.5, "width": 0.2},
            ],
        }
        db.session.commit()
    page = tablet.page
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/storyboards/{board_id}/scene/{panel_id}")
    alert = page.locator(".scene-alert")
    expect(alert).to_contain_text("could not be found")
    expect(page.locator(".scene-item.is-missing")).to_have_count(1)
    tablet.check("missing-picture")
    page.locator(".scene-item").first.focus()
    page.keyboard.press("ArrowDown")
    saved(page)
    expect(alert).to_contain_text("was left out: there is no such picture in our library")
    scene, _ = saved_scene(live_app, panel_id)
    assert [p["src"] for p in scene["pictures"]] == ["library:sun"]


def test_new_pictures_go_where_there_is_room(live_server, live_app, tablet, sign_in, panel_page):
    page = tablet.page
    open_scene(tablet, live_server, sign_in, *panel_page)
    expect(page.locator(".scene-empty")).to_be_visible()
    for count, (word, tile) in enumerate([("nan", "grandma"), ("mum", "mum happy"),
                                          ("dad", "dad happy")], start=1):  # fmt: skip
        pick(page, word, tile)
        expect(page.locator(".scene-item")).to_have_count(count)
    saved(page)
    tablet.check("three-pictures")
    boxes = [page.locator(".scene-item").nth(i).bounding_box() for i in range(3)]
    stage = page.locator(".scene-stage").bounding_box()
    for i, a in enumerate(boxes):
        assert a["x"] >= stage["x"] - 1 and a["x"] + a["width"] <= stage["x"] + stage["width"] + 1
        for b in boxes[i + 1 :]:
            wide = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
            high = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
            assert wide <= 1 or high <= 1, "two new pictures were put on top of each other"


def test_a_pinch_cannot_push_a_picture_past_the_frame(
    live_server, live_app, tablet, sign_in, panel_page
):
    page = tablet.page
    touch = Touch(page)
    open_scene(tablet, live_server, sign_in, *panel_page)
    pick(page, "nan", "grandma")
    item = page.locator(".scene-item").first
    saved(page)
    stage = page.locator(".scene-stage").bounding_box()
    # Dragged to the frame's right edge, then two fingers spread far apart on it.
    touch.drag(
        centre(item), (stage["x"] + stage["width"] * 0.9, stage["y"] + stage["height"] * 0.6)
    )
    saved(page)
    touch.pinch(centre(item), 40, 900)
    saved(page)
    tablet.check("pinched")
    box = item.bounding_box()
    assert box["x"] >= stage["x"] - 1 and box["y"] >= stage["y"] - 1
    assert box["x"] + box["width"] <= stage["x"] + stage["width"] + 1
    assert box["y"] + box["height"] <= stage["y"] + stage["height"] + 1
    placed = scene_of(page)["pictures"][0]
    assert placed["x"] + placed["width"] <= 1.001
    assert placed["width"] > 0.5  # it did grow, as far as the frame allows
