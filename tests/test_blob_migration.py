"""Upgrading moves today's photo and version files into the database, losing nothing.

A full story (a photo with GPS, a drawing, a tablet upload, two versions, an approval and a
comment) is made on the app as it is now. Its rows are copied into a database made by the
migrations before the blob store, and its bytes written out as files where that app kept them.
Upgraded, the same exports come out byte for byte and the old files are gone.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from flask_migrate import downgrade
from sqlalchemy import func, select

from storyboard import create_app
from storyboard.core.paths import MIGRATIONS_DIR
from storyboard.services import blobs
from storyboard.services.db import db, upgrade_to_head
from storyboard.services.models import Blob, Case, Image, Revision, Storyboard, User
from storyboard.services.storydoc import import_storyfile
from storyboard.story.storyfile import StoryFile, validate
from tests.conftest import AuthActions
from tests.fixtures.factories import approve as _approve
from tests.fixtures.factories import send
from tests.fixtures.migration import copy_rows
from tests.fixtures.pictures import make

FIXTURES = Path(__file__).parent / "fixtures"
BEFORE_BLOBS = "4a1c2e9b7d10"
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png"}
EXPORTS = ("export/zip", "export/json", "export/html", "versions/1/export/zip",
           "versions/2/export/zip", "versions/2/export/html")  # fmt: skip


def _full_story(app, client, review) -> int:  # noqa: ANN001
    """Import the Sam story with a photo, upload a drawing, make two versions and approve one."""
    with app.app_context():
        document = json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))
        document["panels"][0]["pictures"].append(
            {"src": "file:images/holiday.jpg", "x": 0.6, "y": 0.5, "width": 0.3, "alt": "Us"}
        )
        storyfile = StoryFile(validate(document), {"images/holiday.jpg": make.gps_jpeg()})
        case, user = db.session.get(Case, review["case"]), db.session.get(User, review["ann"])
        sid = import_storyfile(case, storyfile, user).id
        db.session.commit()
    raster = client.post(
        f"/api/storyboards/{sid}/images",
        data={"photo": (io.BytesIO(make.transparent_png()), "drawing.png"), "kind": "drawing"},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    assert raster.status_code == 201
    assert send(client, sid).status_code == 302
    with app.app_context():
        panel = db.session.get(Storyboard, sid).panels[1]
        panel.text = "Sam lives with Mum."
        db.session.commit()
    assert send(client, sid, reason="second").status_code == 302
    return sid


def _write_old_files(app, instance: Path) -> int:  # noqa: ANN001
    """Write each photo and frozen version where the app before the blob store kept them."""
    written = set()
    with app.app_context():
        for image in db.session.scalars(select(Image)):
            path = instance / "images" / f"{image.sha256}.{EXTENSIONS[image.media_type]}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blobs.get(image.sha256))
            written.add(path)
        for revision in db.session.scalars(select(Revision)):
            path = instance / "revisions" / f"{revision.sha256}.zip"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blobs.get(revision.file_sha256))
            written.add(path)
    return len(written)


def _counts(app) -> dict[str, int]:  # noqa: ANN001
    """How many rows each table holds (the blob store aside: its kept exports are new)."""
    with app.app_context():
        return {
            table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables
            if table.name not in ("export_files", "blobs")
        }


def _exports(app, sid: int) -> dict[str, bytes]:  # noqa: ANN001
    client = app.test_client()
    AuthActions(client).sign_in("ann")
    answers = {path: client.get(f"/storyboards/{sid}/{path}") for path in EXPORTS}
    assert all(a.status_code == 200 for a in answers.values())
    return {path: answer.data for path, answer in answers.items()}


def test_upgrading_moves_every_file_in_and_every_export_stays_the_same(
    app, client, auth, review, tmp_path
):
    sid = _full_story(app, client, review)
    _approve(client, auth, sid, 2)  # agreed by Mum and signed off by the manager
    before = _exports(app, sid)

    old_instance = tmp_path / "old-instance"
    old_url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = create_app(
        {"DATABASE_URL": old_url, "SECRET_KEY": "x", "TESTING": True,
         "INSTANCE_PATH": str(old_instance), "WTF_CSRF_ENABLED": False}
    )  # fmt: skip
    with old.app_context():
        from flask_migrate import upgrade

        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE_BLOBS)
        db.engine.dispose()
    with app.app_context():
        source_url = db.engine.url.render_as_string(hide_password=False)
    rows = _counts(app)
    assert rows["approvals"] == 2 and rows["share_links"] == 1 and rows["images"] == 2
    copy_rows(source_url, old_url)
    files = _write_old_files(app, old_instance)
    with app.app_context():
        assert db.session.scalar(select(Revision.number).order_by(Revision.id.desc())) == 2
    assert files == 4  # the photo, the drawing upload and two frozen versions

    upgrade_to_head(old)
    assert blobs.remove_moved_files(old) == files
    assert not (old_instance / "images").exists() and not (old_instance / "revisions").exists()
    assert _counts(old) == rows  # not a row lost or added by the upgrade
    with old.app_context():
        assert db.session.scalar(select(func.count()).select_from(Blob)) == files
    assert _exports(old, sid) == before

    # Downgrading writes the files back where the older app looks for them.
    with old.app_context():
        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE_BLOBS)
        db.engine.dispose()
    assert len(list((old_instance / "images").iterdir())) == 2
    assert len(list((old_instance / "revisions").iterdir())) == 2
    upgrade_to_head(old)
    assert _exports(old, sid) == before
    with old.app_context():
        db.engine.dispose()
