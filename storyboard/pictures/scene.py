"""Scenes and finger drawings as data: check what the browser sends, and draw strokes as SVG.

Pure: no Flask and no database. The blueprint passes a `resolve(src)` function that knows
which pictures exist for the storyboard.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from storyboard.story.constants import (
    DEFAULT_INK,
    MAX_ALT,
    MAX_LABEL,
    MAX_PICTURES,
    MAX_POINTS,
    MAX_STROKES,
    MIN_WIDTH,
)
from storyboard.story.drawing import drawing_markup, drawing_svg  # noqa: F401 - re-exported

PAD_SIZE = (800, 600)  # the drawing pad, in the scene's own units: both are 4:3
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_SRC = re.compile(r"^(library|emoji|file|drawing):[A-Za-z0-9][A-Za-z0-9_./-]{0,120}$")


class SceneError(ValueError):
    """A scene or drawing that is not the right shape at all (the request is refused)."""


class UnknownPicture(LookupError):
    """A picture source that names nothing this storyboard can show; the message says why."""


def clean_scene(raw: Any, resolve: Callable[[str], str]) -> tuple[dict, list[str]]:
    """Return a tidy scene and messages about pictures that were left out.

    `resolve(src)` returns the canonical source or raises UnknownPicture. Numbers are kept
    inside the scene, text is trimmed, and unknown pictures are dropped with a message, so
    one bad id never loses the rest of the scene.
    """
    if not isinstance(raw, dict):
        raise SceneError("The scene must be an object with a background and pictures.")
    pictures = raw.get("pictures", [])
    if not isinstance(pictures, list):
        raise SceneError("The scene's pictures must be a list.")
    if len(pictures) > MAX_PICTURES:
        raise SceneError(f"A scene can hold up to {MAX_PICTURES} pictures.")
    problems: list[str] = []
    scene: dict[str, Any] = {}
    background = raw.get("background")
    if isinstance(background, str) and _HEX.match(background):
        scene["background"] = background.lower()
    elif background not in (None, ""):
        problems.append("The background colour was not a colour like #fff8e7, so it was reset.")
    scene["pictures"] = []
    for index, item in enumerate(pictures, start=1):
        if not isinstance(item, dict):
            problems.append(f"Picture {index} was left out: it was not a picture.")
            continue
        src = item.get("src")
        if not isinstance(src, str) or not _SRC.match(src) or ".." in src:
            problems.append(f"Picture {index} was left out: its source is not one we know.")
            continue
        try:
            src = resolve(src)
        except UnknownPicture as exc:
            problems.append(f'Picture {index} ("{src}") was left out: {exc}')
            continue
        scene["pictures"].append(_clean_picture(item, src))
    return scene, problems


def _clean_picture(item: dict, src: str) -> dict:
    width = _fraction(item.get("width"), 0.3, MIN_WIDTH, 1.0)
    picture = {
        "src": src,
        "x": _fraction(item.get("x"), 0.35, 0.0, 1.0),
        "y": _fraction(item.get("y"), 0.25, 0.0, 1.0),
        "width": width,
        "flip": item.get("flip") is True,
        "label": _text(item.get("label"), MAX_LABEL),
        "alt": _text(item.get("alt"), MAX_ALT),
    }
    # In the story's second language; written only when there are words (empty: the default).
    for key, most in (("label_2", MAX_LABEL), ("alt_2", MAX_ALT)):
        if _text(item.get(key), most):
            picture[key] = _text(item.get(key), most)
    return picture


def _fraction(value: Any, default: float, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return default
    return round(min(max(float(value), low), high), 4)


def _text(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())[:limit]


# --- finger drawings -----------------------------------------------------------------------


def clean_strokes(raw: Any, width: float, height: float) -> list[dict]:
    """Check strokes from the drawing pad: colours, sizes and points inside the pad."""
    if not isinstance(raw, list) or not raw:
        raise SceneError("The drawing is empty.")
    if len(raw) > MAX_STROKES:
        raise SceneError(f"A drawing can hold up to {MAX_STROKES} lines.")
    strokes, total = [], 0
    for stroke in raw:
        if not isinstance(stroke, dict) or not isinstance(stroke.get("points"), list):
            raise SceneError("Each line of a drawing needs its points.")
        points = []
        for point in stroke["points"]:
            if not (
                isinstance(point, list | tuple)
                and len(point) == 2
                and all(_number(v) for v in point)
            ):
                raise SceneError("Each point of a drawing must be [x, y].")
            points.append(
                [round(min(max(point[0], 0), width), 1), round(min(max(point[1], 0), height), 1)]
            )
        total += len(points)
        if total > MAX_POINTS:
            raise SceneError("The drawing has too many points to keep.")
        if not points:
            continue
        colour = stroke.get("color", DEFAULT_INK)
        size = stroke.get("size", 6)
        strokes.append(
            {
                "color": colour.lower()
                if isinstance(colour, str) and _HEX.match(colour)
                else DEFAULT_INK,
                "size": round(min(max(float(size), 1), 80), 1) if _number(size) else 6,
                "erase": stroke.get("erase") is True,
                "points": points,
            }
        )
    if not any(not s["erase"] for s in strokes):
        raise SceneError("The drawing is empty.")
    return strokes


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def crop_drawing(strokes: list[dict], width: float, height: float) -> dict:
    """Trim the empty pad around the lines; keep where they were, as fractions of the pad.

    Returns the drawing (`width`, `height`, `strokes` moved to the trimmed corner) and its
    place on a scene of the same shape (`x`, `y`, `fraction` of the width).
    """
    left, top, right, bottom = width, height, 0.0, 0.0
    for stroke in strokes:
        if stroke["erase"]:
            continue
        reach = stroke["size"] / 2 + 2
        for x, y in stroke["points"]:
            left, top = min(left, x - reach), min(top, y - reach)
            right, bottom = max(right, x + reach), max(bottom, y + reach)
    left, top = max(0.0, math.floor(left)), max(0.0, math.floor(top))
    right, bottom = min(width, math.ceil(right)), min(height, math.ceil(bottom))
    if right - left < 10:
        right = min(width, left + 10)
    if bottom - top < 10:
        bottom = min(height, top + 10)
    moved = [
        {**s, "points": [[round(x - left, 1), round(y - top, 1)] for x, y in s["points"]]}
        for s in strokes
    ]
    return {
        "width": int(right - left),
        "height": int(bottom - top),
        "strokes": moved,
        "x": round(left / width, 4),
        "y": round(top / height, 4),
        "fraction": round((right - left) / width, 4),
    }
