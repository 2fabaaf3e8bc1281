"""Read with the child, on a tablet either way round and on a phone: each page's words large
enough to read together (at least 24 px as painted, after any scaling), the picture and the
words on the screen at once (side by side in landscape, the picture above in portrait), longer
words scrolling in their own place rather than shrinking, and the pages turning by button,
swipe and arrow key.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Frame, Locator, Page, expect

from tests.browser.touch import Touch
from tests.conftest import PASSWORD
from tests.fixtures.factories import worker_with_sam

pytestmark = pytest.mark.browser
READ_PX = 24  # the smallest words a child reads with an adult at arm's length
FORTY_WORDS = (
    "Miss Khan, Sam's teacher, noticed that Sam was often tired and hungry at school. "
    "She told Andrea, whose job is to help keep children safe. "
    "Andrea came to see Mum and Dad, and they all talked about how to help."
)
LONG_WORDS = "\n".join(
    [
        "Andrea came to our house on a Tuesday after school and had a cup of tea with Mum.",
        "She asked Sam about school, about Biscuit the cat and about the poorly days.",
        "Andrea talked with Mum and Dad for a long time about what happens at home.",
        "Mum said that on poorly days she feels very tired and finds it hard to get up.",
        "Dad said he works late, so sometimes nobody makes dinner and Sam goes to bed hungry.",
        "They all agreed that Sam should always have a grown-up who can look after him.",
        "Nan said she would come round on poorly days and make dinner for everyone.",
        "Andrea wrote the plan down so that everybody knows what to do and who to call.",
        "Then Andrea came back a week later to see how the plan was working for Sam.",
        "The last thing Sam said was that the plan is working and he feels safe at home.",
    ]
)
LAST_LONG_WORDS = "he feels safe at home."


@pytest.fixture(params=["portrait", "landscape", "phone"])
def viewport_name(request: pytest.FixtureRequest) -> str:
    """Read mode on a tablet either way round, and on a phone."""
    return request.param


class Shown:
    """Something on screen, in the page or in a frame in it (and then maybe scaled)."""

    def __init__(self, frame: Frame, locator: Locator) -> None:
        self.frame, self.locator = frame, locator

    def _frame_scale(self) -> tuple[float, float, float]:
        """Where the frame's own viewport sits on screen, and how much it is scaled."""
        if self.frame.parent_frame is None:
            return 0.0, 0.0, 1.0
        element = self.frame.frame_element()
        box = element.bounding_box()  # the frame element's box on screen, after transforms
        inner, left, top = element.evaluate("e => [e.clientWidth, e.clientLeft, e.clientTop]")
        scale = box["width"] / (inner + 2 * left)
        return box["x"] + left * scale, box["y"] + top * scale, scale

    def box(self) -> dict:
        """The element's box as painted on the screen."""
        x0, y0, scale = self._frame_scale()
        rect = self.locator.evaluate(
            "e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }"
        )
        return {"x": x0 + rect[0] * scale, "y": y0 + rect[1] * scale,
                "width": rect[2] * scale, "height": rect[3] * scale}  # fmt: skip

    def centre(self) -> tuple[float, float]:
        """The middle of the element on screen (where a finger goes)."""
        box = self.box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def painted_px(self) -> float:
        """The font size as painted: the computed size times any scaling of the element (its
        box against its laid-out width) and of the frame it is in."""
        size, laid_out, painted = self.locator.evaluate(
            "e => [parseFloat(getComputedStyle(e).fontSize), e.offsetWidth,"
            " e.getBoundingClientRect().width]"
        )
        return size * painted / laid_out * self._frame_scale()[2]

    def unclipped(self) -> bool:
        """Whether the whole element is in view inside every box that clips it."""
        inside = self.locator.evaluate(
            """e => {
              const box = e.getBoundingClientRect();
              if (box.top < -1 || box.left < -1 || box.bottom > innerHeight + 1
                  || box.right > innerWidth + 1) return false;
              for (let up = e.parentElement; up; up = up.parentElement) {
                const style = getComputedStyle(up);
                if (style.overflowX === "visible" && style.overflowY === "visible") continue;
                const clip = up.getBoundingClientRect();
                if (box.top < clip.top - 1 || box.bottom > clip.bottom + 1
                    || box.left < clip.left - 1 || box.right > clip.right + 1) return false;
              }
              return true;
            }"""
        )
        return inside and on_screen(self.frame.page, self.box())


def on_screen(page: Page, box: dict) -> bool:
    """Whether a box on screen is wholly inside the viewport."""
    screen = page.viewport_size
    return (box["x"] >= -1 and box["y"] >= -1 and box["x"] + box["width"] <= screen["width"] + 1
            and box["y"] + box["height"] <= screen["height"] + 1)  # fmt: skip


def shown(page: Page, words: str) -> Shown:
    """The element showing these words on screen, in the page or any frame in it."""
    for frame in page.frames:
        found = frame.get_by_text(words)
        for i in range(found.count()):
            if found.nth(i).is_visible():
                return Shown(frame, found.nth(i))
    raise AssertionError(f"no words on screen starting {words[:12]!r}")


def shown_picture(page: Page, alt: str) -> Shown:
    """The page's picture on screen, by the words that describe it."""
    for frame in page.frames:
        found = frame.get_by_role("img", name=alt)
        for i in range(found.count()):
            if found.nth(i).is_visible():
                return Shown(frame, found.nth(i))
    raise AssertionError("no picture on screen")


def painted_picture(picture: Shown) -> dict:
    """The 4:3 picture as painted inside its box (a picture kept whole may not fill it)."""
    box = picture.box()
    width = min(box["width"], box["height"] * 4 / 3)
    height = width * 3 / 4
    return {
        "x": box["x"] + (box["width"] - width) / 2,
        "y": box["y"] + (box["height"] - height) / 2,
        "width": width,
        "height": height,
    }


def assert_a_picture_book_page(page: Page, words: list[str], alt: str, viewport: str) -> None:
    """Large words and the picture, all on screen at once, nothing to scroll."""
    screen = page.viewport_size
    for text in words:
        size = shown(page, text).painted_px()
        assert size >= READ_PX, f"the words are painted at {size:.1f} px on a {viewport} screen"
    width, height = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert width <= screen["width"] and height <= screen["height"], "the screen scrolls"
    for text in words:
        assert shown(page, text).unclipped(), "words of a short page are out of sight"
    picture = painted_picture(shown_picture(page, alt))
    assert on_screen(page, picture), "the picture is not all on screen"
    share = picture["width"] * picture["height"] / (screen["width"] * screen["height"])
    assert share >= 0.2, f"the picture takes only {share:.0%} of the screen"
    story = shown(page, words[-1]).box()
    if viewport == "landscape":
        assert story["x"] >= picture["x"] + picture["width"] - 1, "the words are not beside it"
    else:
        assert story["y"] >= picture["y"] + picture["height"] - 1, "the picture is not above"


def test_the_words_are_large_and_the_page_fits_the_screen(
    live_server, live_app, tablet, sign_in, viewport_name
):
    sid = worker_with_sam(live_app, texts={"p3": FORTY_WORDS, "p6": LONG_WORDS})
    page = tablet.page
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.goto(f"{live_server.url}/storyboards/{sid}/read")
    count = page.locator("#reader-count")
    expect(count).to_have_text(re.compile(r"^Page 1 of \d+$"))
    tablet.check("cover")
    assert_a_picture_book_page(page, ["This is a story about Sam"], "Sam, a boy", viewport_name)

    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    expect(count).to_have_text(re.compile(r"^Page 3 of \d+$"))
    tablet.check("forty-words")
    assert_a_picture_book_page(
        page, ["Who is worried?", "Miss Khan, Sam's teacher"], "Miss Khan", viewport_name
    )

    # A longer page keeps its large words and scrolls them, the picture staying in view.
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(count).to_have_text(re.compile(r"^Page 6 of \d+$"))
    tablet.check("long-words")
    first, last = shown(page, "Andrea came to our house"), shown(page, LAST_LONG_WORDS)
    assert first.painted_px() >= READ_PX and last.painted_px() >= READ_PX
    assert first.unclipped() and not last.unclipped()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= page.viewport_size["height"], "the screen scrolls, not the words"
    touch = Touch(page)
    x, y = first.centre()
    for _ in range(12):  # a finger pushing the words up, a hand's length at a time
        if shown(page, LAST_LONG_WORDS).unclipped():
            break
        touch.drag((x, y + 120), (x, y - 40))
    assert shown(page, LAST_LONG_WORDS).unclipped(), "the words do not scroll to their end"
    tablet.check("long-words-scrolled")

    # Turning pages: a swipe either way, the arrow keys and the buttons.
    x, y = shown(page, LAST_LONG_WORDS).centre()
    touch.drag((x + 120, y), (x - 120, y))
    expect(count).to_have_text(re.compile(r"^Page 7 of \d+$"))
    touch.drag((x - 120, y), (x + 120, y))
    expect(count).to_have_text(re.compile(r"^Page 6 of \d+$"))
    page.keyboard.press("ArrowLeft")
    expect(count).to_have_text(re.compile(r"^Page 5 of \d+$"))
    page.get_by_role("button", name="Back", exact=True).click()
    expect(count).to_have_text(re.compile(r"^Page 4 of \d+$"))
    assert shown(page, "Sometimes Mum has poorly days.")
