"""Sign in and out, throttling, idle timeout, the setup link and account management."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from storyboard.services.db import db
from storyboard.services.firstrun import issue_setup_token
from storyboard.services.models import AuditEvent, SetupToken, User, utcnow
from tests.conftest import PASSWORD


def flash_texts(html: bytes) -> list[str]:
    """The messages shown at the top of a page."""
    soup = BeautifulSoup(html, "html.parser")
    return [p.get_text(strip=True) for p in soup.select(".flash")]


def test_sign_in_then_dashboard(client, auth, make_user):
    make_user("alex")
    response = auth.sign_in("alex")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert "My cases" in BeautifulSoup(page.data, "html.parser").h1.get_text()


def test_wrong_password_gets_a_clear_message(client, auth, make_user, app):
    make_user("alex")
    response = auth.sign_in("alex", "not the password")
    assert response.status_code == 401
    assert flash_texts(response.data) == [
        "That username and password do not match an account that can sign in."
    ]
    assert client.get("/").status_code == 302
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "sign_in_failed" in actions


def test_unknown_user_gets_the_same_message(auth):
    response = auth.sign_in("nobody", "whatever password")
    assert response.status_code == 401
    assert "do not match" in flash_texts(response.data)[0]


def test_missing_field_is_named(client):
    response = client.post("/signin", data={"username": "alex"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.select_one("#password-errors").get_text(strip=True) == "This field is required."


def test_repeated_failures_are_throttled(auth, make_user):
    make_user("alex")
    for _ in range(10):
        assert auth.sign_in("alex", "wrong password").status_code == 401
    # Even the right password is refused until the window has passed.
    response = auth.sign_in("alex", PASSWORD)
    assert response.status_code == 429
    assert "Too many sign-in attempts" in flash_texts(response.data)[0]


def test_inactive_account_cannot_sign_in(app, auth, make_user):
    user_id = make_user("alex")
    with app.app_context():
        db.session.get(User, user_id).active = False
        db.session.commit()
    assert auth.sign_in("alex").status_code == 401


def test_sign_out_needs_post_and_ends_session(client, auth, make_user):
    make_user("alex")
    auth.sign_in("alex")
    assert client.get("/signout").status_code == 405
    response = auth.sign_out()
    assert response.headers["Location"] == "/signin"
    assert client.get("/").status_code == 302


def test_idle_session_is_signed_out(client, auth, make_user):
    make_user("alex")
    auth.sign_in("alex")
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 31 * 60
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/signin")
    page = client.get(response.headers["Location"])
    assert "signed out because the app was not used" in flash_texts(page.data)[0]


def test_open_redirect_is_refused(auth, make_user):
    make_user("alex")
    response = auth._client.post(
        "/signin?next=//evil.example/x", data={"username": "alex", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_setup_link_creates_first_admin_once(app, client):
    token = issue_setup_token(app)
    assert token
    form = client.get(f"/setup/{token}")
    assert form.status_code == 200
    data = {
        "display_name": "Pat Admin",
        "username": "pat",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    response = client.post(f"/setup/{token}", data=data)
    assert response.headers["Location"] == "/admin/users"
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.username == "pat"))
        assert admin.role == "admin"
        assert admin.password_hash.startswith("$argon2id$")
        assert PASSWORD not in admin.password_hash
    # The link works once; no further setup links are issued once an account exists.
    assert client.get(f"/setup/{token}").status_code == 404
    assert issue_setup_token(app) is None


@pytest.mark.parametrize("token", ["unknown-token", "a" * 43, "x.y"])
def test_unknown_setup_link_says_it_no_longer_works(client, token):
    response = client.get(f"/setup/{token}")
    assert response.status_code == 404
    assert "no longer works" in response.get_data(as_text=True)


def test_expired_setup_link_no_longer_works(app, client):
    token = issue_setup_token(app)
    with app.app_context():
        db.session.execute(db.update(SetupToken).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert client.get(f"/setup/{token}").status_code == 404


def test_a_new_setup_link_replaces_the_old_one(app, client):
    first = issue_setup_token(app)
    second = issue_setup_token(app)
    assert client.get(f"/setup/{first}").status_code == 404
    assert client.get(f"/setup/{second}").status_code == 200


def test_setup_with_mismatched_passwords_keeps_the_form(app, client):
    token = issue_setup_token(app)
    data = {"display_name": "Pat", "username": "pat", "password": PASSWORD, "confirm": "other"}
    response = client.post(f"/setup/{token}", data=data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.select_one("#confirm-errors").get_text(strip=True) == "The two passwords differ."
    assert soup.select_one("#display_name")["value"] == "Pat"


def test_admin_creates_a_worker_in_a_team(app, client, auth, make_user):
    make_user("root", role="admin")
    manager_id = make_user("meg", role="manager")
    auth.sign_in("root")
    data = {
        "display_name": "Wendy Worker",
        "username": "wendy",
        "role": "worker",
        "manager_id": str(manager_id),
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    response = client.post("/admin/users", data=data)
    assert response.headers["Location"] == "/admin/users"
    with app.app_context():
        wendy = db.session.scalar(select(User).where(User.username == "wendy"))
        assert (wendy.role, wendy.manager_id, wendy.display_name) == (
            "worker",
            manager_id,
            "Wendy Worker",
        )


def test_duplicate_username_is_refused(app, client, auth, make_user):
    make_user("root", role="admin")
    make_user("wendy")
    auth.sign_in("root")
    data = {
        "display_name": "Another",
        "username": "Wendy",
        "role": "worker",
        "manager_id": "0",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    response = client.post("/admin/users", data=data)
    assert response.status_code == 400
    assert "already exists" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 2


def test_deactivating_signs_the_user_out(app, client, auth, make_user):
    make_user("root", role="admin")
    wendy = make_user("wendy")
    other = app.test_client()
    other.post("/signin", data={"username": "wendy", "password": PASSWORD})
    assert other.get("/").status_code == 200
    auth.sign_in("root")
    data = {"display_name": "Wendy", "role": "worker", "manager_id": "0", "password": ""}
    client.post(f"/admin/users/{wendy}", data=data)  # "active" unchecked
    assert other.get("/").status_code == 302


def test_admin_cannot_remove_own_admin_access(app, client, auth, make_user):
    root = make_user("root", role="admin")
    auth.sign_in("root")
    data = {"display_name": "Root", "role": "worker", "manager_id": "0", "active": "y"}
    response = client.post(f"/admin/users/{root}", data=data)
    assert "cannot remove your own administrator access" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, root).role == "admin"


@pytest.mark.parametrize("role", ["worker", "manager"])
def test_only_admins_manage_accounts(client, auth, make_user, role):
    make_user("someone", role=role)
    auth.sign_in("someone")
    assert client.get("/admin/users").status_code == 403


def test_signing_out_makes_a_copied_cookie_useless(app, client, auth, make_user):
    make_user("alex")
    auth.sign_in("alex")
    copied = client.get_cookie("storyboard_session").value
    auth.sign_out()
    thief = app.test_client()
    thief.set_cookie("storyboard_session", copied)
    assert thief.get("/").status_code == 302


def test_background_refreshes_do_not_keep_a_session_alive(client, auth, make_user):
    make_user("alex")
    auth.sign_in("alex")
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 20 * 60
    assert client.get("/", headers={"X-Background": "1"}).status_code == 200
    with client.session_transaction() as session:
        session["seen"] -= 11 * 60
    assert client.get("/").status_code == 302


def test_a_session_ends_after_its_absolute_lifetime_even_when_in_use(client, auth, make_user):
    make_user("alex")
    auth.sign_in("alex")
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        session["started"] = int(time.time()) - 12 * 3600 - 60
        session["seen"] = int(time.time())  # used a moment ago
    response = client.get("/")
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert "signed in for 12 hours" in flash_texts(page.data)[0]
    assert client.get("/").status_code == 302


def test_an_admin_ends_every_session_of_an_account_for_a_lost_tablet(app, make_user):
    make_user("root", role="admin")
    ann = make_user("ann")
    tablet, laptop, admin = app.test_client(), app.test_client(), app.test_client()
    for client, name in ((tablet, "ann"), (laptop, "ann"), (admin, "root")):
        client.post("/signin", data={"username": name, "password": PASSWORD})
    assert tablet.get("/").status_code == 200
    page = admin.get(f"/admin/users/{ann}").get_data(as_text=True)
    assert "End every session" in page
    response = admin.post(f"/admin/users/{ann}/sessions/end", follow_redirects=True)
    assert "Every session of Ann has ended" in flash_texts(response.data)[0]
    for client in (tablet, laptop):
        assert client.get("/").status_code == 302
    assert admin.get("/").status_code == 200  # the admin's own session goes on
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "end_sessions"))
        assert event.object_id == ann
