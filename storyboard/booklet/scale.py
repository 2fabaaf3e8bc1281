"""The safety scale as a picture: a 0 to 10 line with each person's rating marked and named.

Each rating is a marker of its own shape and colour (so the page reads in black and white
too) on a stem that points at its place on the line, with the person's name above it, as the
child knows them. Markers whose names would touch are lifted to a higher row, so two people
at the same number, or one apart, stay apart and legible.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from storyboard.booklet.scene import FONT_STACK
from storyboard.booklet.textlayout import line_width
from storyboard.story.constants import SCENE_H, SCENE_W
from storyboard.story.reading import Mark

LEFT, RIGHT, LINE_Y = 70, 730, 360
STEP = (RIGHT - LEFT) / 10
NAME_SIZE = 30
MARKER_R = 22
ROWS = 5
ROW_GAP = 56  # from one row's marker to the next
FIRST_ROW = LINE_Y - 70  # the lowest row's marker centre
EDGE = 14  # names keep this far inside the frame
# Okabe and Ito's colours, told apart with any colour vision; the shapes tell them apart in
# black and white. An old file's one mark (no one named) keeps the scale's first yellow.
COLOURS = ("#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#0072b2", "#d55e00")
UNNAMED = "#f4c95d"
_R = MARKER_R
SHAPES = (
    f'<circle r="{_R}"/>',
    f'<rect x="{-_R * 0.85:.1f}" y="{-_R * 0.85:.1f}" width="{_R * 1.7:.1f}" '
    f'height="{_R * 1.7:.1f}" rx="3"/>',
    f'<path d="M0,{-_R * 1.15:.1f} L{_R * 1.15:.1f},0 L0,{_R * 1.15:.1f} L{-_R * 1.15:.1f},0 Z"/>',
    f'<path d="M0,{-_R * 1.15:.1f} L{_R * 1.1:.1f},{_R * 0.8:.1f} '
    f'L{-_R * 1.1:.1f},{_R * 0.8:.1f} Z"/>',
    '<path d="' + "".join(
        f"{'M' if i == 0 else 'L'}{_R * 1.05 * c:.1f},{_R * 1.05 * s:.1f} "
        for i, (c, s) in enumerate(
            [(1, 0), (0.5, 0.866), (-0.5, 0.866), (-1, 0), (-0.5, -0.866), (0.5, -0.866)]
        )
    ) + 'Z"/>',
)  # fmt: skip


def marker_style(marker: int) -> tuple[str, str]:
    """The colour and shape (SVG at the origin) of a marker; -1 is an old file's mark."""
    if marker < 0:
        return UNNAMED, SHAPES[0]
    return COLOURS[marker % len(COLOURS)], SHAPES[(marker // len(COLOURS) + marker) % len(SHAPES)]


def _x(value: float, direction: str) -> float:
    return LEFT + (value if direction == "ltr" else 10 - value) * STEP


Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Spot:
    """Where one mark is drawn: its marker's centre, and its name's anchor and baseline."""

    x: float
    y: float
    name_x: float
    name_y: float
    anchor: str  # "middle", "start" or "end"
    boxes: tuple[Box, ...]
    stem: tuple[float, float, float, float]


def _hits(a: Box, b: Box) -> float:
    """How much two boxes overlap (their shared area; 0 when apart)."""
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _crosses(stem: tuple[float, float, float, float], box: Box) -> bool:
    """Whether a stem (a straight line) passes through a box (Liang and Barsky's clipping)."""
    x0, y0, x1, y1 = stem
    low, high = 0.0, 1.0
    for p, q in ((x0 - x1, x0 - box[0]), (x1 - x0, box[2] - x0),
                 (y0 - y1, y0 - box[1]), (y1 - y0, box[3] - y0)):  # fmt: skip
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _candidates(x: float, width: float, tied: bool, direction: str) -> list[tuple[float, Spot]]:
    """Every place a mark may go, cheapest first: a low row, the name above its marker.
    Marks at the same number stack up one stem, each named beside its marker."""
    after, before = ("start", "end") if direction == "ltr" else ("end", "start")
    order = [after, before, "middle"] if tied else ["middle", after, before]
    out = []
    for row in range(ROWS):
        y = FIRST_ROW - row * ROW_GAP
        marker: Box = (x - MARKER_R - 2, y - MARKER_R - 2, x + MARKER_R + 2, y + MARKER_R + 2)
        if not width:
            out.append((row, Spot(x, y, x, y, "middle", (marker,), (x, LINE_Y, x, y))))
            continue
        for s, anchor in enumerate(order):
            nx, ny = {
                "middle": (min(max(x, EDGE + width / 2), SCENE_W - EDGE - width / 2),
                           y - MARKER_R - 12),
                "start": (x + MARKER_R + 10, y + 10),
                "end": (x - MARKER_R - 10, y + 10),
            }[anchor]  # fmt: skip
            left = {"middle": nx - width / 2, "start": nx, "end": nx - width}[anchor]
            name: Box = (left - 4, ny - NAME_SIZE * 0.8, left + width + 4, ny + NAME_SIZE * 0.25)
            if name[0] < EDGE or name[2] > SCENE_W - EDGE or name[1] < EDGE:
                continue
            spot = Spot(x, y, nx, ny, anchor, (marker, name), (x, LINE_Y, x, y))
            out.append((row + s * 0.6, spot))
    return sorted(out, key=lambda c: c[0])


def _clash(spot: Spot, x: float, boxes: list[tuple[Box, float | None]], stems: list) -> float:
    """How badly a place touches what is drawn already: overlapping area, and a heavy cost
    for each stem through a marker or a name (a stem may pass behind markers at its own x)."""
    area = sum(_hits(a, b) for a in spot.boxes for b, _ in boxes)
    area += 400 * sum(_crosses(stem, box) for stem in stems for box in spot.boxes if stem[0] != x)
    return area + 400 * sum(_crosses(spot.stem, b) for b, at in boxes if at != x)


def place_marks(marks: list[Mark], direction: str) -> list[Spot]:
    """Each mark's place: the cheapest where its marker, name and stem touch no other's (a
    stem may pass behind the markers at its own number), else the one that overlaps least.
    Marks are placed from the line's start, in turn."""
    boxes: list[tuple[Box, float | None]] = []  # a box, and its marker's x (None: a name)
    stems: list[tuple[float, float, float, float]] = []
    placed: dict[int, Spot] = {}
    values = [m.value for m in marks]
    for i in sorted(range(len(marks)), key=lambda i: (_x(marks[i].value, direction), i)):
        label, x = marks[i].label, _x(marks[i].value, direction)
        width = line_width(label, NAME_SIZE, False, direction) if label else 0

        options = _candidates(x, width, values.count(marks[i].value) > 1, direction)
        spot = next((c for _, c in options if _clash(c, x, boxes, stems) == 0), None)
        if spot is None:
            spot = min(options, key=lambda c: (_clash(c[1], x, boxes, stems), c[0]))[1]
        boxes += [(spot.boxes[0], x)] + [(b, None) for b in spot.boxes[1:]]
        stems.append(spot.stem)
        placed[i] = spot
    return [placed[i] for i in range(len(marks))]


def scale_svg(marks: list[Mark], *, direction: str = "ltr") -> str:
    """Draw the 0 to 10 safety scale as a number line with each rating marked and named."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SCENE_W} {SCENE_H}" '
        f'width="{SCENE_W}" height="{SCENE_H}">',
        f'<rect x="2" y="2" width="{SCENE_W - 4}" height="{SCENE_H - 4}" rx="28" '
        'fill="#fdf6e3" stroke="#5b6770" stroke-width="4"/>',
        f'<line x1="{LEFT}" y1="{LINE_Y}" x2="{RIGHT}" y2="{LINE_Y}" stroke="#333" '
        'stroke-width="8" stroke-linecap="round"/>',
    ]
    for n in range(11):
        cx = _x(n, direction)
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{LINE_Y}" r="14" fill="#ffffff" stroke="#333" '
            'stroke-width="5"/>'
            f'<text x="{cx:.1f}" y="{LINE_Y + 62}" text-anchor="middle" font-size="34" '
            f'font-family="{FONT_STACK}" fill="#222">{n}</text>'
        )
    # Faces under the ends: worried at 0, smiling at 10; no words, so any language reads it.
    for n, mouth in ((0, "M-20,20 Q0,4 20,20"), (10, "M-20,9 Q0,29 20,9")):
        parts.append(
            f'<g transform="translate({_x(n, direction):.1f},{LINE_Y + 150})"><circle r="46" '
            'fill="#ffe0b8" stroke="#333" stroke-width="6"/><circle cx="-16" cy="-11" r="6" '
            'fill="#333"/><circle cx="16" cy="-11" r="6" fill="#333"/>'
            f'<path d="{mouth}" fill="none" stroke="#333" stroke-width="6" '
            'stroke-linecap="round"/></g>'
        )
    stems, markers, names = [], [], []
    for mark, spot in zip(marks, place_marks(marks, direction), strict=True):
        colour, shape = marker_style(mark.marker)
        x = _x(mark.value, direction)
        stems.append(
            f'<line x1="{x:.1f}" y1="{LINE_Y}" x2="{spot.x:.1f}" y2="{spot.y:.1f}" '
            'stroke="#333" stroke-width="4" stroke-linecap="round"/>'
            f'<circle cx="{x:.1f}" cy="{LINE_Y}" r="9" fill="{colour}" stroke="#333" '
            'stroke-width="3"/>'
        )
        markers.append(
            f'<g transform="translate({spot.x:.1f},{spot.y:.1f})" fill="{colour}" '
            f'stroke="#333" stroke-width="4">{shape}</g>'
        )
        if mark.label:
            # A white halo keeps a name readable over a stem, also printed in grey.
            names.append(
                f'<text x="{spot.name_x:.1f}" y="{spot.name_y:.1f}" '
                f'text-anchor="{spot.anchor}" font-family="{FONT_STACK}" '
                f'font-size="{NAME_SIZE}" fill="#222222" stroke="#ffffff" stroke-width="8" '
                f'stroke-linejoin="round" paint-order="stroke">{escape(mark.label)}</text>'
            )
    parts += stems + markers + names
    parts.append("</svg>")
    return "".join(parts)
