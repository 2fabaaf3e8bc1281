"""First start: the instance folder, a generated secret key, the database and a setup link."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import click
from flask import Flask
from sqlalchemy import func, make_url, select, update

from storyboard.core.passwords import new_token, token_digest
from storyboard.services.blobs import remove_moved_files
from storyboard.services.db import database_url, db, upgrade_to_head
from storyboard.services.models import SetupToken, User, utcnow

KEY_FILE = "secret_key"


def read_secret_key(app: Flask) -> str | None:
    """Return the secret key kept in the instance folder, if one was generated."""
    path = Path(app.instance_path) / KEY_FILE
    try:
        return path.read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return None


def ensure_instance(app: Flask) -> None:
    """Create the instance folder (owner-only) and a secret key if none is configured."""
    instance = Path(app.instance_path)
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)
    # A folder made by hand or by an older version may be open to everyone: close it.
    instance.chmod(0o700)
    if app.config.get("SECRET_KEY"):
        return
    key = read_secret_key(app)
    if key is None:
        key = secrets.token_hex(32)
        path = instance / KEY_FILE
        # O_EXCL: two processes starting at once never overwrite each other's key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = read_secret_key(app) or key
        else:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(key + "\n")
    app.config["SECRET_KEY"] = key


def keep_database_private(app: Flask) -> None:
    """Make an SQLite database and its -wal and -shm files readable by this account only.

    SQLite gives the -wal and -shm files the database file's permissions, so once the file
    is 0600 every later one is too.
    """
    url = make_url(database_url(app))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    main = Path(url.database)
    for path in (main, main.with_name(main.name + "-wal"), main.with_name(main.name + "-shm")):
        if path.exists():
            path.chmod(0o600)


def issue_setup_token(app: Flask) -> str | None:
    """While no account exists, return a fresh one-time setup token (older ones stop working)."""
    with app.app_context():
        if db.session.scalar(select(func.count()).select_from(User)):
            return None
        now = utcnow()
        db.session.execute(
            update(SetupToken).where(SetupToken.used_at.is_(None)).values(expires_at=now)
        )
        token = new_token()
        hours = int(app.config["SETUP_LINK_HOURS"])
        db.session.add(
            SetupToken(token_hash=token_digest(token), expires_at=now + timedelta(hours=hours))
        )
        db.session.commit()
        return token


def first_start(app: Flask, base_url: str, *, announce: bool = True) -> None:
    """Prepare the instance, apply migrations and print the setup link if no account exists."""
    ensure_instance(app)
    upgrade_to_head(app)
    keep_database_private(app)
    # Photos and versions kept as files before the blob store: gone once the database has them.
    remove_moved_files(app)
    if not announce:
        return
    from storyboard.booklet.fonts import LayoutEngineMissing, check_text_engine

    try:
        check_text_engine()
    except LayoutEngineMissing as missing:
        click.secho(f"Warning: {missing} Until then, PNG page exports do not work.", fg="yellow")
    token = issue_setup_token(app)
    if token:
        click.echo("")
        click.secho(
            "No accounts yet. Open this link once to create the first administrator:", bold=True
        )
        click.echo(f"    {base_url}/setup/{token}")
        click.echo(f"(It works once, for {app.config['SETUP_LINK_HOURS']} hours.)")
        click.echo("")
