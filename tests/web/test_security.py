"""Security headers on every response, cookie flags, CSRF, and the audit log's guarantees."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, extract_parameters, profiles
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from storyboard import create_app
from storyboard.core.passwords import check_password
from storyboard.services.accounts import dummy_password_hash, hash_password
from storyboard.services.db import db
from storyboard.services.models import AppendOnlyError, AuditEvent
from tests.conftest import PASSWORD, app_config


@pytest.mark.parametrize("path", ["/signin", "/", "/static/css/app.css", "/no-such-page"])
def test_security_headers_everywhere(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_session_cookie_is_httponly_and_samesite(client, auth, make_user):
    make_user("alex")
    response = auth.sign_in("alex")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_pages_request_nothing_from_other_hosts(client, auth, make_user):
    make_user("alex")
    auth.sign_in("alex")
    for path in ["/signin", "/", "/cases/new"]:
        html = client.get(path).get_data(as_text=True)
        assert "http://" not in html and "https://" not in html and "//" + "cdn" not in html


def test_forms_need_a_csrf_token(tmp_path, migrated_sqlite, make_user):
    app = create_app(app_config(tmp_path, migrated_sqlite, WTF_CSRF_ENABLED=True))
    client = app.test_client()
    make_user("alex")
    response = client.post("/signin", data={"username": "alex", "password": PASSWORD})
    assert response.status_code == 400
    assert "needs to be refreshed" in response.get_data(as_text=True)


def test_every_json_error_has_the_one_shape(tmp_path, migrated_sqlite, make_user):
    app = create_app(app_config(tmp_path, migrated_sqlite, WTF_CSRF_ENABLED=True))
    client = app.test_client()
    make_user("alex")
    asks_json = {"Accept": "application/json"}
    # An old form token: a code the page scripts read as "sign in again", not a number.
    expired = client.patch("/api/panels/1", json={"text": "x"}, headers=asks_json)
    assert expired.status_code == 400
    assert expired.get_json() == {"error": "form_expired", "message": expired.get_json()["message"]}
    assert "refreshed" in expired.get_json()["message"]
    missing = client.get("/no/such/page", headers=asks_json)
    assert missing.status_code == 404
    assert missing.get_json()["error"] == "not_found" and missing.get_json()["message"]


def test_no_built_in_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYBOARD_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("STORYBOARD_SECRET_KEY", raising=False)
    app = create_app()
    assert not app.config["SECRET_KEY"]
    assert not (tmp_path / "instance").exists()


def test_audit_log_is_append_only(app):
    with app.app_context():
        db.session.add(AuditEvent(action="test"))
        db.session.commit()
        event = db.session.scalar(db.select(AuditEvent))
        event.action = "changed"
        with pytest.raises(AppendOnlyError):
            db.session.commit()
        db.session.rollback()
        # The database refuses it too, even bypassing the ORM.
        with pytest.raises(DatabaseError):
            db.session.execute(text("UPDATE audit_events SET action = 'x'"))
        db.session.rollback()
        with pytest.raises(DatabaseError):
            db.session.execute(text("DELETE FROM audit_events"))
        db.session.rollback()


def test_request_log_never_shows_tokens():
    import logging

    from storyboard.core.logs import RedactTokens

    record = logging.LogRecord(
        "werkzeug", logging.INFO, __file__, 1, '%s - - "%s" %s',
        ("127.0.0.1", "GET /setup/Zx9-secret_token_value HTTP/1.1", "200"), None,
    )  # fmt: skip
    RedactTokens().filter(record)
    assert "secret_token_value" not in record.getMessage()
    assert "GET /setup/… HTTP/1.1" in record.getMessage()


def test_database_errors_do_not_carry_the_words(app, caplog):
    from sqlalchemy.exc import IntegrityError

    from storyboard.services.models import Panel

    with app.app_context():
        # A panel for a storyboard that does not exist breaks a foreign key.
        db.session.add(Panel(storyboard_id=999, position=0, section="worries", text="Dad hit Mum"))
        with pytest.raises(IntegrityError) as failure:
            db.session.commit()
        db.session.rollback()
    assert "Dad hit Mum" not in str(failure.value)


def test_unexpected_errors_log_only_type_and_place(app, caplog):
    import logging

    @app.get("/boom")
    def boom():  # noqa: ANN202
        raise ValueError("Sam's words that must not be logged")

    with caplog.at_level(logging.ERROR):
        response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "ValueError" in caplog.text and "test_security.py" in caplog.text
    assert "must not be logged" not in caplog.text


def test_behind_a_trusted_proxy_the_client_address_is_used(tmp_path, migrated_sqlite):
    app = create_app(
        app_config(tmp_path, migrated_sqlite, TRUSTED_PROXIES=1, SECURE_COOKIES=True)
    )

    @app.get("/whoami")
    def whoami():  # noqa: ANN202
        from flask import request

        return f"{request.remote_addr} {request.scheme}"

    response = app.test_client().get(
        "/whoami",
        headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )
    assert response.get_data(as_text=True) == "203.0.113.9 https"
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


# --- password hash profiles -----------------------------------------------------------------


def _bare_app(tmp_path, **settings):
    """An app on an untouched SQLite file: hashing needs no tables."""
    config = {"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    return create_app({**config, "INSTANCE_PATH": str(tmp_path / "instance"), **settings})


def test_production_hashes_keep_argon2_cffi_default_parameters(tmp_path):
    with _bare_app(tmp_path).app_context():
        stored = hash_password(PASSWORD)
    assert extract_parameters(stored) == profiles.RFC_9106_LOW_MEMORY
    assert extract_parameters(stored) == extract_parameters(PasswordHasher().hash(PASSWORD))


def test_hashes_from_either_profile_verify_under_the_other(app, tmp_path):
    with app.app_context():  # the test configs' cheap profile
        cheap = hash_password(PASSWORD)
    production = _bare_app(tmp_path)
    with production.app_context():
        strong = hash_password(PASSWORD)
        assert check_password(cheap, PASSWORD) and not check_password(cheap, "wrong")
    with app.app_context():
        assert check_password(strong, PASSWORD) and not check_password(strong, "wrong")
    assert extract_parameters(cheap) == profiles.CHEAPEST


def test_unknown_username_checks_a_hash_of_the_current_profile(app):
    with app.app_context():
        assert extract_parameters(dummy_password_hash()) == profiles.CHEAPEST


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"PASSWORD_HASH_PROFILE": "test-cheap"}, "for tests only"),
        ({"PASSWORD_HASH_PROFILE": "md5", "TESTING": True}, "must be one of"),
    ],
)
def test_a_cheap_or_unknown_profile_is_refused(tmp_path, settings, message):
    with pytest.raises(ValueError, match=message):
        _bare_app(tmp_path, **settings)


def test_over_https_the_session_cookie_is_secure_with_the_host_prefix(tmp_path, migrated_sqlite):
    from storyboard import create_app
    from storyboard.services.accounts import create_user
    from storyboard.services.db import db
    from tests.conftest import app_config

    app = create_app(app_config(tmp_path, migrated_sqlite, SECURE_COOKIES=True))
    with app.app_context():
        create_user("alex", "Alex", PASSWORD, "worker")
        db.session.commit()
    client = app.test_client()
    response = client.post(
        "https://localhost/signin", data={"username": "alex", "password": PASSWORD}
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-storyboard_session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert client.get("https://localhost/").status_code == 200
    with app.app_context():
        db.engine.dispose()
