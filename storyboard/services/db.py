"""The database: one SQLAlchemy object per app, SQLite pragmas, migrations on start."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_migrate import Migrate
from flask_migrate import upgrade as migrate_upgrade
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from storyboard.core.paths import MIGRATIONS_DIR

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))
migrate = Migrate(directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True)


def database_url(app: Flask) -> str:
    """Return the configured database URL, or the SQLite file in the instance folder."""
    url = app.config.get("DATABASE_URL")
    if url:
        return str(url)
    return "sqlite:///" + str(Path(app.instance_path) / "storyboard.sqlite3")


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:  # noqa: ANN001
    """Turn on foreign keys and write-ahead logging for every SQLite connection."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def init_app(app: Flask) -> None:
    """Bind the database and the migration commands (`storyboard db ...`) to the app."""
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app)
    # hide_parameters: a database error's message must never carry what the family typed.
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True, "hide_parameters": True}
    )
    db.init_app(app)
    migrate.init_app(app, db)


def upgrade_to_head(app: Flask) -> None:
    """Apply every migration (creates the SQLite file if it does not exist yet)."""
    with app.app_context():
        migrate_upgrade(directory=str(MIGRATIONS_DIR))


_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def insert_once(model: type, values: dict, unique: list[str]) -> None:
    """Insert a row unless one with the same `unique` columns exists, in the current transaction.

    Two requests inserting the same row at once both succeed and one row is kept (no
    IntegrityError at commit); the row is not loaded into the session.
    """
    insert = _INSERTS[db.session.get_bind().dialect.name]
    db.session.execute(insert(model).values(**values).on_conflict_do_nothing(index_elements=unique))
