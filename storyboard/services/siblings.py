"""Sibling versions: copy a storyboard for another child (name, age, pronouns), remembering
its source.

The copy gets the same panels, pictures and family words, and a list of proposed rewrites
(`services/retelling.py`). Uploaded images and finger drawings get rows of their own.
"""

from __future__ import annotations

import copy
import json

from sqlalchemy import select

from storyboard.core.passwords import new_token
from storyboard.services import audit, retelling
from storyboard.services.db import db
from storyboard.services.models import Drawing, Image, Storyboard, User
from storyboard.services.panels import copied_panel, live_panels, next_number
from storyboard.services.people import ensure_child
from storyboard.story.wording import default_title, is_default_title


def copy_storyboard(
    source: Storyboard,
    user: User,
    *,
    child_name: str,
    child_age: int | None,
    pronouns: str | None = None,
    source_pronouns: str | None = None,
) -> tuple[Storyboard, int]:
    """Copy a story for a sibling: same panels, pictures and family words, a new child.

    The words are copied as they are; the rewrites that retell the story for the new child
    (names, pronouns, "my big brother Josh") are proposed for the worker to decide one by
    one (`services/retelling.py`). Both children become people of the case. Returns the
    copy and how many rewrites are proposed.
    """
    ensure_child(source, pronouns=source_pronouns)
    language = source.language or "en"
    copy_ = Storyboard(
        case=source.case,
        number=next_number(source.case),
        child_name=child_name,
        child_age=child_age,
        language=source.language,
        title=default_title(child_name, language)
        if is_default_title(source.title or "", source.child_name, language)
        else source.title,
        second_language=source.second_language,
        title_2=source.title_2,
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
    ensure_child(copy_, pronouns=pronouns, age=child_age)
    keys = _copy_pictures(source, copy_, user)
    pairs = []
    for panel in live_panels(source):
        scene = json.loads(_rekey(json.dumps(panel.scene or {}), keys))
        twin = copied_panel(panel, copy_, user, scene=scene)
        db.session.add(twin)
        pairs.append((panel, twin))
    db.session.flush()
    proposed = retelling.propose_all(source, copy_, pairs)
    audit.record(
        "copy_storyboard",
        copy_,
        case_id=source.case_id,
        storyboard_id=copy_.id,
        source_id=source.id,
    )
    return copy_, proposed


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
