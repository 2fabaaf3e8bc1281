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
        "export_files", "council_settings", "sso_identities",
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


def test_council_settings_go_up_and_down_keeping_the_storyboards(tmp_path):
    from flask_migrate import downgrade, upgrade

    from storyboard.core.paths import MIGRATIONS_DIR

    before = "a1c7e4f2b903"  # 0010, recordings: the migration before the council's
    path = tmp_path / "old.sqlite3"
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "x"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=before)
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO cases (id, reference, case_reference, family_name, created_at) "
                "VALUES (1, 'CR-1', 'CR-1', 'The Lees', '2026-01-01')"
            )
            conn.exec_driver_sql(
                "INSERT INTO storyboards (id, case_id, number, child_name, language, title, "
                "status, page_size, minimal, family_words, extra, created_at, updated_at) "
                "VALUES (1, 1, 1, 'Sam', 'en', 'Sam''s story', 'draft', 'A4', 0, '[]', '{}', "
                "'2026-01-01', '2026-01-01')"
            )
        upgrade_to_head(app)
        with db.engine.begin() as conn:
            # An existing storyboard never shows the council until its worker chooses it.
            assert conn.exec_driver_sql("SELECT show_council FROM storyboards").scalar() == 0
            assert "council_settings" in inspect(conn).get_table_names()
        db.session.remove()
        downgrade(directory=str(MIGRATIONS_DIR), revision=before)
        with db.engine.begin() as conn:
            assert "council_settings" not in inspect(conn).get_table_names()
            columns = {c["name"] for c in inspect(conn).get_columns("storyboards")}
            assert "show_council" not in columns
            assert conn.exec_driver_sql("SELECT count(*) FROM storyboards").scalar() == 1
        db.engine.dispose()



def test_sign_in_links_and_codes_go_up_and_down(tmp_path):
    from flask_migrate import downgrade, upgrade

    from storyboard.core.paths import MIGRATIONS_DIR

    before = "a1c7e4f2b903"  # 0010: through the council's 0011 to 0012
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'm.sqlite3'}", "SECRET_KEY": "x"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=before)
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO users (id, username, display_name, password_hash, role, active, "
                "created_at, session_token) VALUES (1, 'ann', 'Ann', 'x', 'worker', 1, "
                "'2026-01-01', 't')"
            )
        upgrade(directory=str(MIGRATIONS_DIR), revision="0d4c5e6f7014")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO sso_identities (user_id, issuer, subject, created_at) "
                "VALUES (1, 'https://idp.example', 'sub-1', '2026-01-01')"
            )
            assert conn.exec_driver_sql("SELECT totp_secret FROM users").scalar() is None
        downgrade(directory=str(MIGRATIONS_DIR), revision=before)
        with db.engine.connect() as conn:
            inspector = inspect(conn)
            assert "sso_identities" not in inspector.get_table_names()
            columns = {c["name"] for c in inspector.get_columns("users")}
            assert not columns & {"totp_secret", "totp_enabled_at", "totp_last_step"}
            assert conn.exec_driver_sql("SELECT username FROM users").scalar() == "ann"
        db.engine.dispose()


def test_a_persons_language_comes_and_goes_with_its_migration(tmp_path):
    from flask_migrate import downgrade, upgrade

    from storyboard.core.paths import MIGRATIONS_DIR

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'l.sqlite3'}", "SECRET_KEY": "x"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision="a1c7e4f2b903")  # 0010
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO cases (id, reference, case_reference, family_name, created_at) "
                "VALUES (1, 'x-1', 'CR-1', 'The Lees', '2026-01-01')"
            )
            conn.exec_driver_sql(
                "INSERT INTO people (id, case_id, name, relationship, kind) "
                "VALUES (1, 1, 'Samira', 'Mum', 'family')"
            )
        upgrade(directory=str(MIGRATIONS_DIR), revision="0013")
        with db.engine.begin() as conn:
            row = conn.exec_driver_sql(
                "SELECT name, preferred_language, needs_interpreter FROM people"
            ).one()
            assert tuple(row) == ("Samira", None, 0)  # people added before: not asked yet
            conn.exec_driver_sql("UPDATE people SET preferred_language = 'ar'")
        downgrade(directory=str(MIGRATIONS_DIR), revision="a1c7e4f2b903")
        with db.engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("people")}
            assert {"preferred_language", "needs_interpreter"}.isdisjoint(columns)
            assert conn.exec_driver_sql("SELECT name FROM people").scalar() == "Samira"


def test_links_keep_a_language_and_lose_only_it_going_down(tmp_path):
    from flask_migrate import downgrade, upgrade

    from storyboard.core.paths import MIGRATIONS_DIR

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'lang.sqlite3'}", "SECRET_KEY": "x"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision="a1c7e4f2b903")
        assert "language" not in {c["name"] for c in inspect(db.engine).get_columns("share_links")}
        upgrade_to_head(app)
        columns = {c["name"]: c for c in inspect(db.engine).get_columns("share_links")}
        assert columns["language"]["nullable"]  # links made before have none
        downgrade(directory=str(MIGRATIONS_DIR), revision="a1c7e4f2b903")
        assert "language" not in {c["name"] for c in inspect(db.engine).get_columns("share_links")}
        assert "follows" in {c["name"] for c in inspect(db.engine).get_columns("share_links")}
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


def test_a_staff_members_page_language_comes_and_goes_with_its_migration(tmp_path):
    from flask_migrate import downgrade, upgrade

    from storyboard.core.paths import MIGRATIONS_DIR

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}", "SECRET_KEY": "x"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision="0016")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO users (id, username, display_name, password_hash, role, active, "
                "created_at, session_token) VALUES (1, 'ann', 'Ann', 'x', 'worker', 1, "
                "'2026-01-01', 't')"
            )
        upgrade(directory=str(MIGRATIONS_DIR), revision="0019")
        with db.engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT page_language FROM users").scalar() is None
            conn.exec_driver_sql("UPDATE users SET page_language = 'cy'")
        downgrade(directory=str(MIGRATIONS_DIR), revision="0016")
        with db.engine.connect() as conn:
            assert "page_language" not in {c["name"] for c in inspect(conn).get_columns("users")}
            assert conn.exec_driver_sql("SELECT username FROM users").scalar() == "ann"
        db.engine.dispose()
