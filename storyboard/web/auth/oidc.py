"""Single sign-on with the council's OpenID provider (Entra ID or any certified one), by Authlib.

Authorization code flow with PKCE (S256), state and nonce kept in the session by Authlib, the
ID token's signature, issuer, audience, expiry and nonce checked before anything else is read
(`_checked_claims`). Who the person is, and their role, is decided in `services/sso.py`.
"""

from __future__ import annotations

import time

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from authlib.oidc.core import CodeIDToken
from flask import Blueprint, Flask, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user, login_required
from flask_wtf.csrf import validate_csrf
from joserfc.errors import JoseError
from werkzeug.wrappers import Response
from wtforms.validators import ValidationError

from storyboard.services import audit, sso
from storyboard.services.db import db
from storyboard.services.models import Storyboard, User
from storyboard.web.access import role_required
from storyboard.web.public import public_link
from storyboard.web.signin import FAMILY_LOCK, FAMILY_UNLOCK, family_lock, start_session

bp = Blueprint("sso", __name__)
EXTENSION = "storyboard_oidc"
LINK_INTENT = "sso_link"  # the signed-in account that asked to link its council sign-in
NEXT = "sso_next"
# The app's clock, read when an ID token's times are checked (the tests move it).
clock = time.time


class StaffIDToken(CodeIDToken):
    """Authlib's ID token claims for the code flow, checked against our clock."""

    def validate(self, now: int | None = None, leeway: int = 0) -> None:
        """Check every claim (exp, iat, iss, aud, nonce, azp, at_hash) at our time."""
        super().validate(now=int(clock()), leeway=leeway)


def configured(app: Flask | None = None) -> bool:
    """Whether single sign-on is set up (an issuer and a client id)."""
    config = (app or current_app).config
    return bool(config.get("OIDC_ISSUER") and config.get("OIDC_CLIENT_ID"))


def init_app(app: Flask) -> None:
    """Register the provider with Authlib when single sign-on is set up."""
    if not configured(app):
        return
    config = app.config
    sso.check_group_roles(config["OIDC_GROUP_ROLES"])
    issuer = str(config["OIDC_ISSUER"]).rstrip("/")
    discovery = config.get("OIDC_DISCOVERY_URL") or f"{issuer}/.well-known/openid-configuration"
    oauth = OAuth()
    oauth.init_app(app)
    oauth.register(
        "council",
        client_id=config["OIDC_CLIENT_ID"],
        client_secret=config.get("OIDC_CLIENT_SECRET"),
        server_metadata_url=discovery,
        client_kwargs={
            "scope": config["OIDC_SCOPES"],
            "code_challenge_method": "S256",
            # A provider that does not answer fails the sign-in, never holds a worker here.
            "default_timeout": 10,
        },
    )
    app.extensions[EXTENSION] = oauth.council


def _client():  # noqa: ANN202
    client = current_app.extensions.get(EXTENSION)
    if client is None:
        abort(404)
    return client


def _begin(link: bool, again: bool = False) -> Response:
    client = _client()
    session.pop(LINK_INTENT, None)
    if link:
        session[LINK_INTENT] = {"user": current_user.id, "at": int(clock())}
    # To unlock a family-mode tablet, or to link an account, the worker signs in afresh even
    # with a session there: a colleague's session left in the browser must never answer.
    extra = {"prompt": "login", "max_age": 0} if again or link else {}
    try:
        return client.authorize_redirect(public_link("sso.callback"), **extra)
    except requests.RequestException:
        return _failed("unreachable")


@bp.get("/signin/sso")
def start() -> Response:
    """Send the browser to the council's sign-in page."""
    if current_user.is_authenticated:
        if isinstance(session.get(FAMILY_UNLOCK), dict) and configured():
            return _begin(link=False, again=True)
        return redirect(url_for("cases.dashboard"))
    from storyboard.web.auth import safe_next

    session[NEXT] = safe_next(request.args.get("next"))
    return _begin(link=False)


def check_link_token() -> None:
    """A GET that starts a sign-in at the provider carries the page's CSRF token.

    A link, not a form: the form-action 'self' of our CSP stops a form's redirect to another
    host, and a link from another site must not start one for a signed-in worker.
    """
    try:
        validate_csrf(request.args.get("token"))
    except ValidationError:
        abort(400)


@bp.get("/account/sso/link")
@login_required
def link() -> Response:
    """Link the signed-in account to the owner's council sign-in (they sign in there)."""
    if not configured():
        flash(gettext("The council's sign-in is not set up here."), "info")
        return redirect(url_for("codes.account"))
    check_link_token()
    return _begin(link=True)


MESSAGES = {
    "state": lazy_gettext(
        "The sign-in could not be finished: it was started in another window, or it is "
        "too old. Please try again."
    ),
    "token": lazy_gettext(
        "The answer from the council's sign-in could not be trusted, so you were not "
        "signed in. Please try again, and tell your IT service desk if it keeps happening."
    ),
    "unreachable": lazy_gettext(
        "The council's sign-in service could not be reached. Please try again soon."
    ),
    "cancelled": lazy_gettext("The sign-in was cancelled at the council's sign-in page."),
}


def _failed(why: str) -> Response:
    # The error's kind only: a token or a claim could name the person.
    current_app.logger.warning("Single sign-on refused: %s", why)
    audit.record("sign_in_refused", reason=why)
    db.session.commit()
    flash(str(MESSAGES[why]), "error")
    return redirect(url_for("accounts.sign_in"))


def _checked_claims(client) -> dict:  # noqa: ANN001
    """The ID token's claims, after every check, or an exception saying which failed."""
    config = current_app.config
    metadata = client.load_server_metadata()
    issuer = str(config["OIDC_ISSUER"]).rstrip("/")
    if str(metadata.get("issuer", "")).rstrip("/") != issuer:
        raise JoseError("the provider's metadata names another issuer")
    token = client.authorize_access_token(
        claims_cls=StaffIDToken,
        claims_options={
            "iss": {"essential": True, "value": metadata["issuer"]},
            "aud": {"essential": True, "value": config["OIDC_CLIENT_ID"]},
            "exp": {"essential": True},
            "sub": {"essential": True},
        },
        leeway=int(config["OIDC_CLOCK_SKEW_SECONDS"]),
    )
    claims = token.get("userinfo")
    if not claims or not claims.get("nonce"):
        raise JoseError("no checked ID token")  # Authlib checks one only with a nonce
    return dict(claims)


@bp.get("/signin/sso/callback")
def callback() -> Response:
    """Finish the sign-in the provider sends the browser back from."""
    client = _client()
    intent = session.pop(LINK_INTENT, None)
    unlock = session.pop(FAMILY_UNLOCK, None)
    next_url = session.pop(NEXT, None) or url_for("cases.dashboard")
    if request.args.get("error"):
        return _failed("cancelled")
    try:
        claims = _checked_claims(client)
    except OAuthError:
        return _failed("state")
    except JoseError:
        return _failed("token")
    except requests.RequestException:
        return _failed("unreachable")
    if isinstance(unlock, dict) and current_user.is_authenticated:
        return _unlock_family_mode(claims, unlock)
    link_to = None
    if intent is not None:
        if not (isinstance(intent, dict) and current_user.is_authenticated):
            return _failed("state")
        if current_user.id != intent.get("user") or not _fresh(claims, intent):
            return _failed("state")
        link_to = db.session.get(User, current_user.id)
    config = current_app.config
    policy = sso.Policy(
        groups_claim=config["OIDC_GROUPS_CLAIM"],
        group_roles=sso.check_group_roles(config["OIDC_GROUP_ROLES"]),
        create_accounts=bool(config["OIDC_CREATE_ACCOUNTS"]),
    )
    outcome = sso.sign_on(str(claims["iss"]), claims, policy, link_to=link_to)
    if outcome.user is None:
        db.session.commit()
        flash(outcome.message, "error")
        return redirect(url_for("codes.account" if link_to else "accounts.sign_in"))
    user = outcome.user
    start_session(user)
    audit.record("sign_in", user, user_id=user.id, method="sso")
    db.session.commit()
    if link_to is not None:
        flash(gettext("Your council sign-in is linked to this account."), "success")
        return redirect(url_for("codes.account"))
    lock = family_lock()
    if lock is not None:  # a locked tablet goes back to its one storyboard
        return redirect(url_for("editor.edit", storyboard_id=lock))
    return redirect(next_url)


def _fresh(claims: dict, asked: dict) -> bool:
    """Whether the person signed in at the provider after we asked (`asked["at"]`)."""
    skew = int(current_app.config["OIDC_CLOCK_SKEW_SECONDS"])
    return int(claims.get("auth_time") or 0) >= int(asked.get("at", 0)) - skew


def _unlock_family_mode(claims: dict, unlock: dict) -> Response:
    """Leave family mode if the worker who asked signed in again, just now, at the provider."""
    lock = family_lock()
    storyboard = db.session.get(Storyboard, int(unlock.get("storyboard", 0)))
    identity = sso.find_identity(str(claims["iss"]), str(claims["sub"]))
    fresh = _fresh(claims, unlock)
    same = identity is not None and identity.user_id == current_user.id == unlock.get("user")
    if storyboard is None or lock != storyboard.id:
        return redirect(url_for("cases.dashboard"))
    if not (same and fresh):
        audit.record("sign_in_refused", current_user, reason="family_unlock")
        db.session.commit()
        # Shown on family mode's page: a family string, translated in every catalogue.
        flash(
            gettext(
                "Only %(name)s can leave family mode on this tablet.",
                name=current_user.display_name,
            ),
            "error",
        )
        return redirect(url_for("family_mode.leave", storyboard_id=storyboard.id))
    session.pop(FAMILY_LOCK, None)
    audit.record(
        "leave_family_mode", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id
    )
    db.session.commit()
    flash(gettext("Family mode is off."), "success")
    return redirect(url_for("editor.edit", storyboard_id=storyboard.id))


@bp.post("/admin/users/<int:user_id>/sso/unlink")
@role_required("admin")
def unlink(user_id: int) -> Response:
    """Remove an account's link to the council sign-in (linked to the wrong person)."""
    user = db.session.get(User, user_id) or abort(404)
    count = sso.unlink(user)
    db.session.commit()
    flash(
        gettext("%(name)s's council sign-in is no longer linked.", name=user.display_name)
        if count
        else gettext("No link."),
        "success",
    )
    return redirect(url_for("accounts.edit_user", user_id=user.id))
