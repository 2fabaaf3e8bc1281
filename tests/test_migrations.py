"""The migrations build the schema the models describe, on an empty database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storyboard import create_app
from storyboard.services.db import db, upgrade_to_head


def test_upgrade_empty_database_matches_models(tmp_path):
    path = tmp_path / "empty.sqlite3"
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "x"})
    upgrade_to_head(app)
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []
        tables = set(inspect(conn).get_table_names())
    expected = {
        "users", "cases", "case_workers", "people", "storyboards", "panels", "images",
        "drawings", "revisions", "share_links", "approvals", "comments", "audit_events",
        "reading_records", "jargon_terms", "setup_tokens", "sign_in_attempts", "blobs",
        "export_files",
    }  # fmt: skip
    assert expected <= tables


def test_sqlite_has_foreign_keys_and_wal(tmp_path):
    # Its own SQLite file: this holds for the default database whatever the tests run on.
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "SECRET_KEY": "x"})
    with app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
