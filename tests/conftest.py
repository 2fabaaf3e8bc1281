"""Shared fixtures: an app on a migrated temporary database, clients, and data factories."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from storyboard import create_app
from storyboard.services.accounts import create_user
from storyboard.services.db import db, upgrade_to_head
from storyboard.services.models import Case, User
from tests.fixtures.factories import STANDARD_PANELS, add_storyboard

PASSWORD = "correct horse battery staple"
TEST_DATABASE_URL = os.environ.get("STORYBOARD_TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to head with the real migrations, copied for each test."""
    folder = tmp_path_factory.mktemp("template-db")
    path = folder / "template.sqlite3"
    if TEST_DATABASE_URL:
        # A shared server: migrate it once; each test empties its tables afterwards.
        server = create_app({"DATABASE_URL": TEST_DATABASE_URL, "SECRET_KEY": "x", "TESTING": True})
        upgrade_to_head(server)
        with server.app_context():
            db.engine.dispose()
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "x", "TESTING": True})
    upgrade_to_head(app)
    with app.app_context():
        db.engine.dispose()
    return path


def app_config(tmp_path: Path, migrated_sqlite: Path, **overrides: object) -> dict:
    """Test settings: a private instance folder and a fresh copy of the migrated database."""
    config: dict = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "WTF_CSRF_ENABLED": False,
        # Argon2id at its cheapest: hashing was most of the database tests' time.
        "PASSWORD_HASH_PROFILE": "test-cheap",
    }
    if TEST_DATABASE_URL:
        config["DATABASE_URL"] = TEST_DATABASE_URL
    else:
        copy = tmp_path / "test.sqlite3"
        shutil.copyfile(migrated_sqlite, copy)
        config["DATABASE_URL"] = f"sqlite:///{copy}"
    config.update(overrides)
    return config


@pytest.fixture
def app(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Flask]:
    """The app on its own migrated database."""
    app = create_app(app_config(tmp_path, migrated_sqlite))
    yield app
    with app.app_context():
        if TEST_DATABASE_URL:
            _empty_all_tables()
        db.engine.dispose()


def _empty_all_tables() -> None:
    """Empty every table on a shared test server (PostgreSQL), keeping the schema."""
    names = ", ".join(t.name for t in db.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner bound to the app."""
    return app.test_cli_runner()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., int]:
    """Create an account and return its id."""

    def make(username: str, role: str = "worker", manager: int | None = None) -> int:
        with app.app_context():
            user = create_user(username, username.title(), PASSWORD, role, manager)
            db.session.commit()
            return user.id

    return make


@pytest.fixture
def make_case(app: Flask) -> Callable[..., int]:
    """Create a case assigned to the given workers and return its id."""

    def make(reference: str, *worker_ids: int, family_name: str = "The Test family") -> int:
        with app.app_context():
            workers = [db.session.get(User, w) for w in worker_ids]
            case = Case(reference=reference, family_name=family_name, workers=workers)
            db.session.add(case)
            db.session.commit()
            return case.id

    return make


class AuthActions:
    """Sign in and out through the real forms."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def sign_in(self, username: str, password: str = PASSWORD, follow: bool = False):  # noqa: ANN201
        """Post the sign-in form."""
        return self._client.post(
            "/signin",
            data={"username": username, "password": password},
            follow_redirects=follow,
        )

    def sign_out(self):  # noqa: ANN201
        """Post the sign-out form."""
        return self._client.post("/signout")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    """Sign-in helper."""
    return AuthActions(client)


@pytest.fixture
def make_storyboard(app: Flask) -> Callable[..., int]:
    """Create a storyboard with panels in a case and return its id."""

    def make(case_id: int, panels=STANDARD_PANELS, child_name: str = "Sam", **fields) -> int:  # noqa: ANN001
        with app.app_context():
            storyboard = add_storyboard(case_id, panels, child_name, **fields)
            db.session.commit()
            return storyboard.id

    return make


@pytest.fixture
def review(app, make_user, make_case, make_storyboard, auth):
    """A worker (signed in) in a manager's team, a case and a nine-panel storyboard."""
    boss = make_user("meg", role="manager")
    ann = make_user("ann", manager=boss)
    case_id = make_case("CR-77", ann)
    storyboard_id = make_storyboard(case_id)
    auth.sign_in("ann")
    return {"case": case_id, "storyboard": storyboard_id, "ann": ann, "meg": boss}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the database, so CI can run those again on PostgreSQL."""
    for item in items:
        if "app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)
