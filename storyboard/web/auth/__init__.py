"""Accounts: sign in and out, the first-run setup link, and account management for admins."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

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
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from storyboard.core.passwords import check_password, new_token, token_digest
from storyboard.services import audit, codes, leavers
from storyboard.services.accounts import (
    create_user,
    dummy_password_hash,
    hash_password,
    username_taken,
)
from storyboard.services.db import db
from storyboard.services.limits import (
    account_key,
    note_sign_in_try,
    sign_in_paused,
    sign_in_succeeded,
)
from storyboard.services.models import SetupToken, User, utcnow
from storyboard.services.team_changes import NEW_ACCOUNT, AccountState, record_account_change
from storyboard.web.access import role_required
from storyboard.web.auth import oidc
from storyboard.web.auth.forms import EditUserForm, SetupForm, SignInForm, UserForm
from storyboard.web.signin import end_session, family_lock, start_session

bp = Blueprint("accounts", __name__)


def safe_next(target: str | None) -> str:
    """Only follow `next` to a path on this site."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("cases.dashboard")


# Between a right password and a right code: who, which session, since when, and where to.
CODE_PENDING = "code_pending"
CODE_MINUTES = 5


def break_glass_names() -> set[str]:
    """The accounts (by `account_key`) that may use a password while LOCAL_PASSWORDS is off."""
    names = str(current_app.config.get("BREAK_GLASS_ADMINS") or "")
    return {account_key(n) for n in names.split(",") if n.strip()}


def finish_sign_in(user: User, method: str, next_url: str | None) -> Response:
    """Start the session of an account that passed every check, and go where it was going."""
    sign_in_succeeded(user.username, request.remote_addr or "unknown")
    start_session(user)
    audit.record("sign_in", user, user_id=user.id, method=method)
    db.session.commit()
    lock = family_lock()
    if lock is not None:  # a locked tablet goes back to its one storyboard
        return redirect(url_for("editor.edit", storyboard_id=lock))
    return redirect(safe_next(next_url))


def _password_passed(user: User) -> Response | str:
    """A right password: a code next when codes are on, else signed in; or a refusal."""
    local = bool(current_app.config["LOCAL_PASSWORDS"])
    method = "password"
    if not local:
        if account_key(user.username) not in break_glass_names() or user.role != "admin":
            audit.record("sign_in_failed", user_id=user.id, reason="local_passwords_off")
            return FAILED
        if not codes.is_on(user):
            # The same answer as a wrong password: a different one would say this one is right.
            audit.record("sign_in_failed", user_id=user.id, reason="break_glass_needs_codes")
            return FAILED
        method = "break_glass"
    if codes.is_on(user):
        session[CODE_PENDING] = {
            "user": user.id,
            "token": user.session_token,
            "at": int(time.time()),
            "next": request.args.get("next"),
            "method": method,
        }
        db.session.commit()
        return redirect(url_for("codes.enter"))
    return finish_sign_in(user, method, request.args.get("next"))


FAILED = "That username and password do not match an account that can sign in."


@bp.route("/signin", methods=["GET", "POST"])
def sign_in() -> str | Response | tuple[str, int]:
    """Sign in with username and password, throttling repeated failures."""
    if current_user.is_authenticated:
        return redirect(url_for("cases.dashboard"))
    config = current_app.config
    local = bool(config["LOCAL_PASSWORDS"])
    emergency = not local and bool(break_glass_names())
    page = {
        "sso_name": config["OIDC_PROVIDER_NAME"] if oidc.configured() else None,
        "show_form": local or (emergency and request.args.get("local") == "1"),
        "emergency": emergency,
    }
    form = SignInForm()
    status = 200
    if request.method == "POST" and not local and not emergency:
        flash("Signing in with a password is turned off here: use the button below.", "error")
        return render_template("accounts/sign_in.html", form=form, **page), 403
    if form.validate_on_submit():
        username = form.username.data.strip()
        address = request.remote_addr or "unknown"
        error = None
        note_sign_in_try(username, address)
        db.session.commit()  # counted before the check, for tries arriving at the same moment
        if sign_in_paused(
            username, address, config["SIGNIN_MAX_FAILURES"], config["SIGNIN_WINDOW_MINUTES"]
        ):
            error = (
                "Too many sign-in attempts. Please wait "
                f"{config['SIGNIN_WINDOW_MINUTES']} minutes and try again."
            )
            status = 429
            account = db.session.scalar(
                select(User.id).where(db.func.lower(User.username) == username.lower())
            )
            audit.record("sign_in_paused", user_id=account)
        else:
            user = db.session.scalar(
                select(User).where(db.func.lower(User.username) == username.lower())
            )
            ok = check_password(
                user.password_hash if user else dummy_password_hash(), form.password.data
            )
            if user is None or not ok or not user.active:
                error = FAILED
                status = 401
                audit.record("sign_in_failed", user_id=user.id if user else None)
            else:
                passed = _password_passed(user)
                if not isinstance(passed, str):
                    return passed
                error, status = passed, 401
        db.session.commit()
        flash(error, "error")
    elif request.method == "POST":
        status = 400
    return render_template("accounts/sign_in.html", form=form, **page), status


@bp.post("/signout")
@login_required
def sign_out() -> Response:
    """Sign out (a POST with a CSRF token, so no other site can sign people out)."""
    audit.record("sign_out", current_user)
    db.session.commit()
    end_session(everywhere=True)
    flash("You are signed out.", "info")
    return redirect(url_for("accounts.sign_in"))


def _valid_setup_token(token: str) -> SetupToken | None:
    """Return the unused, unexpired setup token matching `token`."""
    row = db.session.scalar(select(SetupToken).where(SetupToken.token_hash == token_digest(token)))
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        return None
    if db.session.scalar(select(User.id).limit(1)) is not None:
        return None
    return row


@bp.route("/setup/<token>", methods=["GET", "POST"])
def setup(token: str) -> str | Response | tuple[str, int]:
    """Create the first administrator from the one-time link printed on first start."""
    row = _valid_setup_token(token)
    if row is None:
        return render_template("accounts/setup_invalid.html"), 404
    form = SetupForm()
    if form.validate_on_submit():
        user = create_user(
            form.username.data.strip(), form.display_name.data.strip(), form.password.data, "admin"
        )
        row.used_at = utcnow()
        db.session.flush()
        audit.record("setup_admin", user, user_id=user.id)
        start_session(user)
        db.session.commit()
        flash("Your administrator account is ready. Next, create accounts for workers.", "success")
        return redirect(url_for("accounts.users"))
    return render_template("accounts/setup.html", form=form), 400 if form.errors else 200


def _manager_choices() -> list[tuple[int, str]]:
    """Managers an account can belong to, for the team field."""
    managers = db.session.scalars(
        select(User)
        .where(User.role == "manager", User.active.is_(True))
        .order_by(User.display_name)
    )
    return [(0, "No team")] + [(m.id, m.display_name) for m in managers]


@bp.route("/admin/users", methods=["GET", "POST"])
@role_required("admin")
def users() -> str | Response | tuple[str, int]:
    """List accounts and create new ones."""
    form = UserForm()
    form.manager_id.choices = _manager_choices()
    if form.validate_on_submit():
        username = form.username.data.strip()
        if username_taken(username):
            form.username.errors.append("An account with this username already exists.")
        else:
            user = create_user(
                username,
                form.display_name.data.strip(),
                form.password.data,
                form.role.data,
                form.manager_id.data or None,
            )
            db.session.flush()
            record_account_change("create_user", user, NEW_ACCOUNT)
            db.session.commit()
            flash(f"Account {user.username} created.", "success")
            return redirect(url_for("accounts.users"))
    everyone = db.session.scalars(select(User).order_by(User.role, User.display_name)).all()
    status = 400 if form.errors else 200
    return render_template(
        "accounts/users.html", form=form, users=everyone, orphans=leavers.cases_without_anyone()
    ), status


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@role_required("admin")
def edit_user(user_id: int) -> str | Response | tuple[str, int]:
    """Change an account's name, role, team, status or password."""
    user = db.session.get(User, user_id) or abort(404)
    form = EditUserForm(obj=user)
    form.manager_id.choices = [c for c in _manager_choices() if c[0] != user.id]
    hand_over_needed = leavers.needs_hand_over(user)
    form.hand_to.choices = [(0, "Choose a colleague")] + [
        (u.id, f"{u.display_name} ({'their manager' if u.id == user.manager_id else u.role})")
        for u in leavers.takers(user)
    ]
    if request.method == "GET":
        form.manager_id.data = user.manager_id or 0
    if form.validate_on_submit():
        error = None
        if user.id == current_user.id and (form.role.data != "admin" or not form.active.data):
            error = "You cannot remove your own administrator access."
        leaving = hand_over_needed and not form.active.data
        if leaving and user.active and not error and not form.hand_to.data:
            error = (
                f"Choose who takes over {user.display_name}'s cases before turning the account "
                "off, so no family is left without a worker."
            )
            form.hand_to.errors = [error]
        # An account turned off earlier, its cases left behind, can hand them over now.
        taker = db.session.get(User, form.hand_to.data or 0) if leaving and not error else None
        if error:
            flash(error, "error")
        else:
            signs_out = form.password.data or (user.active and not form.active.data)
            before = AccountState.of(user)
            user.display_name = form.display_name.data.strip()
            user.role = form.role.data
            user.manager_id = form.manager_id.data or None
            user.active = form.active.data
            if form.password.data:
                user.password_hash = hash_password(form.password.data)
            if signs_out:
                user.session_token = new_token(16)
            record_account_change("edit_user", user, before)
            handed = ""
            if taker is not None:
                try:
                    cases, team = leavers.hand_over(user, taker)
                except leavers.HandOverError as refused:
                    db.session.rollback()
                    form.hand_to.errors = [refused.message]
                    return render_template(
                        "accounts/edit_user.html", form=form, user=user, hand_over=True
                    ), 400
                handed = f" {cases} case(s)" + (f" and a team of {team}" if team else "")
                handed += f" now belong to {taker.display_name}."
            db.session.commit()
            flash(f"Account {user.username} saved.{handed}", "success")
            return redirect(url_for("accounts.users"))
    status = 400 if form.errors else 200
    return render_template(
        "accounts/edit_user.html", form=form, user=user, hand_over=hand_over_needed
    ), status


@bp.post("/admin/users/<int:user_id>/sessions/end")
@role_required("admin")
def end_sessions(user_id: int) -> Response:
    """End every session of an account at once (a lost tablet, a shared password)."""
    user = db.session.get(User, user_id) or abort(404)
    user.session_token = new_token(16)
    audit.record("end_sessions", user)
    db.session.commit()
    flash(
        f"Every session of {user.display_name} has ended: each of their devices must sign in "
        "again.",
        "success",
    )
    return redirect(url_for("accounts.edit_user", user_id=user.id))
