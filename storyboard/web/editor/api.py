"""The editor's JSON API: autosave one panel with a version check, and panel operations.

Every answer is JSON. A stale save gets 409 with the server's copy; too-long text gets 422
and nothing is written; a signed-out request gets 401 (see `signin.unauthorized`).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, jsonify, request
from flask_babel import gettext
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from storyboard.services import languages, panels
from storyboard.services.db import db
from storyboard.services.models import Panel
from storyboard.services.panels import PanelError
from storyboard.web.access import get_storyboard
from storyboard.web.editor import recording_state, render_panel
from storyboard.web.signin import offline_key

bp = Blueprint("editor_api", __name__, url_prefix="/api")


@bp.errorhandler(PanelError)
def _panel_error(error: PanelError) -> tuple[Response, int]:
    db.session.rollback()
    return jsonify(error.body()), error.status


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise PanelError(400, "invalid", gettext("The request could not be read."))
    return data


def _panel(panel_id: int) -> Panel:
    """Load a panel through its storyboard's access guard (404 if not visible)."""
    panel = db.session.get(Panel, panel_id)
    if panel is None:
        abort(404)
    get_storyboard(panel.storyboard_id)
    return panel


def _with_html(panel: Panel) -> dict[str, Any]:
    index = panels.live_panels(panel.storyboard).index(panel)
    return {"panel": panels.panel_state(panel), "index": index, **render_panel(panel, index)}


@bp.get("/session")
def session_state() -> Response:
    """Whether this browser is signed in, a fresh form token, and this user's offline key."""
    if not current_user.is_authenticated:
        ended = bool(g.get("sessions_ended"))  # ended on purpose: forget what is kept
        return jsonify(signed_in=False, csrf_token=generate_csrf(), forget=ended)
    return jsonify(
        signed_in=True,
        csrf_token=generate_csrf(),
        user=current_user.id,
        offline_key=offline_key(current_user),
    )


@bp.get("/storyboards/<int:storyboard_id>/panels")
@login_required
def list_panels(storyboard_id: int) -> Response:
    """Every panel's current state and version, in order."""
    storyboard = get_storyboard(storyboard_id)
    return jsonify(panels=[panels.panel_state(p) for p in panels.live_panels(storyboard)])


@bp.patch("/panels/<int:panel_id>")
@login_required
def save(panel_id: int) -> Response:
    """Autosave: write the panel's fields if the version sent is still the current one.

    The answer says too whether the page's recording still matches the words just saved."""
    panel = _panel(panel_id)
    panels.save_panel(panel, _body(), current_user)
    db.session.commit()
    return jsonify(panel=panels.panel_state(panel), recording=recording_state(panel))


@bp.post("/storyboards/<int:storyboard_id>/panels")
@login_required
def insert(storyboard_id: int) -> tuple[Response, int]:
    """Insert an empty panel at an index, of a section and kind."""
    storyboard = get_storyboard(storyboard_id)
    data = _body()
    index = data.get("index")
    if isinstance(index, bool) or not isinstance(index, int):
        index = len(panels.live_panels(storyboard))
    panel = panels.insert_panel(
        storyboard,
        current_user,
        index=index,
        section=str(data.get("section") or "custom"),
        kind=str(data.get("kind") or "text"),
    )
    db.session.commit()
    return jsonify(_with_html(panel)), 201


@bp.post("/panels/<int:panel_id>/duplicate")
@login_required
def duplicate(panel_id: int) -> tuple[Response, int]:
    """Copy a panel to just after itself."""
    twin = panels.duplicate_panel(_panel(panel_id), current_user)
    db.session.commit()
    return jsonify(_with_html(twin)), 201


@bp.post("/panels/<int:panel_id>/delete")
@login_required
def delete(panel_id: int) -> Response:
    """Delete a panel (undo brings it back)."""
    panel = _panel(panel_id)
    panels.delete_panel(panel)
    db.session.commit()
    order = [p.id for p in panels.live_panels(panel.storyboard)]
    return jsonify(deleted=panel.id, order=order)


@bp.post("/panels/<int:panel_id>/restore")
@login_required
def restore(panel_id: int) -> Response:
    """Undo a delete."""
    panel = _panel(panel_id)
    panels.restore_panel(panel)
    db.session.commit()
    return jsonify(_with_html(panel))


@bp.put("/storyboards/<int:storyboard_id>/order")
@login_required
def reorder(storyboard_id: int) -> Response:
    """Put the panels in a new order (a list of every live panel id)."""
    storyboard = get_storyboard(storyboard_id)
    order = _body().get("order")
    if not isinstance(order, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in order
    ):
        raise PanelError(400, "invalid", gettext("The new order could not be read."))
    ordered = panels.reorder(storyboard, order)
    db.session.commit()
    return jsonify(order=[p.id for p in ordered])


@bp.post("/storyboards/<int:storyboard_id>/family-words")
@login_required
def add_word(storyboard_id: int) -> Response:
    """Add (or update) one family word."""
    storyboard = get_storyboard(storyboard_id)
    data = _body()
    words = panels.add_family_word(storyboard, data.get("word"), data.get("means"))
    db.session.commit()
    return jsonify(words=words)


@bp.post("/storyboards/<int:storyboard_id>/family-words/remove")
@login_required
def remove_word(storyboard_id: int) -> Response:
    """Remove one family word."""
    storyboard = get_storyboard(storyboard_id)
    words = panels.remove_family_word(storyboard, str(_body().get("word") or ""))
    db.session.commit()
    return jsonify(words=words)


@bp.patch("/storyboards/<int:storyboard_id>/languages")
@login_required
def set_languages(storyboard_id: int) -> Response:
    """Choose the second language (`second_language`: a BCP 47 tag, or null for one
    language) and the title in it (`title_2`); either key may be left out."""
    storyboard = get_storyboard(storyboard_id)
    languages.set_languages(storyboard, _body())
    db.session.commit()
    return jsonify(languages.language_state(storyboard))
