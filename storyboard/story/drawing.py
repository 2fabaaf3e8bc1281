"""Finger drawings as SVG: the one writer every view and every export uses.

Strokes are in the drawing's own units. Rubbing out hides only what was drawn before it, as it
did on the pad: each run of eraser strokes becomes a mask over everything drawn before it.
"""

from __future__ import annotations

import re
from html import escape

from storyboard.story.constants import DEFAULT_INK

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _path(stroke: dict, colour: str) -> str:
    points = stroke.get("points") or []
    d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
    if len(points) == 1:
        d += " l0.01,0"  # a dot: a zero-length line with round caps
    return (
        f'<path d="{d}" fill="none" stroke="{escape(colour)}" '
        f'stroke-width="{float(stroke.get("size", 6)):g}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def drawing_markup(drawing: dict, id_prefix: str = "erase") -> str:
    """SVG for strokes in the drawing's own units; each rubbing-out hides only earlier lines.

    Lines drawn after rubbing out stay visible, as they did on the pad: each run of eraser
    strokes becomes a mask over everything drawn before it.
    """
    width, height = drawing.get("width", 400), drawing.get("height", 300)
    masks: list[str] = []
    content, erasing = "", []

    def close_erase_run() -> None:
        nonlocal content
        mask_id = f"{id_prefix}{len(masks)}"
        masks.append(
            f'<mask id="{mask_id}" maskUnits="userSpaceOnUse" x="0" y="0" '
            f'width="{width}" height="{height}"><rect width="{width}" height="{height}" '
            f'fill="#fff"/>{"".join(erasing)}</mask>'
        )
        content = f'<g mask="url(#{mask_id})">{content}</g>'
        erasing.clear()

    for stroke in drawing.get("strokes", []):
        if not stroke.get("points"):
            continue
        if stroke.get("erase"):
            erasing.append(_path(stroke, "#000"))
            continue
        if erasing:
            close_erase_run()
        colour = stroke.get("color", DEFAULT_INK)
        content += _path(stroke, colour if _HEX.match(str(colour)) else DEFAULT_INK)
    if erasing:
        close_erase_run()
    defs = f"<defs>{''.join(masks)}</defs>" if masks else ""
    return defs + content


def drawing_svg(drawing: dict) -> str:
    """A finger drawing as a standalone SVG document (transparent background)."""
    width, height = drawing.get("width", 400), drawing.get("height", 300)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">{drawing_markup(drawing, "erase")}</svg>'
    )
