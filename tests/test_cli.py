"""The `storyboard` command: first start, accounts, migrations, and no side effects elsewhere."""

from __future__ import annotations

import hashlib
import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select, text

from storyboard.cli import cli
from storyboard.services.models import User

STORYBOARD = str(Path(sys.executable).with_name("storyboard"))


@pytest.fixture
def instance(tmp_path, monkeypatch) -> Path:
    """A fresh instance folder named by STORYBOARD_INSTANCE_PATH (not created yet)."""
    path = tmp_path / "instance"
    monkeypatch.setenv("STORYBOARD_INSTANCE_PATH", str(path))
    for name in ("STORYBOARD_DATABASE_URL", "STORYBOARD_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    return path


def free_port() -> int:
    """A TCP port nobody is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_first_run_prints_a_working_setup_link(instance):
    port = free_port()
    process = subprocess.Popen(
        [STORYBOARD, "run", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=os.environ.copy(),
    )
    try:
        link = None
        # First start migrates a new database: generous, as other tests may share the cores.
        deadline = time.monotonic() + 90
        while link is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            found = re.search(rf"http://127\.0\.0\.1:{port}/setup/[A-Za-z0-9_-]{{40,}}", line)
            link = found.group(0) if found else None
        assert link, "no setup link printed"
        for _ in range(200):
            try:
                with urllib.request.urlopen(link, timeout=5) as response:  # noqa: S310
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "Create the first administrator" in page
    finally:
        process.terminate()
        process.wait(timeout=10)
    key = instance / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text().strip()) == 64
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    assert (instance / "storyboard.sqlite3").exists()


def test_db_upgrade_and_create_user(instance):
    runner = CliRunner()
    result = runner.invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (instance / "storyboard.sqlite3").exists()
    assert (instance / "secret_key").exists()
    result = runner.invoke(
        cli,
        ["create-user", "--username", "wendy", "--name", "Wendy Worker", "--role", "worker"],
        input="a long enough password\na long enough password\n",
    )
    assert result.exit_code == 0, result.output
    engine = create_engine(f"sqlite:///{instance / 'storyboard.sqlite3'}")
    with engine.connect() as conn:
        row = conn.execute(select(User.username, User.role)).one()
    engine.dispose()
    assert tuple(row) == ("wendy", "worker")


def test_create_user_refuses_a_short_password(instance):
    runner = CliRunner()
    runner.invoke(cli, ["db", "upgrade"])
    result = runner.invoke(
        cli,
        ["create-user", "--username", "w", "--name", "W", "--role", "admin", "--password", "short"],
    )
    assert result.exit_code == 2
    assert "at least 12 characters" in result.output


def test_commands_without_a_database_create_nothing(instance):
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("run", "db", "create-user"):
        assert name in result.output
    assert not instance.exists()


FIXTURE = Path(__file__).parent / "fixtures" / "sam-12.json"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(FIXTURE)],
        ["check", str(FIXTURE)],
        ["render", str(FIXTURE), "--format", "html", "--out", "{out}"],
    ],
)
def test_file_commands_create_no_instance(instance, tmp_path, args):
    args = [a.replace("{out}", str(tmp_path / "out")) for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert not instance.exists()
    if args[0] == "render":
        assert list((tmp_path / "out").glob("*.html"))


def test_db_upgrade_moves_old_photo_files_into_the_database(instance):
    runner = CliRunner()
    result = runner.invoke(cli, ["db", "upgrade", "4a1c2e9b7d10"])  # before the blob store
    assert result.exit_code == 0, result.output
    data = b"\x89PNG\r\n\x1a\n a photo as an older version kept it"
    sha = hashlib.sha256(data).hexdigest()
    (instance / "images").mkdir()
    (instance / "images" / f"{sha}.png").write_bytes(data)
    engine = create_engine(f"sqlite:///{instance / 'storyboard.sqlite3'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.execute(
            text(
                "INSERT INTO images (storyboard_id, sha256, media_type, width, height, "
                "byte_size, kind, created_at) VALUES (1, :s, 'image/png', 1, 1, 1, 'photo', "
                "CURRENT_TIMESTAMP)"
            ),
            {"s": sha},
        )
    result = runner.invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT data FROM blobs WHERE sha256 = :s"), {"s": sha}).scalar()
    engine.dispose()
    assert kept == data
    assert not (instance / "images").exists()  # moved: the database is now the only copy


def test_an_existing_open_instance_folder_is_closed_and_the_database_kept_private(instance):
    # An instance folder made by hand (or an older version) with everyone's read access.
    instance.mkdir(mode=0o755)
    os.chmod(instance, 0o755)  # noqa: S103 (the open folder under test)
    old_umask = os.umask(0o022)
    try:
        result = CliRunner().invoke(cli, ["db", "upgrade"])
    finally:
        os.umask(old_umask)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    files = [p for p in instance.iterdir() if p.name.startswith("storyboard.sqlite3")]
    assert files
    for path in files:  # the database and its -wal and -shm files
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_render_starts_without_flask_or_the_app(tmp_path):
    """`storyboard render` works on a file alone: it never loads Flask, the database or the app."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", STORYBOARD, "render", str(FIXTURE)]
        + ["--format", "html", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "storyboard.booklet.pages" in imported  # (importlib.import_module's go unlisted)
    app_side = ("flask", "werkzeug", "sqlalchemy", "storyboard.web", "storyboard.services")
    assert sorted(m for m in imported if m.startswith(app_side)) == []
    assert list(tmp_path.glob("*.html"))
