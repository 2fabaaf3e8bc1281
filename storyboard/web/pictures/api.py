"""JSON for the picture scripts: picker search, photo upload, finger drawings, scene saves."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Response, current_app, jsonify, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from storyboard.core.errors import code_for, error_body
from storyboard.pictures import illustrations, openmoji
from storyboard.pictures.images import ImageRejected, clean_image
from storyboard.pictures.scene import (
    PAD_SIZE,
    SceneError,
    clean_strokes,
    crop_drawing,
)
from storyboard.services import audit, panels
from storyboard.services.db import db
from storyboard.services.images import store_image
from storyboard.services.models import Drawing
from storyboard.services.panel_fields import PanelError
from storyboard.story.wording import N_
from storyboard.web.access import get_storyboard
from storyboard.web.pictures.views import bp, get_panel
from storyboard.web.security import allows_uploads

CATEGORY_LABELS = {
    "feelings": N_("Feelings"),
    "people": N_("People"),
    "helpers": N_("Helpers"),
    "places": N_("Places"),
    "things": N_("Things"),
    "method": N_("Scales and houses"),
}
UPLOAD_KINDS = ("photo", "drawing")


def _error(status: int, message: str, **extra: Any) -> tuple[Response, int]:
    return jsonify(error_body(code_for(status), message, **extra)), status


# --- the picker ----------------------------------------------------------------------------


def _library_item(entry: illustrations.Entry) -> dict:
    return {
        "src": f"library:{entry['id']}",
        "title": entry["title"],
        "alt": entry["alt"],
        "url": url_for("static", filename=f"illustrations/{entry['id']}.svg"),
        "source": "library",
    }


def _emoji_item(code: str, label: str) -> dict:
    return {
        "src": f"emoji:{code}",
        "title": label,
        "alt": label[:1].upper() + label[1:],
        "url": url_for("pictures.openmoji_svg", code=code),
        "source": "emoji",
    }


def picker_categories() -> list[dict]:
    """Our library's categories first, then the OpenMoji shelf's."""
    ours = [
        {
            "id": f"library:{c}",
            "label": gettext(CATEGORY_LABELS[c]) if c in CATEGORY_LABELS else c.capitalize(),
        }
        for c in illustrations.categories()
    ]
    shelf = [
        {"id": f"emoji:{c}", "label": f"{c.capitalize()} (emoji)"}
        for c in openmoji.shelf_categories()
    ]
    return ours + shelf


def picker_results(query: str, category: str) -> list[dict]:
    """Pictures for a word (our drawings, the shelf, then all of OpenMoji) or a category."""
    source, _, name = category.partition(":")
    if source == "library":
        return [_library_item(e) for e in illustrations.in_category(name)]
    if source == "emoji":
        return [
            _emoji_item(e["code"], e["label"]) for e in openmoji.shelf() if e["category"] == name
        ]
    if not query.strip():
        return [_library_item(e) for e in illustrations.catalogue()]
    results = [_library_item(e) for e in illustrations.search(query, limit=24)]
    seen: set[str] = set()
    for entry in openmoji.search_shelf(query, limit=40):
        seen.add(entry["code"])
        results.append(_emoji_item(entry["code"], entry["label"]))
    for item in openmoji.search(query, limit=40):
        if item["code"] not in seen:
            seen.add(item["code"])
            results.append(_emoji_item(item["code"], item["name"]))
    return results[:96]


@bp.get("/api/pictures")
@login_required
def search() -> Response:
    """Search or browse pictures: ?q=word or ?category=library:feelings / emoji:home."""
    query = request.args.get("q", "")[:80]
    category = request.args.get("category", "")[:60]
    results = picker_results(query, category)
    uses_emoji = any(r["source"] == "emoji" for r in results)
    return jsonify(
        query=query,
        category=category,
        categories=picker_categories(),
        results=results,
        credit=openmoji.OPENMOJI_CREDIT if uses_emoji else None,
    )


# --- photos --------------------------------------------------------------------------------


@bp.post("/api/storyboards/<int:storyboard_id>/images")
@login_required
@allows_uploads
def upload(storyboard_id: int) -> Response | tuple[Response, int]:
    """Take a photo or a picture of a drawing; keep a clean copy; answer its scene source."""
    storyboard = get_storyboard(storyboard_id)
    upload = request.files.get("photo")
    if upload is None:
        return _error(400, gettext("Please choose a photo to add."))
    kind = request.form.get("kind", "photo")
    if kind not in UPLOAD_KINDS:
        kind = "photo"
    try:
        clean = clean_image(upload.read(), max_bytes=current_app.config["MAX_CONTENT_LENGTH"])
    except ImageRejected as rejected:
        return _error(400, rejected.message)
    row = store_image(storyboard, clean, current_user, kind)
    audit.record(
        "upload_image",
        row,
        case_id=storyboard.case_id,
        storyboard_id=storyboard.id,
        kind=kind,
        media_type=clean.media_type,
        byte_size=len(clean.data),
    )
    db.session.commit()
    return jsonify(
        src=f"file:images/{clean.name}",
        alt="",
        width=clean.width,
        height=clean.height,
        url=url_for("pictures.image", storyboard_id=storyboard.id, name=clean.name),
    ), 201


# --- finger drawings -----------------------------------------------------------------------


@bp.post("/api/storyboards/<int:storyboard_id>/drawings")
@login_required
def save_drawing(storyboard_id: int) -> Response | tuple[Response, int]:
    """Keep a finger drawing as vector strokes, trimmed to its lines; answer its source."""
    storyboard = get_storyboard(storyboard_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return _error(400, gettext("The drawing did not arrive. Please try again."))
    pad_w, pad_h = PAD_SIZE
    try:
        strokes = clean_strokes(body.get("strokes"), pad_w, pad_h)
    except SceneError as exc:
        return _error(400, str(exc))
    cropped = crop_drawing(strokes, pad_w, pad_h)
    row = Drawing(
        storyboard_id=storyboard.id,
        key=secrets.token_hex(12),
        width=cropped["width"],
        height=cropped["height"],
        strokes=cropped["strokes"],
        created_by_id=current_user.id,
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        "save_drawing",
        row,
        case_id=storyboard.case_id,
        storyboard_id=storyboard.id,
        strokes=len(strokes),
    )
    db.session.commit()
    return jsonify(
        src=f"drawing:{row.key}",
        alt="",
        x=cropped["x"],
        y=cropped["y"],
        width=cropped["fraction"],
        url=url_for("pictures.drawing", storyboard_id=storyboard.id, key=row.key),
    ), 201


# --- scenes --------------------------------------------------------------------------------


@bp.put("/api/storyboards/<int:storyboard_id>/panels/<int:panel_id>/scene")
@login_required
def save_scene(storyboard_id: int, panel_id: int) -> Response | tuple[Response, int]:
    """Save a panel's scene if `version` is the panel's current one; 409 with the saved one."""
    storyboard = get_storyboard(storyboard_id)
    panel = get_panel(storyboard, panel_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or "scene" not in body:
        return _error(400, gettext("The pictures did not arrive. Please try again."))
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        return _error(400, gettext("The page's version is missing. Please reload the page."))
    problems: list[str] = []
    try:
        panels.save_panel(
            panel, {"version": version, "scene": body["scene"]}, current_user,
            problems=problems, action="save_scene",
        )  # fmt: skip
    except PanelError as error:
        db.session.rollback()
        if error.status != 409:
            return jsonify(error.body()), error.status
        db.session.refresh(panel)
        return _error(
            409,
            gettext(
                "Someone else changed these pictures. Their version is shown now; "
                "please make your change again."
            ),
            scene=panel.scene or {"pictures": []},
            version=panel.version,
        )
    db.session.commit()
    scene = panel.scene
    return jsonify(scene=scene, version=panel.version, problems=problems)
