"""Sessions: Flask-Login, the idle timeout and throttling of repeated failed sign-ins."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from flask import (
    Flask,
    Response,
    flash,
    g,
    has_request_context,
    jsonify,
    redirect,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask_babel import gettext
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect

from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.models import User, utcnow

login_manager = LoginManager()
csrf = CSRFProtect()


def wants_json() -> bool:
    """Return True for requests from our scripts (autosave), which need JSON, not pages.

    Only a client that ranks JSON above HTML gets JSON; `Accept: */*` (curl, a link checker)
    and no Accept header at all get pages, like a browser. A request with a JSON body is a
    script too.
    """
    accept = request.accept_mimetypes
    return request.is_json or accept["application/json"] > accept["text/html"]


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Load the user named in the session if its session token is still current."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        # The account's sessions were ended (sign-out elsewhere, a lost tablet, a new
        # password): this browser must also forget what it kept for them.
        g.sessions_ended = True
        return None
    return user


@login_manager.unauthorized_handler
def unauthorized():  # noqa: ANN201
    """Send people to sign in; scripts get a 401 they can act on without losing text."""
    ended = bool(g.get("sessions_ended"))
    if wants_json():
        message = gettext("Please sign in again.")
        return jsonify(error="signed_out", message=message, forget=ended), 401
    flash(gettext("Please sign in to continue."), "info")
    extra = {"ended": "1"} if ended else {}
    return redirect(url_for("accounts.sign_in", next=request.full_path.rstrip("?"), **extra))


def cross_site_write() -> bool:
    """Whether this request is a POST (or other unsafe method) started by another site.

    Browsers say where a request came from (`Sec-Fetch-Site`; older ones only send `Origin`).
    Such a request arrives without our Lax session cookie, so any cookie its answer set
    would replace the signed-in user's session: another site could sign people out.
    """
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "cross-site"
    origin = request.headers.get("Origin")
    return bool(origin) and origin != request.host_url.rstrip("/")


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, except that another site's POST never sets the cookie."""

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Save as Flask does, unless the request was a write from another site."""
        if cross_site_write():
            return
        super().save_session(app, session, response)


# The storyboard a family-mode tablet is locked to (`web.editor.family_mode`). It outlives
# an idle sign-out and the sign-in after it: only a worker's password unlocks the tablet.
FAMILY_LOCK = "family_mode"
# A worker with no password unlocks it by signing in again at the council's provider: who,
# which storyboard, since when (set by `web/editor/family_mode`, used by `web/auth/oidc`).
FAMILY_UNLOCK = "family_unlock"


def family_lock() -> int | None:
    """The storyboard this browser is locked to in family mode, if any."""
    value = session.get(FAMILY_LOCK)
    return value if isinstance(value, int) else None


def offline_key(user: User) -> str:
    """The key this user's tablet encrypts unsent words with (base64 of 32 bytes).

    Made from the server's secret and the account's session token, so only a session of this
    account is handed it (`/api/session`), another account's key opens nothing, and ending
    the account's sessions (sign-out, a lost tablet, a new password) changes it: words kept
    under the old key can never be read again, and the tablet deletes them at its next
    contact. An idle sign-out keeps the token, so the same person's next sign-in reads them.
    """
    from flask import current_app

    secret = str(current_app.config["SECRET_KEY"]).encode()
    message = f"offline-words:{user.id}:{user.session_token}".encode()
    return base64.b64encode(hmac.new(secret, message, hashlib.sha256).digest()).decode()


def start_session(user: User) -> None:
    """Sign `user` in and start the idle clock (a family-mode lock stays)."""
    lock = family_lock()
    session.clear()
    if lock is not None:
        session[FAMILY_LOCK] = lock
    session.permanent = True
    login_user(user)
    session["seen"] = session["started"] = int(time.time())
    user.last_sign_in_at = utcnow()


def end_session(*, everywhere: bool = False) -> None:
    """Sign out and clear the cookie; `everywhere` also ends the account's other sessions.

    Changing the session token makes every copy of an old cookie useless (a shared tablet, a
    copied cookie), so signing out on purpose ends the account's sessions on its other
    devices too. An idle timeout ends only this one.
    """
    from storyboard.core.passwords import new_token

    if everywhere and current_user.is_authenticated:
        current_user.session_token = new_token(16)
        db.session.commit()
    lock = family_lock()
    logout_user()
    session.clear()
    if lock is not None and not everywhere:
        session[FAMILY_LOCK] = lock


def _check_idle() -> None:
    """Sign out a user idle longer than IDLE_MINUTES, or signed in longer than SESSION_HOURS."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    from flask import current_app

    limit = int(current_app.config["IDLE_MINUTES"]) * 60
    hours = int(current_app.config["SESSION_HOURS"])
    now = int(time.time())
    seen = session.get("seen", now)
    # A session from before sessions had a start counts as too old.
    if now - int(session.get("started", 0)) > hours * 3600:
        end_session()
        flash(
            gettext(
                "You have been signed in for %(hours)s hours, so please sign in again.",
                hours=hours,
            ),
            "info",
        )
        return
    if now - seen > limit:
        end_session()
        flash(gettext("You were signed out because the app was not used for a while."), "info")
        return
    # A page refreshing itself in the background is not someone using the app.
    if request.headers.get("X-Background") != "1":
        session["seen"] = now


def audit_actor() -> tuple[int | None, str | None]:
    """Who the audit log names: the signed-in user (if any) and the client's address."""
    if not has_request_context():
        return None, None
    return (current_user.id if current_user.is_authenticated else None), request.remote_addr


def init_app(app: Flask) -> None:
    """Register sign-in, CSRF protection and the idle check on the app."""
    audit.actor = audit_actor
    app.session_interface = SessionCookies()
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    app.before_request(_check_idle)
