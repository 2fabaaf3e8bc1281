"""The fields a panel save may change, checked: lengths, people, the scene, scale and steps.

A bad value raises `PanelError` with a plain message; the words stay on the person's screen.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from flask import current_app

from storyboard.core.errors import StoryboardError
from storyboard.services.models import Panel
from storyboard.story.constants import (
    AGREED,
    HEADING_MAX,
    LABEL_MAX,
    MAX_RATINGS,
    MAX_STEPS,
    MAX_TEXT,
    MAX_VOICES,
    SECTIONS,
)
from storyboard.story.fields import is_number

MAX_SCENE_CHARS = 200_000
# The fields a save may send; anything else is ignored (and never reaches the audit log).
SAVE_FIELDS = (
    "text", "heading", "speaker", "skipped", "section", "voices", "scene", "scale", "steps",
    "text_2", "heading_2", "steps_2",
)  # fmt: skip


class PanelError(StoryboardError):
    """A change that cannot be made; `status` and `code` become the JSON answer."""


def _text(value: Any, field: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PanelError(400, "invalid", "This must be text.", field=field)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(value) > limit:
        raise PanelError(
            422,
            "too_long",
            f"This is {len(value):,} characters long; the most it can hold is {limit:,}. "
            "Please make it shorter: your words are still in the box.",
            field=field,
            limit=limit,
            length=len(value),
        )
    return value


def _speaker(value: Any, people: set[str], field: str) -> str | None:
    if value in (None, ""):
        return None
    if value == AGREED or value in people:
        return str(value)
    raise PanelError(400, "invalid", "That person is not in this case.", field=field)


def _scene(value: Any, panel: Panel, problems: list[str] | None = None) -> dict[str, Any]:
    """The scene as the composer's own save keeps it: known pictures only, numbers in range."""
    from storyboard.pictures.scene import SceneError, clean_scene
    from storyboard.services.images import resolver

    if value in (None, {}):
        return {}
    if not isinstance(value, dict):
        raise PanelError(400, "invalid", "The picture could not be read.", field="scene")
    if len(json.dumps(value)) > MAX_SCENE_CHARS:
        raise PanelError(422, "too_long", "This picture holds too much.", field="scene")
    try:
        scene, left_out = clean_scene(value, resolver(panel.storyboard))
    except SceneError as error:
        raise PanelError(400, "invalid", str(error), field="scene") from None
    if problems is not None:
        problems.extend(left_out)
    return scene


def scale_state(scale: dict[str, Any] | None) -> dict[str, Any]:
    """A stored scale with its ratings: one kept from before ratings holds one `value`,
    which reads as one rating by no one (as the story model reads an old file)."""
    old = copy.deepcopy(scale or {})
    value = old.pop("value", None)
    ratings = old.pop("ratings", None)
    if ratings is None:
        ratings = [] if value is None else [{"value": value}]
    ten_means = old.pop("ten_means", "") or ""
    ten_means_2 = old.pop("ten_means_2", "") or ""
    # In one order, so the editor's copy of a scale compares equal to the server's; what 10
    # means in the second language only when it is said.
    state = old | {"ratings": ratings, "ten_means": ten_means}
    return state | ({"ten_means_2": ten_means_2} if ten_means_2 else {})


def _rating_value(value: Any, field: str) -> int | float:
    if isinstance(value, bool) or not is_number(value) or not 0 <= value <= 10:
        raise PanelError(400, "invalid", "Choose a number from 0 to 10.", field=field)
    return value


def _scale(value: Any, people: set[str], limit: int, old: dict | None) -> dict[str, Any]:
    """The scale a save sends: each rating by someone in the case (at most once; an old
    tablet's one `value` by no one) at a number from 0 to 10, and what 10 means."""
    if not isinstance(value, dict):
        raise PanelError(400, "invalid", "The scale could not be read.", field="scale")
    ratings = value.get("ratings")
    if ratings is None and value.get("value") not in (None, ""):
        ratings = [{"value": value["value"]}]  # words kept on a tablet from before ratings
    ratings = [] if ratings is None else ratings
    if not isinstance(ratings, list) or len(ratings) > MAX_RATINGS:
        raise PanelError(400, "invalid", "The ratings could not be read.", field="scale.ratings")
    kept: list[dict[str, Any]] = []
    seen: set[str | None] = set()
    for i, rating in enumerate(ratings):
        field = f"scale.ratings.{i}"
        if not isinstance(rating, dict):
            raise PanelError(400, "invalid", "A rating could not be read.", field=field)
        by = rating.get("by")
        by = None if by in (None, "") else str(by)
        if by is not None and by not in people:
            raise PanelError(
                400, "invalid", "That person is not in this case.", field=f"{field}.by"
            )
        if by in seen:
            raise PanelError(
                400, "invalid", "This person already has a rating on this scale.",
                field=f"{field}.by",
            )  # fmt: skip
        seen.add(by)
        number = _rating_value(rating.get("value"), f"{field}.value")
        kept.append(({"by": by} if by is not None else {}) | {"value": number})
    out = {k: v for k, v in (old or {}).items() if k not in ("ratings", "value", "ten_means_2")}
    out.update(ratings=kept, ten_means=_text(value.get("ten_means"), "scale.ten_means", limit))
    # What 10 means in the second language: a save that does not send it keeps it.
    ten_2 = value["ten_means_2"] if "ten_means_2" in value else (old or {}).get("ten_means_2")
    ten_2 = _text(ten_2, "scale.ten_means_2", limit)
    if ten_2:
        out["ten_means_2"] = ten_2
    return out


def _steps(value: Any, field: str, limit: int) -> list[str]:
    steps = value or []
    if not isinstance(steps, list) or len(steps) > MAX_STEPS:
        raise PanelError(400, "invalid", f"Use at most {MAX_STEPS} steps.", field=field)
    return [_text(s, f"{field}.{i}", limit) for i, s in enumerate(steps)]


def _voice(
    i: int, voice: dict[str, Any], people: set[str], limit: int, old: list[dict[str, Any]]
) -> dict[str, Any]:
    """One view as a save sends it; its second-language words (`label_2`, `text_2`) are
    kept from the stored view when the save does not send them."""
    out = {
        "speaker": _speaker(voice.get("speaker"), people, f"voices.{i}.speaker") or "",
        "label": _text(voice.get("label"), f"voices.{i}.label", LABEL_MAX),
        "text": _text(voice.get("text"), f"voices.{i}.text", limit),
    }
    before = old[0] if old and isinstance(old[0], dict) else {}
    for key, most in (("label_2", LABEL_MAX), ("text_2", limit)):
        said = voice[key] if key in voice else before.get(key)
        said = _text(said, f"voices.{i}.{key}", most)
        if said:
            out[key] = said
    return out


def clean_changes(
    panel: Panel, data: dict[str, Any], problems: list[str] | None = None
) -> dict[str, Any]:
    """Check the fields a save sends and return the column values to write.

    Pictures left out of a scene (unknown to this storyboard) are added to `problems`.
    """
    limit = min(int(current_app.config["MAX_FIELD_CHARS"]), MAX_TEXT)
    people = {str(p.id) for p in panel.storyboard.case.people}
    values: dict[str, Any] = {}
    extra = copy.deepcopy(panel.extra or {})
    if "text" in data:
        values["text"] = _text(data["text"], "text", limit)
    if "heading" in data:
        values["heading"] = _text(data["heading"], "heading", HEADING_MAX)
    if "speaker" in data:
        values["speaker"] = _speaker(data["speaker"], people, "speaker")
    if "skipped" in data:
        values["skipped"] = bool(data["skipped"])
    if "section" in data:
        if data["section"] not in SECTIONS:
            raise PanelError(400, "invalid", "That is not a section.", field="section")
        values["section"] = data["section"]
    if "voices" in data:
        voices = data["voices"] or []
        if not isinstance(voices, list) or len(voices) > MAX_VOICES:
            raise PanelError(400, "invalid", "A panel holds at most two voices.", field="voices")
        values["voices"] = [
            _voice(i, v, people, limit, (panel.voices or [])[i : i + 1])
            for i, v in enumerate(v if isinstance(v, dict) else {} for v in voices)
        ]
    if "scene" in data:
        values["scene"] = _scene(data["scene"], panel, problems)
    if "scale" in data:
        extra["scale"] = _scale(data["scale"], people, limit, extra.get("scale"))
    if "text_2" in data:
        values["text_2"] = _text(data["text_2"], "text_2", limit)
    if "heading_2" in data:
        values["heading_2"] = _text(data["heading_2"], "heading_2", HEADING_MAX)
    for field in ("steps", "steps_2"):
        if field in data:
            extra[field] = _steps(data[field], field, limit)
    if extra != (panel.extra or {}):
        values["extra"] = extra
    return values
