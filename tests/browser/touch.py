"""Real touch input for the browser tests, through Chromium's DevTools protocol."""

from __future__ import annotations


class Touch:
    """Real touch input through the DevTools protocol.

    After each gesture it waits as a hand would: protocol events arrive with no time between
    them, and Chromium drops a tap that follows a finger lift within its double-tap window.
    """

    def __init__(self, page) -> None:
        self.page = page
        self.cdp = page.context.new_cdp_session(page)

    def send(self, kind: str, points: list[tuple[float, float]]) -> None:
        self.cdp.send(
            "Input.dispatchTouchEvent",
            {
                "type": kind,
                "touchPoints": [
                    {"x": x, "y": y, "id": i, "radiusX": 4, "radiusY": 4, "force": 1}
                    for i, (x, y) in enumerate(points)
                ],
            },
        )

    def drag(self, start, end, steps: int = 12) -> None:
        """One finger from start to end."""
        self.send("touchStart", [start])
        for i in range(1, steps + 1):
            t = i / steps
            self.page.wait_for_timeout(16)
            self.send("touchMove", [(start[0] + (end[0] - start[0]) * t,
                                     start[1] + (end[1] - start[1]) * t)])  # fmt: skip
        self.send("touchEnd", [])
        self.page.wait_for_timeout(400)

    def path(self, points) -> None:
        """One finger along a path of points (a line drawn with a finger)."""
        self.send("touchStart", [points[0]])
        for point in points[1:]:
            self.page.wait_for_timeout(16)  # a finger reports about 60 times a second
            self.send("touchMove", [point])
        self.send("touchEnd", [])
        self.page.wait_for_timeout(400)

    def tap(self, locator) -> None:
        """A finger tap on an element's middle."""
        self.tap_at(centre(locator))

    def tap_at(self, point: tuple[float, float]) -> None:
        """A finger tap on one point of the page."""
        self.send("touchStart", [point])
        self.page.wait_for_timeout(60)
        self.send("touchEnd", [])
        self.page.wait_for_timeout(100)

    def tap_until(self, locator, done) -> None:
        """Tap until `done()` holds: Chromium sometimes drops the first protocol tap after a
        stroke on a `touch-action: none` canvas (no click at all), which a person just repeats.
        """
        for _ in range(3):
            self.tap(locator)
            if done():
                return
            self.page.wait_for_timeout(300)
        raise AssertionError("the tap never took")

    def pinch(self, centre, start_gap: float, end_gap: float, steps: int = 10) -> None:
        """Two fingers moving apart (or together) around a centre."""
        cx, cy = centre
        for i in range(steps + 1):
            gap = start_gap + (end_gap - start_gap) * i / steps
            points = [(cx - gap / 2, cy), (cx + gap / 2, cy)]
            self.page.wait_for_timeout(16)
            self.send("touchStart" if i == 0 else "touchMove", points)
        self.send("touchEnd", [])
        self.page.wait_for_timeout(400)


def centre(locator):
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
