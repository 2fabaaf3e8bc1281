"""Every printed form draws each rating on the safety scale with who it is, as the child knows
them, in markers that stay apart when two people say the same number."""

from __future__ import annotations

import base64
import io
import itertools

import docx
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from storyboard.booklet import build_booklet
from storyboard.booklet.raster import scene_png
from storyboard.booklet.reading import reading_view
from storyboard.booklet.render import RENDERERS
from storyboard.booklet.scale import marker_style, place_marks, scale_svg
from storyboard.services.exports import render_export
from storyboard.story.reading import Mark, printed_panels
from storyboard.story.storyfile import StoryFile, parse, validate

PEOPLE = [
    {"id": "mum", "name": "Kerry Baker", "role": "Mum"},
    {"id": "dad", "name": "Tom Baker", "role": "Dad"},
    {"id": "sam", "name": "Sam Baker", "role": "", "known_as": "Sam"},
]
RATINGS = [{"by": "mum", "value": 6}, {"by": "dad", "value": 4}, {"by": "sam", "value": 7}]
SAID = "A scale from 0 to 10: Mum at 6, Dad at 4, Sam at 7"


def document(ratings=RATINGS, **changes) -> dict:  # noqa: ANN001, ANN003
    scale = {"ratings": ratings, "ten_means": "Sam is safe at home."}
    return {
        "format": "storyboard/1",
        "title": "Sam's story",
        "child": {"name": "Sam", "age": 7},
        "status": "approved",
        "people": PEOPLE,
        "panels": [
            {"section": "title", "text": "A book about Sam."},
            {"section": "safety-plan", "kind": "scale", "heading": "How safe is it now?",
             "text": "Everyone said where things are.", "scale": scale},
        ],
    } | changes  # fmt: skip


def storyfile(**changes) -> StoryFile:  # noqa: ANN003
    return StoryFile(validate(document(**changes)))


def colour(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def centres(image: Image.Image, markers: list[int]) -> list[tuple[float, float, int]]:
    """The mean x, mean y and pixel count of each marker's fill colour in an image."""
    rgb = image.convert("RGB")
    found = {colour(marker_style(m)[0]): [] for m in markers}
    data = rgb.tobytes()
    for index in range(rgb.width * rgb.height):
        pixel = tuple(data[3 * index : 3 * index + 3])
        if pixel in found:
            found[pixel].append(divmod(index, rgb.width))
    out = []
    for m in markers:
        points = found[colour(marker_style(m)[0])]
        out.append(
            (sum(x for _, x in points) / max(1, len(points)),
             sum(y for y, _ in points) / max(1, len(points)), len(points))
        )  # fmt: skip
    return out


@pytest.mark.parametrize(("minimal", "labels"), [(False, ["Mum", "Dad", "Sam"]),
                                                 (True, ["Mum", "Dad", ""])])  # fmt: skip
def test_each_rating_prints_as_the_child_knows_the_person(minimal, labels):
    page = printed_panels(parse(document(minimal=minimal)))[1]
    wanted = list(zip(labels, [6, 4, 7], [0, 1, 2], strict=True))
    assert [(m.label, m.value, m.marker) for m in page.marks] == wanted


def test_markers_differ_in_colour_and_shape():
    styles = [marker_style(m) for m in range(5)]
    assert len({c for c, _ in styles}) == 5 and len({s for _, s in styles}) == 5


def test_the_word_file_names_each_rating_and_draws_their_markers():
    word = docx.Document(io.BytesIO(render_export(storyfile(), "docx")))
    described = [
        shape._inline.docPr.get("descr") for shape in word.inline_shapes
    ]
    assert SAID in described
    picture = next(
        part for part in word.part.package.parts if part.partname.endswith(".png")
        and len(part.blob) > 20_000
    )  # the scale, rasterised
    with Image.open(io.BytesIO(picture.blob)) as image:
        found = centres(image, [0, 1, 2])
    assert all(count > 50 for _, _, count in found)
    (mum, _, _), (dad, _, _), (sam, _, _) = found
    assert dad < mum < sam


def test_the_png_page_shows_three_markers_where_they_were_put():
    booklet = build_booklet(storyfile())
    shows = [any(getattr(b, "alt", "") == SAID for b in p.blocks) for p in booklet.pages]
    page = shows.index(True)
    png = list(RENDERERS["png"](booklet, dpi=100))[page]
    with Image.open(io.BytesIO(png)) as image:
        (mum, _, n_mum), (dad, _, n_dad), (sam, _, n_sam) = centres(image, [0, 1, 2])
    assert min(n_mum, n_dad, n_sam) > 50
    # Two numbers apart and one apart, from the line's start.
    assert dad < mum < sam and (mum - dad) == pytest.approx(2 * (sam - mum), rel=0.1)


def test_html_and_the_phone_page_name_each_rating():
    html = BeautifulSoup(render_export(storyfile(), "html"), "html.parser")
    figure = next(svg for svg in html.find_all("svg") if "Dad" in svg.get_text())
    assert [t.get_text() for t in figure.find_all("text")][-3:] == ["Mum", "Dad", "Sam"]
    assert figure.get("aria-label") == SAID and figure.get("role") == "img"
    phone = next(p for p in reading_view(storyfile()).pages if p.alt == SAID)
    svg = base64.b64decode(phone.picture.split(",", 1)[1]).decode()
    assert all(f">{name}</text>" in svg for name in ("Mum", "Dad", "Sam"))


def test_an_old_files_one_value_still_prints_its_mark():
    doc = document()
    doc["panels"][1]["scale"] = {"value": 7, "ten_means": "Safe."}
    page = printed_panels(parse(doc))[1]
    assert [(m.label, m.value, m.marker) for m in page.marks] == [("", 7, -1)]
    booklet = build_booklet(StoryFile(validate(doc)))
    alts = [getattr(b, "alt", "") for p in booklet.pages for b in p.blocks]
    assert "A scale from 0 to 10, marked at 7" in alts


CROWDS = {
    "two at one number": [("Mum", 6), ("Dad", 6)],
    "three at one number": [("Mum", 6), ("Dad", 6), ("Sam", 6)],
    "one apart": [("Mum", 5), ("Nanny Pat", 6), ("Andrea", 7)],
    "half apart": [("Mum", 6), ("Dad", 6.5), ("Sam", 7)],
    "at the ends": [("Mum", 0), ("Uncle Joe", 10), ("Dad", 9.5)],
}


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
@pytest.mark.parametrize("crowd", list(CROWDS), ids=list(CROWDS))
def test_markers_and_names_never_overlap_when_ratings_are_equal_or_close(crowd, direction):
    marks = [Mark(label, value, i) for i, (label, value) in enumerate(CROWDS[crowd])]
    spots = place_marks(marks, direction)
    boxes = [box for spot in spots for box in spot.boxes]
    for a, b in itertools.combinations(boxes, 2):
        apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        assert apart, f"{a} and {b} overlap"
    for box in boxes:
        assert box[0] >= 0 and box[2] <= 800 and box[1] >= 0
    # And drawn: each marker's colour shows, at its own height when the numbers are equal.
    with Image.open(io.BytesIO(scene_png(scale_svg(marks, direction=direction), 800))) as image:
        found = centres(image, list(range(len(marks))))
    assert all(count > 300 for _, _, count in found)
    if crowd == "two at one number":
        assert abs(found[0][1] - found[1][1]) > 30
