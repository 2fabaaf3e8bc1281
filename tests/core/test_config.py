"""Settings: defaults, instance file, environment, and a README that documents each one."""

from __future__ import annotations

from pathlib import Path

from storyboard import create_app
from storyboard.core.config import SETTINGS

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_documents_every_setting():
    text = README.read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text]
    assert missing == []


def test_instance_file_then_environment(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "storyboard.cfg").write_text("IDLE_MINUTES = 20\nSETUP_LINK_HOURS = 2\n")
    monkeypatch.setenv("STORYBOARD_INSTANCE_PATH", str(instance))
    monkeypatch.setenv("STORYBOARD_IDLE_MINUTES", "5")
    app = create_app()
    assert app.config["IDLE_MINUTES"] == 5  # the environment wins over the file
    assert app.config["SETUP_LINK_HOURS"] == 2  # the file wins over the default
    assert app.config["SIGNIN_MAX_FAILURES"] == 10  # the default
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance}/storyboard.sqlite3"


def test_database_url_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYBOARD_INSTANCE_PATH", str(tmp_path / "i"))
    monkeypatch.setenv("STORYBOARD_DATABASE_URL", "postgresql+psycopg://u:p@db.example/sb")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.example/sb"
