"""`storyboard serve`: what it refuses to start on, its access log, and graceful restarts."""

from __future__ import annotations

import re
import signal
import socket
import time
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from storyboard.cli import cli
from storyboard.services.db import db
from storyboard.services.models import SignInAttempt
from storyboard.serving import options
from tests.fixtures.servers import Browser, server_env, start, stop, wait_until_up

TOKEN = "MARKERtoken" + "x" * 32  # the shape of a share link's token (43 characters)
# No server listens on port 9 (discard): connecting is refused at once.
NOWHERE = "postgresql+psycopg://storyboard:secret@127.0.0.1:9/storyboard"


@pytest.fixture
def clean_env(tmp_path, monkeypatch):
    """No STORYBOARD_* settings from outside; a fresh instance folder."""
    for name in ("DATABASE_URL", "SECRET_KEY", "PUBLIC_URL"):
        monkeypatch.delenv(f"STORYBOARD_{name}", raising=False)
    monkeypatch.setenv("STORYBOARD_INSTANCE_PATH", str(tmp_path / "instance"))
    return tmp_path / "instance"


def serve(*args: str):  # noqa: ANN201
    return CliRunner().invoke(cli, ["serve", *args])


def test_serve_on_a_database_server_refuses_to_start_without_a_shared_key(clean_env, monkeypatch):
    monkeypatch.setenv("STORYBOARD_DATABASE_URL", NOWHERE)
    result = serve()
    assert result.exit_code == 2
    assert "SECRET_KEY is not set" in result.output
    assert "STORYBOARD_SECRET_KEY" in result.output and "token_hex" in result.output

    # A key generated into this server's own folder is no better: no other server has it.
    clean_env.mkdir(mode=0o700)
    (clean_env / "secret_key").write_text("g" * 64)
    result = serve()
    assert result.exit_code == 2 and "SECRET_KEY is not set" in result.output

    monkeypatch.setenv("STORYBOARD_SECRET_KEY", "short")
    result = serve()
    assert result.exit_code == 2 and "too short" in result.output

    # With a key, it goes on to the database, and says plainly it cannot reach it.
    monkeypatch.setenv("STORYBOARD_SECRET_KEY", "k" * 40)
    result = serve()
    assert result.exit_code == 2 and "Cannot reach the database" in result.output
    assert "secret@" not in result.output  # the URL's password is never printed


def test_serve_refuses_a_database_that_is_not_migrated(clean_env):
    result = serve()
    assert result.exit_code == 2
    assert "Run `storyboard db upgrade`" in result.output


@pytest.mark.parametrize(("cpus", "workers"), [(1, 2), (2, 2), (4, 4), (6, 6), (16, 8)])
def test_default_workers_follow_the_machine(monkeypatch, cpus, workers):
    monkeypatch.setattr(options, "usable_cpus", lambda: cpus)
    assert options.default_workers() == workers


def test_serve_help_says_the_default_number_of_workers():
    result = serve("--help")
    assert result.exit_code == 0
    said = " ".join(result.output.split())
    expected = f"one per processor, at least 2 and at most 8 ({options.default_workers()} on"
    assert expected in said


def test_the_access_log_shows_no_token_query_string_or_header(app, tmp_path):
    server = start(server_env(app.config["DATABASE_URL"], tmp_path / "instance"),
                   tmp_path / "serve.log", "--workers", "1", "--threads", "2")  # fmt: skip
    browser = Browser()
    try:
        wait_until_up(server)
        for path in [
            f"/r/{TOKEN}",
            f"/r/{TOKEN}/recordings/{'a' * 64}.m4a",
            f"/r%2F{TOKEN}",
            f"/r//{TOKEN}",
            f"/setup/{TOKEN}",
            "/api/pictures?q=dad+hit+mum+MARKER",
            "/signin?next=/cases/7%3Fq%3DMARKER",
        ]:
            browser.get(server, path, headers={
                "Referer": f"https://stories.example.test/r/{TOKEN}",
                "User-Agent": "MARKER-agent", "Cookie": "storyboard_session=MARKERcookie",
            })  # fmt: skip
    finally:
        stop(server)
    log = server.output()
    assert len([line for line in log.splitlines() if '"GET /' in line]) == 7, log
    assert "MARKER" not in log
    assert '"GET /r/… HTTP/1.1" 404' in log
    assert '"GET /api/pictures?… HTTP/1.1" 302' in log


def test_term_finishes_the_request_in_hand_and_hup_replaces_the_workers(app, make_user, tmp_path):
    make_user("ann")
    server = start(server_env(app.config["DATABASE_URL"], tmp_path / "instance"),
                   tmp_path / "serve.log", "--workers", "1", "--threads", "1",
                   "--graceful-timeout", "20")  # fmt: skip
    try:
        wait_until_up(server)
        first = booted_workers(server)
        server.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 30
        while len(booted_workers(server)) < len(first) + 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert set(booted_workers(server)) - set(first), "HUP started no new worker"
        browser = Browser()
        token = browser.form_token(server, "/signin")  # the new worker answers

        # A sign-in whose body is half sent when TERM arrives.
        body = urlencode({"username": "ann", "password": "not it", "csrf_token": token}).encode()
        cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        request = (
            f"POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as conn:
            conn.sendall(request + body[:10])
            time.sleep(0.5)  # the worker has the request and waits for the rest of its body
            server.process.send_signal(signal.SIGTERM)
            time.sleep(1.0)
            assert server.process.poll() is None, "the server stopped with a request in hand"
            conn.sendall(body[10:])
            answer = b""
            while chunk := conn.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
        assert b"do not match an account" in answer
        assert server.process.wait(timeout=30) == 0
    finally:
        stop(server)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SignInAttempt)) == 1


def booted_workers(server) -> list[str]:  # noqa: ANN001
    """The process ids of the workers the server started, in order."""
    return re.findall(r"Booting worker with pid: (\d+)", server.output())


def test_every_serve_option_and_deployment_setting_is_documented():
    from pathlib import Path

    from storyboard.core.config import SETTINGS
    from storyboard.serving.commands import serve_command

    root = Path(__file__).resolve().parents[2]
    deploy = (root / "docs" / "deploy.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    for option in serve_command.params:
        flag = option.opts[0]
        assert f"`{flag}`" in deploy and flag in readme, flag
    named = set(re.findall(r"STORYBOARD_([A-Z_]+)=", deploy))
    assert named <= {s.name for s in SETTINGS} | {"INSTANCE_PATH"}
    assert {
        "DATABASE_URL",
        "SECRET_KEY",
        "PUBLIC_URL",
        "SECURE_COOKIES",
        "TRUSTED_PROXIES",
    } <= named
    assert "docs/sso.md" in deploy or "(sso.md)" in deploy


def test_gunicorns_error_log_cuts_tokens_and_query_strings_out_too():
    import logging

    from gunicorn.config import Config

    from storyboard.serving.wsgi import RedactingLogger

    config = Config()
    config.set("accesslog", None)
    logger = RedactingLogger(config)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.error_log.addHandler(handler)
    try:
        # What gunicorn writes when a request fails, and when a request line is malformed.
        logger.error("Error handling request %s", f"/r/{TOKEN}?q=MARKER")
        logger.warning(
            f"Invalid request from ip=10.0.0.1: Invalid HTTP Version 'GET /setup/{TOKEN}'"
        )
    finally:
        logger.error_log.removeHandler(handler)
    lines = [record.getMessage() for record in records]
    assert lines == [
        "Error handling request /r/…?…",
        "Invalid request from ip=10.0.0.1: Invalid HTTP Version 'GET /setup/…'",
    ]
