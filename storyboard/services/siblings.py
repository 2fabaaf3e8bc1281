"""Sibling versions: copy a storyboard for another child (name, age), remembering its source.

The copy gets the same panels, pictures and family words; the first child's name can be swapped
for the new child's in the words. Uploaded images and finger drawings get rows of their own.
"""

from __future__ import annotations

import copy
import json
import re

from sqlalchemy import select

from storyboard.core.passwords import new_token
from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.models import Drawing, Image, Storyboard, User
from storyboard.services.panels import copied_panel, default_title, live_panels, next_number


def copy_storyboard(
    source: Storyboard, user: User, *, child_name: str, child_age: int | None, swap_name: bool
) -> Storyboard:
    """Copy a story for a sibling: same panels, pictures and family words, a new child."""
    old_name = source.child_name

    def swap(text: str) -> str:
        if not swap_name or not old_name or not text:
            return text
        return re.sub(rf"\b{re.escape(old_name)}\b", child_name, text)

    copy_ = Storyboard(
        case=source.case,
        number=next_number(source.case),
        child_name=child_name,
        child_age=child_age,
        language=source.language,
        title=swap(source.title)
        if swap_name
        else default_title(child_name, source.language or "en"),
        purpose=source.purpose,
        template=source.template,
        page_size=source.page_size,
        minimal=source.minimal,
        family_words=copy.deepcopy(source.family_words or []),
        extra=copy.deepcopy(source.extra or {}),
        source_id=source.id,
        created_by_id=user.id,
    )
    db.session.add(copy_)
    db.session.flush()
    keys = _copy_pictures(source, copy_, user)
    for panel in live_panels(source):
        scene = json.loads(_rekey(json.dumps(panel.scene or {}), keys))
        extra = copy.deepcopy(panel.extra or {})
        if "steps" in extra:
            extra["steps"] = [swap(s) for s in extra["steps"]]
        if "scale" in extra and extra["scale"].get("ten_means"):
            extra["scale"]["ten_means"] = swap(extra["scale"]["ten_means"])
        voices = [{**v, "text": swap(v.get("text", ""))} for v in panel.voices or []]
        db.session.add(
            copied_panel(
                panel, copy_, user, heading=swap(panel.heading or ""), text=swap(panel.text or ""),
                voices=voices, scene=scene, extra=extra,
            )
        )  # fmt: skip
    db.session.flush()
    audit.record(
        "copy_storyboard",
        copy_,
        case_id=source.case_id,
        storyboard_id=copy_.id,
        source_id=source.id,
    )
    return copy_


def _copy_pictures(source: Storyboard, target: Storyboard, user: User) -> dict[str, str]:
    """Give the copy its own rows for uploaded images and finger drawings; map drawing keys."""
    for image in db.session.scalars(select(Image).where(Image.storyboard_id == source.id)):
        db.session.add(
            Image(
                storyboard_id=target.id,
                sha256=image.sha256,
                media_type=image.media_type,
                width=image.width,
                height=image.height,
                byte_size=image.byte_size,
                kind=image.kind,
                uploaded_by_id=user.id,
            )
        )
    keys: dict[str, str] = {}
    for drawing in db.session.scalars(select(Drawing).where(Drawing.storyboard_id == source.id)):
        new_key = new_token(12)[:16]
        keys[drawing.key] = new_key
        db.session.add(
            Drawing(
                storyboard_id=target.id,
                key=new_key,
                width=drawing.width,
                height=drawing.height,
                strokes=copy.deepcopy(drawing.strokes),
                created_by_id=user.id,
            )
        )
    return keys


def _rekey(scene_json: str, keys: dict[str, str]) -> str:
    for old, new in keys.items():
        scene_json = scene_json.replace(f'"drawing:{old}"', f'"drawing:{new}"')
    return scene_json
