"""The blob store: bytes in the database, kept with the rows that name them, checked on read."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from storyboard.pictures.images import clean_image
from storyboard.services import blobs
from storyboard.services.db import db
from storyboard.services.images import read_image, store_image
from storyboard.services.models import Blob, Image, Revision, Storyboard, User
from tests.fixtures.factories import send
from tests.fixtures.pictures import make


def test_the_same_bytes_are_kept_once_and_read_back(app):
    with app.app_context():
        first = blobs.put(b"some bytes", "application/octet-stream")
        again = blobs.put(b"some bytes", "application/octet-stream")
        db.session.commit()
        assert first == again == hashlib.sha256(b"some bytes").hexdigest()
        assert db.session.scalar(select(func.count()).select_from(Blob)) == 1
        assert blobs.get(first) == b"some bytes"
        assert blobs.get("0" * 64) is None


@pytest.mark.parametrize("name", ["", None, "../etc/passwd", "A" * 64, "a" * 63])
def test_names_that_are_not_hashes_read_nothing(app, name):
    with app.app_context():
        assert blobs.get(name) is None
        assert read_image(str(name)) is None


def test_a_blob_is_kept_only_if_its_transaction_commits(app, make_user, make_case, make_storyboard):
    ann = make_user("ann")
    storyboard_id = make_storyboard(make_case("CR-1", ann))
    with app.app_context():
        storyboard = db.session.get(Storyboard, storyboard_id)
        clean = clean_image(make.photo())
        store_image(storyboard, clean, db.session.get(User, ann), kind="photo")
        db.session.rollback()
        # Neither the row nor its bytes: a failed save leaves nothing half-kept.
        assert db.session.scalar(select(func.count()).select_from(Image)) == 0
        assert blobs.get(clean.sha256) is None


def test_a_blob_changed_in_the_database_is_never_served(client, app, review):
    sid = review["storyboard"]
    send(client, sid)
    with app.app_context():
        revision = db.session.scalar(select(Revision))
        db.session.execute(
            update(Blob).where(Blob.sha256 == revision.file_sha256).values(data=b"PK not it")
        )
        db.session.commit()
        with pytest.raises(blobs.BlobDamaged):
            blobs.get(revision.file_sha256)
    assert client.get(f"/storyboards/{sid}/versions/1/export/json").status_code == 500


def test_uploads_and_versions_leave_no_files_on_the_app_server(client, app, review):
    sid = review["storyboard"]
    answer = client.post(
        f"/api/storyboards/{sid}/images",
        data={"photo": (io.BytesIO(make.gps_jpeg()), "photo.jpg"), "kind": "photo"},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 201
    send(client, sid)
    name = answer.get_json()["src"].removeprefix("file:images/")
    assert client.get(f"/storyboards/{sid}/images/{name}").data == read_bytes(app, name)
    instance = Path(app.instance_path)
    assert not (instance / "images").exists() and not (instance / "revisions").exists()


def read_bytes(app, name: str) -> bytes | None:  # noqa: ANN001
    with app.app_context():
        return read_image(name)


def test_old_files_go_only_once_the_database_holds_their_exact_bytes(app):
    images = Path(app.instance_path) / "images"
    images.mkdir(parents=True)
    held, changed, other = images / "held.jpg", images / "changed.jpg", images / "other.jpg"
    held.write_bytes(b"held")
    changed.write_bytes(b"changed on disk")
    other.write_bytes(b"not in the database")
    with app.app_context():
        blobs.put(b"held", "image/jpeg")
        db.session.commit()
    assert blobs.remove_moved_files(app) == 1
    assert not held.exists() and changed.exists() and other.exists()
