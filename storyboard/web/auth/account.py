"""Your account page, and sign-in codes (TOTP): turning them on, the code step of sign-in,
and an administrator turning them off for someone who lost their phone."""

from __future__ import annotations

import time

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext, lazy_gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from storyboard.services import audit, codes
from storyboard.services.db import db
from storyboard.services.limits import note_sign_in_try, sign_in_paused
from storyboard.services.models import User
from storyboard.web.access import role_required
from storyboard.web.auth import CODE_MINUTES, CODE_PENDING, finish_sign_in, oidc

bp = Blueprint("codes", __name__)


class CodeForm(FlaskForm):
    """Six digits from the authenticator app."""

    code = StringField(
        lazy_gettext("Code from your app"),
        validators=[DataRequired(message=lazy_gettext("Type the six digits.")), Length(max=12)],
        description=lazy_gettext("Six digits, from the authenticator app on your phone."),
    )


@bp.get("/account")
@login_required
def account() -> str:
    """The signed-in person's account: how they sign in, codes, and the council sign-in."""
    return render_template(
        "accounts/account.html",
        codes_on=codes.is_on(current_user),
        linked=bool(current_user.identities),
        sso_name=current_app.config["OIDC_PROVIDER_NAME"] if oidc.configured() else None,
        form=CodeForm(),
    )


@bp.route("/account/codes", methods=["GET", "POST"])
@login_required
def setup() -> str | Response | tuple[str, int]:
    """Turn codes on: a new secret as a QR code and as text, confirmed by a first code.

    The first POST ("start") makes the secret; the page shows it until a right code turns
    codes on. A GET only shows a secret already made (GETs change nothing).
    """
    user = current_user._get_current_object()
    if codes.is_on(user):
        return redirect(url_for("codes.account"))
    if user.identities:
        flash(
            gettext("You sign in with the council's sign-in, which has its own second step."),
            "info",
        )
        return redirect(url_for("codes.account"))
    secret = codes.secret_of(user)
    starting = request.method == "POST" and request.form.get("step") == "start"
    form = CodeForm(formdata=None) if starting else CodeForm()
    if starting:
        if not FlaskForm().validate_on_submit():
            abort(400)
        secret = codes.start(user)
        db.session.commit()
    elif secret is None:
        return redirect(url_for("codes.account"))
    elif form.validate_on_submit():
        if codes.confirm(user, form.code.data):
            db.session.commit()
            flash(gettext("Sign-in codes are on. Next time, sign-in asks for a code."), "success")
            return redirect(url_for("codes.account"))
        db.session.rollback()
        form.code.errors.append(
            gettext(
                "That code does not match. Check the time on your phone and type the newest code."
            )
        )
    uri = codes.setup_uri(user, secret)
    status = 400 if form.errors else 200
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render_template(
        "accounts/codes_setup.html", form=form, qr=codes.qr_svg(uri), secret=grouped
    ), status


@bp.post("/account/codes/off")
@login_required
def turn_off() -> Response:
    """Turn one's own codes off, with a current code."""
    form = CodeForm()
    user = current_user._get_current_object()
    if form.validate_on_submit() and codes.is_on(user) and codes.use_code(user, form.code.data):
        codes.turn_off(user, by_admin=False)
        db.session.commit()
        flash(gettext("Sign-in codes are off."), "success")
    else:
        db.session.rollback()
        flash(gettext("That code does not match, so codes stay on."), "error")
    return redirect(url_for("codes.account"))


def _pending() -> tuple[User, dict] | None:
    """The account waiting for its code, if its password was right in the last minutes."""
    pending = session.get(CODE_PENDING)
    if not isinstance(pending, dict):
        return None
    user = db.session.get(User, int(pending.get("user", 0)))
    fresh = time.time() - int(pending.get("at", 0)) < CODE_MINUTES * 60
    if not (user and fresh and user.active and user.session_token == pending.get("token")):
        return None
    return user, pending


@bp.route("/signin/code", methods=["GET", "POST"])
def enter() -> str | Response | tuple[str, int]:
    """The second step of a password sign-in: the code, throttled like passwords."""
    found = _pending()
    if found is None:
        session.pop(CODE_PENDING, None)
        if request.method == "POST":
            flash(gettext("Please sign in again: the code was not typed in time."), "info")
        return redirect(url_for("accounts.sign_in"))
    user, pending = found
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        config = current_app.config
        address = request.remote_addr or "unknown"
        note_sign_in_try(user.username, address)
        db.session.commit()  # counted before the check, like a password
        if sign_in_paused(
            user.username, address, config["SIGNIN_MAX_FAILURES"], config["SIGNIN_WINDOW_MINUTES"]
        ):
            audit.record("sign_in_paused", user_id=user.id)
            error = gettext(
                "Too many sign-in attempts. Please wait %(minutes)s minutes and try again.",
                minutes=config["SIGNIN_WINDOW_MINUTES"],
            )
            status = 429
        elif codes.use_code(user, form.code.data):
            session.pop(CODE_PENDING, None)
            return finish_sign_in(user, f"{pending.get('method')}+code", pending.get("next"))
        else:
            audit.record("sign_in_failed", user_id=user.id, reason="code")
            error = gettext("That code does not match. Type the newest code from your app.")
            status = 401
        db.session.commit()
        form.code.errors.append(error)
    elif request.method == "POST":
        status = 400
    return render_template("accounts/sign_in_code.html", form=form), status


@bp.post("/admin/users/<int:user_id>/codes/off")
@role_required("admin")
def admin_off(user_id: int) -> Response:
    """Turn off someone's codes when they lost their phone (recorded in the audit)."""
    user = db.session.get(User, user_id) or abort(404)
    if codes.is_on(user) or user.totp_secret:
        codes.turn_off(user, by_admin=True)
        db.session.commit()
        flash(gettext("Sign-in codes are off for %(name)s.", name=user.display_name), "success")
    return redirect(url_for("accounts.edit_user", user_id=user.id))
