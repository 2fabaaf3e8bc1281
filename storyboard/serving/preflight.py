"""What `storyboard serve` checks before it starts: a shared secret key and a migrated database.

Two app servers on one database must sign sessions with the same key, so on anything but the
embedded SQLite file the key must be configured, never generated into one server's folder.
The schema is changed only by `storyboard db upgrade`, run once: two servers starting at once
must not both migrate.
"""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError

from storyboard.core.paths import MIGRATIONS_DIR
from storyboard.services.db import database_url, db
from storyboard.services.firstrun import ensure_instance

MIN_KEY_CHARS = 32
MAKE_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


class NotReady(Exception):
    """The server must not start; the message says what to do."""


def on_sqlite(app: Flask) -> bool:
    """Whether the app uses the embedded SQLite file (one machine)."""
    return make_url(database_url(app)).get_backend_name() == "sqlite"


def check_secret_key(app: Flask) -> None:
    """Refuse a missing, generated-per-server or short key, except on SQLite."""
    if on_sqlite(app):
        ensure_instance(app)  # one machine: the key generated into the instance folder will do
        return
    key = app.config.get("SECRET_KEY")
    if not key or app.extensions.get("storyboard.secret_key_source") == "instance":
        raise NotReady(
            "SECRET_KEY is not set. On a database server every app server must sign sessions "
            "with the same key: set STORYBOARD_SECRET_KEY (or SECRET_KEY in storyboard.cfg) "
            f"to the same value on each, made once with: {MAKE_KEY}"
        )
    if len(str(key)) < MIN_KEY_CHARS:
        raise NotReady(
            f"SECRET_KEY is too short ({len(str(key))} characters): use at least "
            f"{MIN_KEY_CHARS}, made with: {MAKE_KEY}"
        )


def check_schema(app: Flask) -> None:
    """Refuse a database that is not at the latest migration (or cannot be reached)."""
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    with app.app_context():
        try:
            with db.engine.connect() as connection:
                current = MigrationContext.configure(connection).get_current_revision()
        except SQLAlchemyError as error:
            raise NotReady(
                f"Cannot reach the database ({type(error).__name__}). Check DATABASE_URL."
            ) from None
        finally:
            db.engine.dispose()  # the workers open their own connections after the fork
    if current != head:
        raise NotReady(
            f"The database is at migration {current or 'none'}, this release needs {head}. "
            "Run `storyboard db upgrade` once (from one server), then start the servers."
        )


def check(app: Flask) -> None:
    """Every check, in order; raises NotReady with the first problem."""
    check_secret_key(app)
    check_schema(app)
