"""`storyboard backup` and `storyboard restore`: a fresh instance gets every story and picture."""

from __future__ import annotations

import io
import shutil
import stat

from PIL import Image
from sqlalchemy import func, select

from storyboard import create_app
from storyboard.cli import cli
from storyboard.core.sealed import is_sealed
from storyboard.services.db import db
from storyboard.services.models import Blob, Revision, Storyboard, User
from storyboard.services.models import Image as ImageRow
from tests.conftest import PASSWORD, app_config
from tests.fixtures.factories import send

PASSPHRASE = "a long and private passphrase"


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#aa3366").save(buffer, "JPEG")
    return buffer.getvalue()


def _content(app) -> dict:
    with app.app_context():
        return {
            "users": sorted(db.session.scalars(select(User.username))),
            "storyboards": sorted(db.session.scalars(select(Storyboard.title))),
            "versions": sorted(db.session.scalars(select(Revision.sha256))),
            "pictures": sorted(
                (b.sha256, bytes(b.data))
                for b in db.session.scalars(
                    select(Blob).where(Blob.sha256.in_(select(ImageRow.sha256)))
                )
            ),
        }


def test_a_sealed_backup_restores_into_a_fresh_instance(
    app, client, auth, review, tmp_path, migrated_sqlite
):
    sid = review["storyboard"]
    upload = client.post(
        f"/api/storyboards/{sid}/images",
        data={"photo": (io.BytesIO(_photo()), "mum.jpg"), "kind": "photo"},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    assert upload.status_code in (200, 201)
    send(client, sid)
    exported = client.get(f"/storyboards/{sid}/versions/1/export/zip").data
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    out = tmp_path / "backup.sealed"
    result = app.test_cli_runner().invoke(
        cli, ["backup", str(out), "--passphrase-file", str(secret)]
    )
    assert result.exit_code == 0, result.output
    assert is_sealed(out.read_bytes()) and b"Sam" not in out.read_bytes()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    # A new instance on its own SQLite file (on the PostgreSQL pass, a restore across kinds).
    (tmp_path / "fresh").mkdir()
    config = app_config(tmp_path / "fresh", migrated_sqlite)
    database = tmp_path / "fresh" / "restored.sqlite3"
    shutil.copyfile(migrated_sqlite, database)
    config["DATABASE_URL"] = f"sqlite:///{database}"
    fresh = create_app(config)
    runner = fresh.test_cli_runner()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n")
    refused = runner.invoke(cli, ["restore", str(out), "--passphrase-file", str(wrong)])
    assert refused.exit_code != 0 and "passphrase is wrong" in refused.output
    result = runner.invoke(cli, ["restore", str(out), "--passphrase-file", str(secret)])
    assert result.exit_code == 0, result.output
    assert "Restored 1 cases, 1 storyboards, 1 pictures and 2 accounts." in result.output
    assert _content(fresh) == _content(app)
    # Signing in on the restored instance works, and the version's file is the same bytes.
    restored = fresh.test_client()
    restored.post("/signin", data={"username": "ann", "password": PASSWORD})
    assert restored.get(f"/storyboards/{sid}/versions/1/export/zip").data == exported
    # A second restore into the same instance is refused, and changes nothing.
    again = runner.invoke(cli, ["restore", str(out), "--passphrase-file", str(secret)])
    assert again.exit_code != 0 and "already has accounts" in again.output
    with fresh.app_context():
        assert db.session.scalar(select(func.count()).select_from(Storyboard)) == 1
        db.engine.dispose()


def test_a_file_that_is_not_a_backup_is_refused_plainly(app, tmp_path):
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(b"PK\x03\x04 not really a zip")
    result = app.test_cli_runner().invoke(cli, ["restore", str(bogus)])
    assert result.exit_code != 0
    assert "not a backup made by `storyboard backup`" in result.output
