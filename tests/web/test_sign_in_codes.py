"""Sign-in codes (TOTP): turning them on, the code step of sign-in, its limits, and recovery."""

from __future__ import annotations

import logging
import time

import pyotp
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, User
from tests.conftest import PASSWORD


def _user(app, username: str) -> User:  # noqa: ANN001
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        db.session.expunge(user)
        return user


def _actions(app) -> list[str]:  # noqa: ANN001
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _signed_in(client) -> bool:  # noqa: ANN001
    return client.get("/").status_code == 200


def _code(secret: str, steps_ago: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() - 30 * steps_ago)


def turn_on(client) -> str:  # noqa: ANN001
    """Turn codes on from the account page; the secret the page showed."""
    page = client.post("/account/codes", data={"step": "start"})
    assert page.status_code == 200
    soup = BeautifulSoup(page.data, "html.parser")
    assert soup.select_one(".qr svg") is not None  # the QR code, drawn here
    secret = soup.select_one(".secret code").get_text().replace(" ", "")
    # The code of the step before (phones' clocks drift), so the current one stays unused.
    done = client.post("/account/codes", data={"code": _code(secret, steps_ago=1)})
    assert done.status_code == 302 and done.headers["Location"] == "/account"
    return secret


@pytest.fixture
def ann(app, make_user, auth) -> str:  # noqa: ANN001
    """Ann, signed in, with codes turned on; her secret."""
    make_user("ann")
    auth.sign_in("ann")
    secret = turn_on(auth._client)
    auth.sign_out()
    return secret


def test_codes_are_on_only_after_a_right_code(app, client, make_user, auth, caplog):
    caplog.set_level(logging.DEBUG)
    make_user("ann")
    auth.sign_in("ann")
    assert b"Turn on sign-in codes" in client.get("/account").data
    page = client.post("/account/codes", data={"step": "start"})
    secret = BeautifulSoup(page.data, "html.parser").select_one(".secret code").get_text()
    secret = secret.replace(" ", "")
    stored = _user(app, "ann")
    assert stored.totp_secret and secret not in stored.totp_secret  # sealed, not in clear
    assert stored.totp_enabled_at is None
    wrong = client.post("/account/codes", data={"code": "000000"})
    assert wrong.status_code == 400
    assert b"does not match" in wrong.data
    assert _user(app, "ann").totp_enabled_at is None
    # Shown again (a GET changes nothing), then confirmed.
    assert secret[:4].encode() in client.get("/account/codes").data
    assert client.post("/account/codes", data={"code": _code(secret)}).status_code == 302
    assert _user(app, "ann").totp_enabled_at is not None
    assert b"<strong>On.</strong>" in client.get("/account").data
    assert "codes_on" in _actions(app)
    assert secret not in caplog.text


def test_sign_in_asks_for_the_code(app, client, auth, ann):
    answer = auth.sign_in("ann")
    assert answer.headers["Location"] == "/signin/code"
    assert not _signed_in(client)  # a right password alone is not enough
    assert client.post("/signin/code", data={"code": "123456"}).status_code == 401
    assert not _signed_in(client)
    done = client.post("/signin/code", data={"code": _code(ann)})
    assert done.status_code == 302 and done.headers["Location"] == "/"
    assert _signed_in(client)
    assert _actions(app)[-2:] == ["sign_in_failed", "sign_in"]


def test_a_code_signs_in_once(app, client, auth, ann):
    code = _code(ann)
    auth.sign_in("ann")
    assert client.post("/signin/code", data={"code": code}).status_code == 302
    auth.sign_out()
    auth.sign_in("ann")
    assert client.post("/signin/code", data={"code": code}).status_code == 401
    assert not _signed_in(client)


def test_the_code_page_needs_a_right_password_first(client, ann):
    assert client.get("/signin/code").headers["Location"] == "/signin"
    assert client.post("/signin/code", data={"code": _code(ann)}).status_code == 302
    assert not _signed_in(client)


def test_codes_are_throttled_like_passwords(app, client, auth, ann):
    # Each try counts until a right code: the password (1), two codes (3), the password
    # again (4), a code (5); the next try is over the limit of 5, even with a right code.
    app.config["SIGNIN_MAX_FAILURES"] = 5
    auth.sign_in("ann")
    for _ in range(2):
        assert client.post("/signin/code", data={"code": "000000"}).status_code == 401
    # Typing the password again does not reset the count of wrong codes.
    auth.sign_in("ann")
    assert client.post("/signin/code", data={"code": "000000"}).status_code == 401
    paused = client.post("/signin/code", data={"code": _code(ann)})
    assert paused.status_code == 429
    assert not _signed_in(client)


def test_an_admin_turns_codes_off_for_a_lost_phone(app, client, auth, make_user, ann):
    make_user("root", role="admin")
    ann_id = _user(app, "ann").id
    auth.sign_in("root")
    page = client.get(f"/admin/users/{ann_id}")
    assert b"Turn off sign-in codes" in page.data
    assert client.post(f"/admin/users/{ann_id}/codes/off").status_code == 302
    auth.sign_out()
    assert _user(app, "ann").totp_secret is None
    assert "codes_off_by_admin" in _actions(app)
    assert auth.sign_in("ann").headers["Location"] == "/"


def test_one_turns_ones_own_codes_off_with_a_code(app, client, auth, ann):
    auth.sign_in("ann")
    client.post("/signin/code", data={"code": _code(ann)})
    assert client.post("/account/codes/off", data={"code": "000000"}).status_code == 302
    assert _user(app, "ann").totp_enabled_at is not None
    client.post("/account/codes/off", data={"code": _code(ann, steps_ago=-1)})
    assert _user(app, "ann").totp_enabled_at is None


def test_a_sealed_secret_opens_for_its_own_account_only(app, make_user, ann):
    from storyboard.services import codes

    make_user("bea")
    with app.app_context():
        ann_row = db.session.scalar(select(User).where(User.username == "ann"))
        bea = db.session.scalar(select(User).where(User.username == "bea"))
        assert codes.secret_of(ann_row) == ann
        bea.totp_secret, bea.totp_enabled_at = ann_row.totp_secret, ann_row.totp_enabled_at
        assert codes.secret_of(bea) is None  # copied to another row, it does not open
        assert not codes.use_code(bea, _code(ann))


def test_with_local_passwords_off_only_a_break_glass_admin_with_codes_signs_in(
    app, client, auth, make_user
):
    make_user("root", role="admin")
    make_user("lee")
    auth.sign_in("root")
    secret = turn_on(client)
    auth.sign_out()
    app.config.update(LOCAL_PASSWORDS=False, BREAK_GLASS_ADMINS="")
    page = BeautifulSoup(client.get("/signin").data, "html.parser")
    assert page.select("input[type=password]") == []
    refused = client.post("/signin", data={"username": "root", "password": PASSWORD})
    assert refused.status_code == 403
    app.config["BREAK_GLASS_ADMINS"] = "Root"
    page = BeautifulSoup(client.get("/signin").data, "html.parser")
    assert page.select("input[type=password]") == []
    link = page.select_one(".sign-in-emergency a")["href"]
    form = BeautifulSoup(client.get(link).data, "html.parser")
    assert len(form.select("input[type=password]")) == 1
    assert auth.sign_in("lee").status_code == 401  # not a break-glass account
    assert not _signed_in(client)
    assert auth.sign_in("root").headers["Location"] == "/signin/code"
    assert client.post("/signin/code", data={"code": _code(secret)}).status_code == 302
    assert _signed_in(client)
    with app.app_context():
        last = db.session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()))
        assert (last.action, last.details) == ("sign_in", {"method": "break_glass+code"})


def test_a_break_glass_admin_without_codes_is_refused(app, client, auth, make_user):
    make_user("root", role="admin")
    app.config.update(LOCAL_PASSWORDS=False, BREAK_GLASS_ADMINS="root")
    answer = auth.sign_in("root")
    assert answer.status_code == 401
    # Said as a wrong password is (a different answer would confirm the password); the
    # audit log keeps the reason for the admins.
    assert b"do not match an account that can sign in" in answer.data
    assert b"sign-in codes" not in answer.data
    assert not _signed_in(client)
    with app.app_context():
        last = db.session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()))
        assert last.details.get("reason") == "break_glass_needs_codes"
