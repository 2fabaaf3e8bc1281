"""Our illustration library: every drawing is a safe, plain SVG with a catalogue entry."""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import xml.etree.ElementTree as ET  # noqa: S405 (our own files, not user input)
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops

from storyboard.core.paths import ILLUSTRATIONS_DIR
from storyboard.pictures import illustrations

SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_FILES = sorted(ILLUSTRATIONS_DIR.glob("*.svg"))
FORBIDDEN_TAGS = {"script", "text", "tspan", "textPath", "image", "foreignObject", "use",
                  "style", "a", "iframe", "animate", "set", "feImage"}  # fmt: skip
CORE_FIGURES = ("girl", "boy", "mum", "dad")
FEELINGS = ("happy", "sad", "worried", "angry", "scared", "calm")
REQUIRED = (
    # people and helpers
    "social-worker", "teacher", "doctor", "nurse", "police-officer", "judge", "foster-carer",
    "grandma", "grandpa", "baby", "wheelchair-user", "head-scarf", "teenager", "toddler",
    # places
    "home", "school", "hospital", "police-station", "court", "meeting-room", "car", "police-car",
    # things
    "phone", "bottle", "pills", "heart", "bed", "door",
    # method pictures
    "safety-scale", "house-worries", "house-good-things", "house-dreams", "speech-bubble",
    "thought-bubble", "safety-circle",
)  # fmt: skip


def local(tag: str) -> str:
    """An element or attribute name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def flatten(png: bytes) -> Image.Image:
    """A rendered drawing on white, in grey levels."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    page = Image.new("RGBA", image.size, "white")
    page.alpha_composite(image)
    return page.convert("L")


def test_there_are_enough_drawings() -> None:
    """At least 64 drawings, one per catalogue entry."""
    assert len(SVG_FILES) >= 64
    assert len(illustrations.catalogue()) == len(SVG_FILES)


@pytest.mark.parametrize("svg", SVG_FILES, ids=lambda p: p.stem)
def test_drawing_is_plain_safe_svg(svg: Path) -> None:
    """A valid SVG with a square view box, no scripts, text, rasters or outside references."""
    text = svg.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # noqa: S314
    assert root.tag == f"{SVG_NS}svg"
    x, y, w, h = (float(v) for v in root.attrib["viewBox"].split())
    assert (x, y) == (0, 0) and w == h == 200
    assert "<!DOCTYPE" not in text and "<!ENTITY" not in text
    for node in root.iter():
        assert local(node.tag) not in FORBIDDEN_TAGS, node.tag
        assert not (node.text or "").strip(), f"text content in <{local(node.tag)}>"
        for name, value in node.attrib.items():
            name = local(name)
            assert not name.lower().startswith("on"), name
            if name == "href":
                assert value.startswith("#"), value
            assert "url(" not in value or re.fullmatch(r"url\(#[\w-]+\)", value), value
            assert "javascript:" not in value.lower() and "data:" not in value.lower()
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "")


def test_one_even_stroke_across_the_set() -> None:
    """Every drawing uses the same ink colour and stroke width, set once on the root group."""
    for svg in SVG_FILES:
        text = svg.read_text(encoding="utf-8")
        assert re.findall(r'stroke-width="([^"]+)"', text) == ["4"], svg.name
        assert set(re.findall(r'stroke="(#[0-9a-f]{6})"', text)) == {"#3a3a3a"}, svg.name


def test_catalogue_matches_files() -> None:
    """A file for every entry, an entry for every file, and full entries."""
    entries = illustrations.catalogue()
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    assert set(ids) == {p.stem for p in SVG_FILES}
    for entry in entries:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry["id"])
        assert entry["title"].strip() and entry["category"] in illustrations.categories()
        assert entry["words"] and all(w.strip() for w in entry["words"])
        assert len(entry["alt"]) >= 8 and entry["alt"].endswith("."), entry["id"]


def test_no_two_files_alike() -> None:
    """No two drawings are the same file."""
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SVG_FILES}
    assert len(digests) == len(SVG_FILES)


def test_no_two_drawings_look_alike() -> None:
    """Rendered at 200 px, every pair differs in a clearly visible number of pixels."""
    images = {e["id"]: flatten(illustrations.render_png(e["id"], 200))
              for e in illustrations.catalogue()}  # fmt: skip
    for a, b in itertools.combinations(images, 2):
        diff = ImageChops.difference(images[a], images[b]).point(lambda v: 255 if v > 48 else 0)
        assert diff.histogram()[255] >= 40, (a, b)


@pytest.mark.parametrize("ident", REQUIRED)
def test_required_picture_present(ident: str) -> None:
    """The pictures these stories need are in the set."""
    assert illustrations.get(ident) is not None
    assert illustrations.svg_path(ident).is_file()


@pytest.mark.parametrize("figure", CORE_FIGURES)
def test_core_figures_have_every_feeling(figure: str) -> None:
    """Girl, boy, mum and dad each come with six feelings."""
    for feeling in FEELINGS:
        entry = illustrations.get(f"{figure}-{feeling}")
        assert entry is not None and entry["category"] == "feelings"
        assert feeling in entry["words"]


def test_feelings_differ_only_in_the_face() -> None:
    """A core figure's feelings share one body: only eyebrows and mouth change."""
    for figure in CORE_FIGURES:
        images = [flatten(illustrations.render_png(f"{figure}-{f}", 200)) for f in FEELINGS]
        for other in images[1:]:
            box = ImageChops.difference(images[0], other).getbbox()
            assert box is not None
            assert box[2] - box[0] < 40 and box[3] - box[1] < 40, (figure, box)


def test_people_stand_on_one_baseline() -> None:
    """Standing people's feet reach the same ground line, so they combine on a scene."""
    for ident in ("mum-happy", "girl-happy", "teenager", "toddler", "police-officer", "judge"):
        image = flatten(illustrations.render_png(ident, 200))
        bottom = image.point(lambda v: 255 if v < 128 else 0).getbbox()[3]
        assert 186 <= bottom <= 192, (ident, bottom)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("police", "police-officer"), ("police", "police-car"), ("Nan", "grandma"),
     ("worries", "house-worries"), ("sad girl", "girl-sad"), ("hospital", "hospital"),
     ("wheelchair", "wheelchair-user"), ("hijab", "head-scarf"), ("places", "court")],
)  # fmt: skip
def test_search_finds(query: str, expected: str) -> None:
    """Search by title, search words and category."""
    assert expected in [e["id"] for e in illustrations.search(query, limit=40)]


def test_search_ranks_and_limits() -> None:
    """Title matches come first; every query word must match; the limit is kept."""
    assert illustrations.search("police")[0]["id"].startswith("police")
    assert illustrations.search("girl sad")[0]["id"] == "girl-sad"
    assert illustrations.search("xylophone") == []
    assert len(illustrations.search("happy", limit=3)) == 3


def test_categories_and_get() -> None:
    """Categories come in browsing order; get() returns None for unknown ids."""
    cats = illustrations.categories()
    assert cats[:2] == ["feelings", "people"] and "method" in cats
    assert all(illustrations.in_category(c) for c in cats)
    assert illustrations.get("no-such-picture") is None
    with pytest.raises(KeyError):
        illustrations.svg_path("../catalogue")


def test_contact_sheet_command(tmp_path: Path) -> None:
    """The command writes a PNG grid with one labelled cell per drawing."""
    out = tmp_path / "sheet.png"
    result = CliRunner().invoke(illustrations.contact_sheet, ["--out", str(out)])
    assert result.exit_code == 0, result.output
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.size == illustrations.sheet_size(len(SVG_FILES))
    cols = illustrations.SHEET_COLUMNS
    rows = -(-len(SVG_FILES) // cols)
    assert image.size == (cols * illustrations.CELL_WIDTH, rows * illustrations.CELL_HEIGHT)


def test_label_font_is_andika() -> None:
    """Labels use Andika (vendored, or the system copy)."""
    font = illustrations.label_font_path()
    assert font is not None and font.name == "Andika-Regular.ttf"
