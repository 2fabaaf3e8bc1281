"""One reading order for every way a story is read; one writer for finger drawings."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from storyboard.booklet import build_booklet
from storyboard.booklet.raster import scene_png
from storyboard.booklet.reading import reading_view
from storyboard.booklet.scene import scene_svg
from storyboard.story.drawing import drawing_svg
from storyboard.story.reading import printed_panels
from storyboard.story.storyfile import StoryFile, parse, validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def sam() -> dict:
    return json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "rtl"), ("ur", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("pa-Arab", "rtl"),
     ("en", "ltr"), ("pl", "ltr"), ("bn", "ltr"), ("pa", "ltr")],
)  # fmt: skip
def test_phone_page_and_booklet_read_in_the_same_direction(language, expected):
    doc = sam()
    doc["language"] = language
    storyfile = StoryFile(validate(doc))
    booklet = build_booklet(storyfile)
    reading = reading_view(storyfile)
    assert reading.direction == booklet.direction
    assert reading.direction == expected
    assert reading.language == language


@pytest.mark.parametrize("minimal", [False, True])
def test_phone_page_and_booklet_print_the_same_pages_in_order(minimal):
    doc = sam()
    doc["minimal"] = minimal
    storyfile = StoryFile(validate(doc))
    reading = reading_view(storyfile)
    headings = [p.heading for p in printed_panels(parse(doc))]
    assert [p.heading for p in reading.pages] == headings
    booklet_words = " ".join(w for page in build_booklet(storyfile).pages for w in page.words())
    for page in reading.pages:
        for paragraph in page.paragraphs:
            assert paragraph.split()[0] in booklet_words
    assert "Skipped page" not in headings
    if minimal:
        assert {p.role for p in reading.pages} <= {"title", "panel", "end"}
        assert "Sarah" not in json.dumps([p.paragraphs for p in reading.pages])


# --- a line drawn after rubbing out ------------------------------------------------------

# Paint a red line, rub it out, then paint a blue line across the rubbed-out place.
AFTER_RUBBING_OUT = {
    "width": 400,
    "height": 300,
    "strokes": [
        {"color": "#ff0000", "size": 40, "points": [[50, 150], [350, 150]]},
        {"erase": True, "size": 80, "points": [[50, 150], [350, 150]]},
        {"color": "#0000ff", "size": 40, "points": [[200, 20], [200, 280]]},
    ],
}


def _pixel(png: bytes, x: float, y: float) -> tuple[int, ...]:
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    return image.getpixel((int(x * image.width), int(y * image.height)))


def test_a_line_drawn_after_rubbing_out_shows_in_every_export():
    doc = {
        "format": "storyboard/1", "title": "T", "child": {"name": "A"},
        "drawings": {"pad": AFTER_RUBBING_OUT},
        "panels": [{"text": "", "pictures": [{"src": "drawing:pad", "x": 0, "y": 0, "width": 1}]}],
    }  # fmt: skip
    storyfile = StoryFile(validate(doc))
    png = scene_png(scene_svg(storyfile.document["panels"][0], storyfile), 400)
    # The scene is 4:3 like the drawing: (0.5, 0.5) is where the blue line crosses the rub-out.
    r, g, b, _ = _pixel(png, 0.5, 0.5)
    assert b > 200 and r < 80, "the line drawn after rubbing out is missing"
    r, g, b, _ = _pixel(png, 0.3, 0.5)
    assert not (r > 200 and g < 80), "the rubbed-out line still shows"


def test_the_editor_and_the_booklet_draw_a_drawing_with_the_same_writer():
    from storyboard.booklet import scene

    assert (
        scene.drawing_markup
        is __import__("storyboard.story.drawing", fromlist=["drawing_markup"]).drawing_markup
    )
    assert "<mask" in drawing_svg(AFTER_RUBBING_OUT)


def test_the_heading_typed_on_the_title_page_is_the_booklets_title():
    doc = sam()
    doc["panels"][0]["heading"] = "All about Sam"
    storyfile = StoryFile(validate(doc))
    assert printed_panels(storyfile.story)[0].heading == "All about Sam"
    assert "All about Sam" in " ".join(build_booklet(storyfile).pages[0].words())
    doc["panels"][0]["heading"] = "  "
    assert printed_panels(parse(validate(doc)))[0].heading == "Sam's story"


def test_a_view_names_who_said_it_when_its_label_does_not():
    from storyboard.story.model import Voice
    from storyboard.story.reading import voice_label
    from storyboard.story.storyfile import parse

    story = parse(
        {
            "format": "storyboard/1", "title": "T", "child": {"name": "Sam"},
            "people": [
                {"id": "sw", "name": "Andrea Smith", "role": "Social worker", "known_as": "Andrea",
                 "kind": "professional"},
                {"id": "mum", "name": "Grace Okafor", "role": "Mum"},
            ],
            "panels": [{"text": "x"}],
        }
    )  # fmt: skip
    assert voice_label(story, Voice(text="a", label="The professionals think", speaker="sw")) == (
        "The professionals think (Andrea)"
    )
    assert voice_label(story, Voice(text="a", label="Mum and Dad say", speaker="mum")) == (
        "Mum and Dad say"
    )
    assert voice_label(story, Voice(text="a", speaker="sw")) == "Andrea"
    assert voice_label(story, Voice(text="a", label="We think")) == "We think"


def test_a_scene_is_described_in_sentences():
    from storyboard.story.model import Panel, Picture
    from storyboard.story.reading import scene_alt

    panel = Panel(
        text="x",
        pictures=[
            Picture(src="library:nan", alt="A grandma with glasses."),
            Picture(src="drawing:d1", alt="A drawing"),
            Picture(src="library:home", label="Home"),
        ],
    )
    assert scene_alt(panel) == "A grandma with glasses. A drawing. Home."
