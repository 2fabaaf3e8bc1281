"""`storyboard retention` lists what the settings say to delete; `--delete` deletes that list."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image as PILImage
from sqlalchemy import func, select

from storyboard.cli import cli
from storyboard.services.db import db
from storyboard.services.models import (
    AuditEvent,
    Blob,
    Case,
    Image,
    Panel,
    Revision,
    Storyboard,
    utcnow,
)
from tests.fixtures.factories import send


def _photo(colour: str) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _upload(client, sid: int, colour: str) -> None:
    response = client.post(
        f"/api/storyboards/{sid}/images",
        data={"photo": (io.BytesIO(_photo(colour)), "p.png"), "kind": "photo"},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    assert response.status_code in (200, 201)


def _close(app, case_id: int, days_ago: int) -> None:
    with app.app_context():
        db.session.get(Case, case_id).closed_at = utcnow() - timedelta(days=days_ago)
        db.session.commit()


def _count(app, model, **where) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model).filter_by(**where)
        return db.session.scalar(query)


def test_retention_lists_then_deletes_exactly_what_the_rules_say(
    app, client, auth, make_user, make_case, make_storyboard
):
    ann = make_user("ann")
    closed = make_case("CR-1", ann)
    approved = make_storyboard(closed)
    never = make_storyboard(closed, child_name="Josh")
    ancient = make_case("CR-2", ann)
    make_storyboard(ancient)
    recent = make_case("CR-3", ann)
    make_storyboard(recent)
    open_case = make_case("CR-4", ann)
    make_storyboard(open_case)
    auth.sign_in("ann")
    send(client, approved)
    _upload(client, approved, "#aa0000")
    _upload(client, never, "#00aa00")
    with app.app_context():
        revision = db.session.scalar(select(Revision).where(Revision.storyboard_id == approved))
        revision.status = "approved"
        kept_file = revision.file_sha256
        never_photo = db.session.scalar(select(Image.sha256).where(Image.storyboard_id == never))
        db.session.commit()
    _close(app, closed, 100)
    _close(app, ancient, 366 * 26)
    _close(app, recent, 10)

    runner = app.test_cli_runner()
    listed = runner.invoke(cli, ["retention"])
    assert listed.exit_code == 0, listed.output
    lines = [line for line in listed.output.splitlines() if line.startswith("Would delete")]
    assert len(lines) == 3
    assert f"case {ancient} (CR-2): everything" in lines[0]
    assert "the working draft of storyboard 1; its approved versions are kept" in lines[1]
    assert "storyboard 2, never approved" in lines[2]
    assert "Sam" not in listed.output and "Josh" not in listed.output  # ids, never names
    assert _count(app, Storyboard) == 5  # listing deletes nothing

    done = runner.invoke(cli, ["retention", "--delete"])
    assert done.exit_code == 0, done.output
    assert [line.replace("Deleted", "Would delete") for line in done.output.splitlines()
            if line.startswith("Deleted")] == lines  # fmt: skip
    with app.app_context():
        assert db.session.get(Case, ancient) is None
        assert db.session.get(Storyboard, never) is None
        kept = db.session.get(Storyboard, approved)
        assert kept is not None and [r.status for r in kept.revisions] == ["approved"]
        assert db.session.get(Blob, kept_file) is not None  # the approved version's file
        assert db.session.get(Blob, never_photo) is None  # the deleted draft's photo
        actions = db.session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "retention_delete")
        ).all()
        assert sorted(d["what"] for d in actions) == ["case", "draft", "storyboard"]
    assert _count(app, Panel, storyboard_id=approved) == 0
    assert _count(app, Image, storyboard_id=approved) == 0
    for case_id in (recent, open_case):
        with app.app_context():
            assert len(db.session.get(Case, case_id).storyboards) == 1
    again = runner.invoke(cli, ["retention"])
    assert "Nothing to delete" in again.output
