"""The service worker that lets the editor survive a reload with no wi-fi.

`/sw.js` is served from the site root so its scope covers `/storyboards/<id>`. The worker
itself (static/js/sw.js) keeps copies of the editor page, its static files and the council's
stylesheet and logo only; it is
registered by static/js/offline.js on the editor page. See the comment at the top of sw.js for
what is kept, for how long, and when it is deleted.
"""

from __future__ import annotations

from flask import Blueprint, Flask, request, send_from_directory
from werkzeug.wrappers import Response

from storyboard.core.paths import STATIC_DIR
from storyboard.web.editor import family_mode

bp = Blueprint("offline", __name__)
SCRIPT = "sw.js"


@bp.get("/sw.js")
def service_worker() -> Response:
    """The service worker script: never held by HTTP caches, so updates reach every tablet."""
    response = send_from_directory(STATIC_DIR / "js", SCRIPT, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = (request.script_root or "") + "/"
    return response


def init_app(app: Flask) -> None:
    """A tablet in family mode may fetch the worker script: it holds no family data."""
    family_mode.OPEN_ENDPOINTS.add("offline.service_worker")
