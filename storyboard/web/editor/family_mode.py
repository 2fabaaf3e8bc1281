"""Family mode: the worker's tablet, handed across the table, locked to one storyboard.

One tap sets a flag in the (server-signed) session. A check before every request then refuses
anything that is not this storyboard's editor, preview, reading mode or pictures: other cases,
the dashboard, accounts and settings get a friendly page. Leaving needs the worker's password,
or the worker signing in again at the council's provider (`leave_with_sso`).
"""

from __future__ import annotations

import time

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext, lazy_gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.csrf import validate_csrf
from werkzeug.wrappers import Response
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length, ValidationError

from storyboard.core.passwords import check_password
from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.limits import note_sign_in_try, sign_in_paused, sign_in_succeeded
from storyboard.services.models import Panel, Storyboard
from storyboard.web.access import get_storyboard
from storyboard.web.i18n import use_family_language
from storyboard.web.signin import FAMILY_LOCK, FAMILY_UNLOCK, family_lock, wants_json

bp = Blueprint("family_mode", __name__)
FLAG = FAMILY_LOCK

# Areas a family may use for the locked storyboard; each route names the storyboard or panel.
OPEN_BLUEPRINTS = {
    "editor", "editor_api", "reader", "pictures", "recordings", "family_mode", "plainwords",
}  # fmt: skip
# Routes that name no storyboard but only serve shared, non-family data (or the session).
OPEN_ENDPOINTS = {
    "static",
    "editor_api.session_state",
    "editor.signed_in",
    "language.choose_page_language",
    "pictures.openmoji_svg",
    "pictures.search",
    # The council's colours and logo at the top of the editor (no family data).
    "council.stylesheet",
    "council.logo",
    # Unlocking by signing in again at the council's provider (`leave_with_sso`).
    "sso.start",
    "sso.callback",
}
CLOSED_ENDPOINTS = {"editor.start", "editor.copy", "family_mode.enter"}


class LeaveForm(FlaskForm):
    """The worker's password, to leave family mode."""

    password = PasswordField(
        lazy_gettext("Worker's password"),
        validators=[
            DataRequired(message=lazy_gettext("Type the worker's password.")),
            Length(max=1000),
        ],
    )


def locked_to() -> int | None:
    """Return the storyboard this session is locked to, if any."""
    return family_lock()


def _allowed(storyboard_id: int) -> bool:
    endpoint = request.endpoint or ""
    if endpoint in OPEN_ENDPOINTS:
        return True
    if endpoint in CLOSED_ENDPOINTS or endpoint.partition(".")[0] not in OPEN_BLUEPRINTS:
        return False
    args = request.view_args or {}
    if "storyboard_id" in args:
        return args["storyboard_id"] == storyboard_id and _panel_ok(args, storyboard_id)
    if "panel_id" in args:
        return _panel_ok(args, storyboard_id)
    return False


def _panel_ok(args: dict, storyboard_id: int) -> bool:
    if "panel_id" not in args:
        return True
    panel = db.session.get(Panel, args["panel_id"])
    return panel is not None and panel.storyboard_id == storyboard_id


def guard() -> Response | tuple[str, int] | tuple[Response, int] | None:
    """Refuse every request outside the locked storyboard while in family mode."""
    storyboard_id = locked_to()
    if storyboard_id is None or not current_user.is_authenticated:
        return None
    if _allowed(storyboard_id):
        return None
    if wants_json():
        return jsonify(error="family_mode", message=gettext("This tablet is in family mode.")), 403
    storyboard = db.session.get(Storyboard, storyboard_id)
    use_family_language(storyboard.language if storyboard else None)
    page = render_template("editor/family_blocked.html", storyboard_id=storyboard_id)
    return page, 403


@bp.post("/storyboards/<int:storyboard_id>/family-mode")
@login_required
def enter(storyboard_id: int) -> Response:
    """Lock this tablet's session to the storyboard."""
    storyboard = get_storyboard(storyboard_id)
    session[FLAG] = storyboard.id
    audit.record(
        "enter_family_mode", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id
    )
    db.session.commit()
    flash(
        gettext(
            "Family mode is on. This tablet now opens only this story. "
            "To leave, the worker types their password."
        ),
        "info",
    )
    return redirect(url_for("editor.edit", storyboard_id=storyboard.id))


@bp.route("/storyboards/<int:storyboard_id>/family-mode/leave", methods=["GET", "POST"])
@login_required
def leave(storyboard_id: int) -> str | Response | tuple[str, int]:
    """Unlock the tablet with the signed-in worker's password."""
    storyboard = get_storyboard(storyboard_id)
    use_family_language(storyboard.language)
    if locked_to() is None:
        return redirect(url_for("editor.edit", storyboard_id=storyboard.id))
    form = LeaveForm()
    status = 200
    if form.validate_on_submit():
        config = current_app.config
        address = request.remote_addr or "unknown"
        name = current_user.username
        note_sign_in_try(name, address)
        db.session.commit()  # counted before the password is checked, as at sign-in
        if sign_in_paused(
            name, address, config["SIGNIN_MAX_FAILURES"], config["SIGNIN_WINDOW_MINUTES"]
        ):
            form.password.errors.append(gettext("Too many tries. Please wait a few minutes."))
            status = 429
        elif check_password(current_user.password_hash, form.password.data):
            sign_in_succeeded(name, address)
            session.pop(FLAG, None)
            audit.record(
                "leave_family_mode",
                storyboard,
                case_id=storyboard.case_id,
                storyboard_id=storyboard.id,
            )
            db.session.commit()
            flash(gettext("Family mode is off."), "success")
            return redirect(url_for("editor.edit", storyboard_id=storyboard.id))
        else:
            form.password.errors.append(gettext("That is not the worker's password."))
            status = 400
    elif form.errors:
        status = 400
    return render_template("editor/family_leave.html", sb=storyboard, form=form), status


@bp.get("/storyboards/<int:storyboard_id>/family-mode/leave/sso")
@login_required
def leave_with_sso(storyboard_id: int) -> Response:
    """Unlock by the worker signing in again at the council's provider (no password needed).

    A link carrying the page's CSRF token, not a form: our CSP's form-action 'self' stops a
    form's redirect to the provider.
    """
    storyboard = get_storyboard(storyboard_id)
    if locked_to() is None or not current_user.identities:
        return redirect(url_for("family_mode.leave", storyboard_id=storyboard.id))
    try:
        validate_csrf(request.args.get("token"))
    except ValidationError:
        abort(400)
    session[FAMILY_UNLOCK] = {
        "user": current_user.id,
        "storyboard": storyboard.id,
        "at": int(time.time()),
    }
    return redirect(url_for("sso.start"))


def init_app(app: Flask) -> None:
    """Check every request against family mode (after sign-in has loaded the user)."""
    app.before_request(guard)
