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
from flask_babel import gettext, ngettext
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
from storyboard.web.auth.forms import EditUserForm, SetupForm, SignInForm, UserForm, role_words
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
            return failed()
        if not codes.is_on(user):
            # The same answer as a wrong password: a different one would say this one is right.
            audit.record("sign_in_failed", user_id=user.id, reason="break_glass_needs_codes")
            return failed()
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


def failed() -> str:
    """The one refusal for a wrong username, a wrong password or an account turned off."""
    return gettext("That username and password do not match an account that can sign in.")


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
        flash(
            gettext("Signing in with a password is turned off here: use the button below."),
            "error",
        )
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
            error = gettext(
                "Too many sign-in attempts. Please wait %(minutes)s minutes and try again.",
                minutes=config["SIGNIN_WINDOW_MINUTES"],
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
                error = failed()
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
    flash(gettext("You are signed out."), "info")
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
        flash(
            gettext("Your administrator account is ready. Next, create accounts for workers."),
            "success",
        )
        return redirect(url_for("accounts.users"))
    return render_template("accounts/setup.html", form=form), 400 if form.errors else 200


def _manager_choices() -> list[tuple[int, str]]:
    """Managers an account can belong to, for the team field."""
    managers = db.session.scalars(
        select(User)
        .where(User.role == "manager", User.active.is_(True))
        .order_by(User.display_name)
    )
    return [(0, gettext("No team"))] + [(m.id, m.display_name) for m in managers]


def _taker_words(user: User, their_manager: bool) -> str:
    """A colleague who could take over the cases: "Meg (their manager)", "Sam (worker)"."""
    if their_manager:
        return gettext("%(name)s (their manager)", name=user.display_name)
    return gettext("%(name)s (%(role)s)", name=user.display_name, role=role_words(user.role))


def _handed_words(username: str, cases: int, team: int, taker: str) -> str:
    """The account saved, and what it handed over to whom."""
    if team:
        return ngettext(
            "Account %(username)s saved. %(num)d case and a team of %(team)s now belong to "
            "%(taker)s.",
            "Account %(username)s saved. %(num)d cases and a team of %(team)s now belong to "
            "%(taker)s.",
            cases,
            username=username,
            team=team,
            taker=taker,
        )
    return ngettext(
        "Account %(username)s saved. %(num)d case now belongs to %(taker)s.",
        "Account %(username)s saved. %(num)d cases now belong to %(taker)s.",
        cases,
        username=username,
        taker=taker,
    )


@bp.route("/admin/users", methods=["GET", "POST"])
@role_required("admin")
def users() -> str | Response | tuple[str, int]:
    """List accounts and create new ones."""
    form = UserForm()
    form.manager_id.choices = _manager_choices()
    if form.validate_on_submit():
        username = form.username.data.strip()
        if username_taken(username):
            form.username.errors.append(gettext("An account with this username already exists."))
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
            flash(gettext("Account %(username)s created.", username=user.username), "success")
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
    form.hand_to.choices = [(0, gettext("Choose a colleague"))] + [
        (u.id, _taker_words(u, u.id == user.manager_id)) for u in leavers.takers(user)
    ]
    if request.method == "GET":
        form.manager_id.data = user.manager_id or 0
    if form.validate_on_submit():
        error = None
        if user.id == current_user.id and (form.role.data != "admin" or not form.active.data):
            error = gettext("You cannot remove your own administrator access.")
        leaving = hand_over_needed and not form.active.data
        if leaving and user.active and not error and not form.hand_to.data:
            error = gettext(
                "Choose who takes over %(name)s's cases before turning the account "
                "off, so no family is left without a worker.",
                name=user.display_name,
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
            saved = gettext("Account %(username)s saved.", username=user.username)
            if taker is not None:
                try:
                    cases, team = leavers.hand_over(user, taker)
                except leavers.HandOverError as refused:
                    db.session.rollback()
                    form.hand_to.errors = [refused.message]
                    return render_template(
                        "accounts/edit_user.html", form=form, user=user, hand_over=True
                    ), 400
                saved = _handed_words(user.username, cases, team, taker.display_name)
            db.session.commit()
            flash(saved, "success")
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
        gettext(
            "Every session of %(name)s has ended: each of their devices must sign in again.",
            name=user.display_name,
        ),
        "success",
    )
    return redirect(url_for("accounts.edit_user", user_id=user.id))


@bp.app_context_processor
def account_words() -> dict:
    """Let any page say an account's role in words."""
    return {"role_words": role_words}
