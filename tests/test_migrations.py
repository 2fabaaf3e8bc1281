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


def test_case_references_move_to_a_column_that_is_not_unique(tmp_path):
    from flask_migrate import downgrade, upgrade

    from storyboard.core.paths import MIGRATIONS_DIR

    path = tmp_path / "old.sqlite3"
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "x"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision="6c3e9a4b2d17")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO cases (id, reference, family_name, created_at) "
                "VALUES (1, 'CR-1', 'The Lees', '2026-01-01')"
            )
            conn.exec_driver_sql(
                "INSERT INTO storyboards (id, case_id, number, child_name, language, title, "
                "status, page_size, minimal, family_words, extra, created_at, updated_at) "
                "VALUES (1, 1, 1, 'Sam', 'en', 'Sam''s story', 'draft', 'A4', 0, '[]', '{}', "
                "'2026-01-01', '2026-01-01')"
            )
        upgrade_to_head(app)
        with db.engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT case_reference FROM cases").scalar() == "CR-1"
            assert conn.exec_driver_sql("SELECT count(*) FROM storyboards").scalar() == 1
        from storyboard.services.models import Case

        db.session.add(Case(reference="CR-1", family_name="Another family"))
        db.session.commit()  # two cases may share a reference now
        assert sorted(c.family_name for c in db.session.query(Case)) == [
            "Another family", "The Lees",
        ]  # fmt: skip
        # Down again only when no two cases share a reference.
        db.session.query(Case).filter_by(family_name="Another family").delete()
        db.session.commit()
        db.session.remove()
        downgrade(directory=str(MIGRATIONS_DIR), revision="6c3e9a4b2d17")
        with db.engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT reference FROM cases").scalar() == "CR-1"
            assert conn.exec_driver_sql("SELECT count(*) FROM storyboards").scalar() == 1
        db.engine.dispose()


def test_the_indexes_for_size_go_up_and_down_keeping_the_audit_rows(tmp_path):
    from flask_migrate import downgrade

    from storyboard.core.paths import MIGRATIONS_DIR

    path = tmp_path / "sized.sqlite3"
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "x"})

    def indexes(conn, table):  # noqa: ANN001, ANN202
        return {i["name"] for i in inspect(conn).get_indexes(table)}

    upgrade_to_head(app)
    with app.app_context():
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO audit_events (at, action, case_id, details) "
                "VALUES ('2026-01-01', 'view_case', 1, '{}')"
            )
            assert {"ix_audit_events_action_at", "ix_audit_events_case_id_at"} <= indexes(
                conn, "audit_events"
            )
            assert "ix_audit_events_case_id" not in indexes(conn, "audit_events")
            assert "ix_case_workers_user_id" in indexes(conn, "case_workers")
        downgrade(directory=str(MIGRATIONS_DIR), revision="a1c7e4f2b903")
        with db.engine.begin() as conn:
            names = indexes(conn, "audit_events")
            assert "ix_audit_events_case_id" in names and "ix_audit_events_action_at" not in names
            assert "ix_case_workers_user_id" not in indexes(conn, "case_workers")
            assert conn.exec_driver_sql("SELECT count(*) FROM audit_events").scalar() == 1
        upgrade_to_head(app)
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
        db.engine.dispose()
