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
    MAX_STEPS,
    MAX_TEXT,
    MAX_VOICES,
    SECTIONS,
)

MAX_SCENE_CHARS = 200_000
# The fields a save may send; anything else is ignored (and never reaches the audit log).
SAVE_FIELDS = (
    "text", "heading", "speaker", "skipped", "section", "voices", "scene", "scale", "steps",
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
            {
                "speaker": _speaker(v.get("speaker"), people, f"voices.{i}.speaker") or "",
                "label": _text(v.get("label"), f"voices.{i}.label", LABEL_MAX),
                "text": _text(v.get("text"), f"voices.{i}.text", limit),
            }
            for i, v in enumerate(v if isinstance(v, dict) else {} for v in voices)
        ]
    if "scene" in data:
        values["scene"] = _scene(data["scene"], panel, problems)
    if "scale" in data:
        scale = data["scale"] if isinstance(data["scale"], dict) else {}
        number = scale.get("value")
        if number in ("", None):
            number = None
        elif isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= 10:
            raise PanelError(400, "invalid", "Choose a number from 0 to 10.", field="scale.value")
        extra["scale"] = {
            "value": number,
            "ten_means": _text(scale.get("ten_means"), "scale.ten_means", limit),
        }
    if "steps" in data:
        steps = data["steps"] or []
        if not isinstance(steps, list) or len(steps) > MAX_STEPS:
            raise PanelError(400, "invalid", f"Use at most {MAX_STEPS} steps.", field="steps")
        extra["steps"] = [_text(s, f"steps.{i}", limit) for i, s in enumerate(steps)]
    if extra != (panel.extra or {}):
        values["extra"] = extra
    return values


