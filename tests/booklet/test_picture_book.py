"""The booklet reads as a picture book: big scenes, balanced pages, a cover with a picture."""

from __future__ import annotations

import pytest

from storyboard.booklet import build_booklet
from storyboard.story import storyfile
from tests.booklet.test_booklet_formats import FIXTURES


def _bands(booklet, page) -> tuple[float, float]:  # noqa: ANN001
    """The empty space above the first block and below the last, as shares of the page."""
    blocks = [b for b in page.blocks if getattr(b, "role", "") != "draft"]
    top = min(b.y for b in blocks)
    end = max(b.y + b.height for b in blocks)
    return top / booklet.height, (booklet.height - end) / booklet.height


@pytest.mark.parametrize("fixture", ["sam-12.json", "layla-ar.json"])
@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_scenes_fill_the_room_the_words_leave(fixture, size):
    booklet = build_booklet(storyfile.read(FIXTURES / fixture), page_size=size)
    for page in booklet.pages:
        pictures = [b for b in page.blocks if b.kind == "picture"]
        if page.role == "about" or not pictures:
            continue
        # Over half the page on a page of up to 40 words; the cover, which also holds the
        # title in large type, over 45%.
        share = 0.45 if page.role == "title" else 0.5
        if len(page.words()) <= 40:
            assert pictures[0].height > booklet.height * share, f"page {page.number}: small"
        top, bottom = _bands(booklet, page)
        assert top <= 0.2 + 0.005 and bottom <= 0.2 + 0.005, f"page {page.number}: blank band"


def test_the_cover_shows_the_first_scene_when_the_title_panel_has_none():
    sam = storyfile.read(FIXTURES / "sam-12.json")
    document = dict(sam.document)
    document["panels"] = [dict(p) for p in document["panels"]]
    document["panels"][0]["pictures"] = []
    booklet = build_booklet(storyfile.StoryFile(storyfile.validate(document), sam.images))
    cover = booklet.pages[0]
    (picture,) = [b for b in cover.blocks if b.kind == "picture"]
    assert "Mum" in picture.alt  # the family page's scene: Mum, Dad and Biscuit
    assert picture.height > booklet.height * 0.4


@pytest.mark.parametrize(
    ("age", "a4", "a5"),
    [(3, 24, 22), (7, 20, 18), (8, 20, 18), (10, 17, 15), (14, 15, 14), (None, 20, 18)],
)
def test_type_size_follows_the_childs_age_as_the_file_format_says(age, a4, a5):
    sam = storyfile.read(FIXTURES / "sam-12.json")
    document = dict(sam.document, child={"name": "Sam", "age": age})
    story = storyfile.StoryFile(storyfile.validate(document), sam.images)
    for size, expected in (("A4", a4), ("A5", a5)):
        booklet = build_booklet(story, page_size=size)
        bodies = {
            b.size for p in booklet.pages for b in p.blocks if getattr(b, "role", "") == "body"
        }
        assert booklet.body_size == expected and bodies == {expected}
