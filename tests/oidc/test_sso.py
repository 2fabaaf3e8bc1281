"""Single sign-on against a real, certified OpenID provider (tests/oidc/provider.mjs)."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from urllib.parse import urlencode

import pytest
import requests
from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, SsoIdentity, User
from storyboard.web.auth import oidc
from tests.conftest import PASSWORD
from tests.oidc.conftest import (
    CALLBACK,
    CLIENT_ID,
    CLIENT_SECRET,
    OTHER_ID,
    OTHER_SECRET,
    query,
    sso_sign_in,
    start,
    through_provider,
)


def _accounts(app) -> list[tuple[str, str, str]]:  # noqa: ANN001
    with app.app_context():
        rows = db.session.execute(
            select(User.username, User.role, SsoIdentity.subject).join(SsoIdentity)
        )
        return sorted(tuple(r) for r in rows)


def _actions(app) -> list[tuple[str, dict]]:  # noqa: ANN001
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [(e.action, e.details or {}) for e in events]


def _flash(client) -> str:  # noqa: ANN001
    page = client.get("/signin")
    return BeautifulSoup(page.data, "html.parser").select_one(".flashes").get_text(" ", strip=True)


def _signed_in(client) -> bool:  # noqa: ANN001
    return client.get("/").status_code == 200


def test_a_first_sign_in_makes_the_account_from_the_groups(app, client, oidc_provider):
    to_provider = start(client)
    asked = query(to_provider)
    # The code flow with PKCE (S256), a state and a nonce; the provider refuses no PKCE.
    assert asked["response_type"] == "code" and asked["code_challenge_method"] == "S256"
    assert asked["state"] and asked["nonce"] and asked["redirect_uri"] == CALLBACK
    back = through_provider(to_provider, "sub-ann")
    answer = client.get(back)
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    assert _signed_in(client)
    assert _accounts(app) == [("ann@council.example", "worker", "sub-ann")]
    with app.app_context():
        identity = db.session.scalar(select(SsoIdentity))
        assert identity.issuer == oidc_provider.issuer
        assert identity.user.display_name == "Ann Lee"
    actions = _actions(app)
    assert [a for a, _ in actions] == ["create_user", "sso_linked", "sign_in"]
    assert actions[-1][1] == {"method": "sso"}
    assert "Ann" not in repr(actions)  # ids only in the audit


def test_the_same_email_with_another_subject_is_another_account(app, client):
    assert sso_sign_in(client, "sub-ann").status_code == 302
    client.post("/signout")
    assert sso_sign_in(client, "sub-ann-twin").status_code == 302
    assert _accounts(app) == [
        ("ann@council.example", "worker", "sub-ann"),
        ("ann@council.example-2", "worker", "sub-ann-twin"),
    ]
    client.post("/signout")
    # And the first Ann is still herself.
    sso_sign_in(client, "sub-ann")
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(User)) == 2


def test_the_role_follows_the_groups_at_each_sign_in(app, client):
    sso_sign_in(client, "sub-meg")  # in the workers' and the managers' groups
    assert _accounts(app) == [("meg@council.example", "manager", "sub-meg")]
    client.post("/signout")
    with app.app_context():
        meg = db.session.scalar(select(User))
        meg.role = "admin"  # changed here: the groups win at the next sign-in
        db.session.commit()
    sso_sign_in(client, "sub-meg")
    assert _accounts(app) == [("meg@council.example", "manager", "sub-meg")]
    edits = [d for a, d in _actions(app) if a == "edit_user"]
    assert edits == [{"role": "manager", "active": True, "role_from": "admin",
                      "team_from": None, "team_to": None}]  # fmt: skip


def test_someone_in_no_mapped_group_is_refused(app, client):
    answer = sso_sign_in(client, "sub-finance")
    assert answer.headers["Location"] == "/signin"
    assert "not in a group that may use this app" in _flash(client)
    assert not _signed_in(client)
    assert _accounts(app) == []
    assert ("sign_in_refused", {"reason": "no_role"}) in _actions(app)


def test_taken_out_of_every_group_ends_the_accounts_sessions(app, client):
    sso_sign_in(client, "sub-ann")
    assert _signed_in(client)
    # The council takes Ann out of the app's groups: her next sign-in anywhere is refused,
    # and the session still open on this tablet ends with it.
    app.config["OIDC_GROUP_ROLES"] = {}
    elsewhere = app.test_client()
    sso_sign_in(elsewhere, "sub-ann")
    assert "not in a group that may use this app" in _flash(elsewhere)
    assert not _signed_in(elsewhere)
    assert not _signed_in(client)


def test_a_turned_off_account_is_refused(app, client):
    sso_sign_in(client, "sub-ann")
    client.post("/signout")
    with app.app_context():
        db.session.scalar(select(User)).active = False
        db.session.commit()
    sso_sign_in(client, "sub-ann")
    assert "turned off" in _flash(client)
    assert not _signed_in(client)


def test_without_account_making_only_linked_accounts_sign_in(app, client, make_user):
    app.config["OIDC_CREATE_ACCOUNTS"] = False
    sso_sign_in(client, "sub-ann")
    assert "No account here is linked" in _flash(client)
    assert _accounts(app) == []
    # Lee signs in with her password and links her council sign-in herself.
    make_user("lee")
    assert client.post("/signin", data={"username": "lee", "password": PASSWORD}).status_code == 302
    page = BeautifulSoup(client.get("/account").data, "html.parser")
    link = page.select_one("#sso-link")["href"]
    assert client.get("/account/sso/link").status_code == 400  # a link from elsewhere
    # Linking asks the provider for a fresh sign-in: a colleague's session left in this
    # browser must never be the identity tied to Lee's account.
    asked = query(client.get(link).headers["Location"])
    assert (asked["prompt"], asked["max_age"]) == ("login", "0")
    linked = sso_sign_in(client, "sub-ann", path=link)
    assert linked.headers["Location"] == "/account"
    assert _accounts(app) == [("lee", "worker", "sub-ann")]
    client.post("/signout")
    sso_sign_in(client, "sub-ann")
    assert _signed_in(client)
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(User)) == 1


def test_a_replayed_state_is_refused(app, client):
    back = through_provider(start(client), "sub-ann")
    assert client.get(back).status_code == 302
    assert _signed_in(client)
    client.post("/signout")
    replayed = client.get(back)  # the same state and code again
    assert replayed.headers["Location"] == "/signin"
    assert "started in another window, or it is too old" in _flash(client)
    assert not _signed_in(client)
    assert [a for a, _ in _actions(app)].count("sign_in") == 1


def test_a_state_from_another_browser_is_refused(app, client):
    back = through_provider(start(client), "sub-ann")
    other = app.test_client()
    assert other.get(back).headers["Location"] == "/signin"
    assert not _signed_in(other)
    assert ("sign_in_refused", {"reason": "state"}) in _actions(app)


def test_an_expired_id_token_is_refused(app, client, monkeypatch):
    # Our clock an hour ahead of the provider's: its ten-minute ID token has expired.
    monkeypatch.setattr(oidc, "clock", lambda: time.time() + 3600)
    sso_sign_in(client, "sub-ann")
    assert "could not be trusted" in _flash(client)
    assert not _signed_in(client)
    assert _accounts(app) == []
    monkeypatch.setattr(oidc, "clock", time.time)
    sso_sign_in(client, "sub-ann")
    assert _signed_in(client)


def _tokens_for(client_id: str, secret: str, nonce: str, login: str) -> dict:
    """A real token answer from the provider to `client_id`, for the nonce our app sent."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    issuer = requests.get(
        oidc_issuer_url["value"] + "/.well-known/openid-configuration", timeout=10
    ).json()
    params = {
        "client_id": client_id, "response_type": "code", "scope": "openid profile email",
        "redirect_uri": CALLBACK, "state": "x", "nonce": nonce,
        "code_challenge": challenge.decode(), "code_challenge_method": "S256",
    }  # fmt: skip
    back = through_provider(f"{issuer['authorization_endpoint']}?{urlencode(params)}", login)
    answer = requests.post(
        issuer["token_endpoint"],
        data={"grant_type": "authorization_code", "code": query(back)["code"],
              "redirect_uri": CALLBACK, "code_verifier": verifier},
        auth=(client_id, secret),
        timeout=10,
    )  # fmt: skip
    assert answer.status_code == 200, answer.text
    return answer.json()


oidc_issuer_url: dict[str, str] = {}


@pytest.mark.parametrize(
    ("client_id", "secret", "signed_in"),
    [(OTHER_ID, OTHER_SECRET, False), (CLIENT_ID, CLIENT_SECRET, True)],
    ids=["another-apps-token-refused", "our-own-token-accepted"],
)
def test_an_id_token_for_another_app_is_refused(
    app, client, oidc_provider, monkeypatch, client_id, secret, signed_in
):
    oidc_issuer_url["value"] = oidc_provider.issuer
    to_provider = start(client)
    asked = query(to_provider)
    # A genuine ID token from the same provider, with our nonce, issued to `client_id`:
    # it arrives in place of the answer to our own code.
    tokens = _tokens_for(client_id, secret, asked["nonce"], "sub-ann")
    from authlib.integrations.flask_client import FlaskOAuth2App

    monkeypatch.setattr(FlaskOAuth2App, "fetch_access_token", lambda self, **kw: dict(tokens))
    client.get(f"{CALLBACK}?{urlencode({'state': asked['state'], 'code': 'ignored'})}")
    assert _signed_in(client) is signed_in
    if not signed_in:
        assert "could not be trusted" in _flash(client)
        assert _accounts(app) == []
        assert ("sign_in_refused", {"reason": "token"}) in _actions(app)


def test_with_local_passwords_off_only_the_council_sign_in_is_offered(app, client, make_user):
    make_user("lee")
    app.config["LOCAL_PASSWORDS"] = False
    page = BeautifulSoup(client.get("/signin").data, "html.parser")
    assert page.select_one("#sso-sign-in").get_text(strip=True) == "Sign in with Test Council"
    assert page.select("input[type=password]") == []
    refused = client.post("/signin", data={"username": "lee", "password": PASSWORD})
    assert refused.status_code == 403
    assert not _signed_in(client)
    sso_sign_in(client, "sub-ann")
    assert _signed_in(client)


def test_with_local_passwords_on_both_ways_are_offered(client):
    page = BeautifulSoup(client.get("/signin").data, "html.parser")
    assert page.select_one("#sso-sign-in")["href"].startswith("/signin/sso")
    assert len(page.select("input[type=password]")) == 1


def test_a_locked_family_tablet_goes_back_to_its_storyboard(client):
    with client.session_transaction() as session:
        session["family_mode"] = 5  # locked (the lock outlives an idle sign-out)
    answer = sso_sign_in(client, "sub-ann")
    assert answer.headers["Location"] == "/storyboards/5"


def test_a_provider_that_cannot_be_reached_is_said_so(tmp_path, migrated_sqlite, oidc_provider):
    from storyboard import create_app
    from tests.conftest import app_config

    settings = {**oidc_provider.settings(), "OIDC_ISSUER": "http://127.0.0.1:9"}  # nothing there
    app = create_app(app_config(tmp_path, migrated_sqlite, **settings))
    client = app.test_client()
    answer = client.get("/signin/sso")
    assert answer.headers["Location"] == "/signin"
    assert "could not be reached" in _flash(client)
    with app.app_context():
        db.engine.dispose()


def _unlock_at_provider(client, story: int, login: str) -> str:  # noqa: ANN001
    """Ask to leave family mode by signing in again; where the app sends the browser back."""
    page = BeautifulSoup(client.get(f"/storyboards/{story}/family-mode/leave").data, "html.parser")
    asked = client.get(page.select_one("#leave-with-sso")["href"])
    assert asked.headers["Location"] == "/signin/sso"
    to_provider = start(client)
    assert query(to_provider)["prompt"] == "login"  # afresh, even with a session there
    return client.get(through_provider(to_provider, login)).headers["Location"]


def test_a_worker_with_no_password_leaves_family_mode_by_signing_in_again(
    app, client, make_case, make_storyboard
):
    sso_sign_in(client, "sub-ann")
    with app.app_context():
        ann = db.session.scalar(select(User.id))
    story = make_storyboard(make_case("CR-9", ann))
    client.post(f"/storyboards/{story}/family-mode")
    assert client.get("/").status_code == 403  # locked to the story
    leave = client.get(f"/storyboards/{story}/family-mode/leave")
    assert b"Leave family mode with Test Council" in leave.data
    assert client.get(f"/storyboards/{story}/family-mode/leave/sso").status_code == 400
    # Someone else at the provider does not unlock it.
    assert (
        _unlock_at_provider(client, story, "sub-meg") == f"/storyboards/{story}/family-mode/leave"
    )
    assert client.get("/").status_code == 403
    assert _unlock_at_provider(client, story, "sub-ann") == f"/storyboards/{story}"
    assert client.get("/").status_code == 200
    assert [a for a, _ in _actions(app)][-2:] == ["sign_in_refused", "leave_family_mode"]
