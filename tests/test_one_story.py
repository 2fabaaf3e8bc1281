"""The bugs of five shapes of one panel, gone: hash, print settings, copies, old versions."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from sqlalchemy import select, text

from storyboard.services import blobs
from storyboard.services.db import db, upgrade_to_head
from storyboard.services.models import AuditEvent, Case, Panel, Revision, Storyboard, User
from storyboard.services.panels import duplicate_panel, live_panels
from storyboard.services.siblings import copy_storyboard
from storyboard.services.storydoc import import_storyfile, to_storyfile
from storyboard.services.versions import load_version
from storyboard.story.hashing import CURRENT_SCHEME, version_hash
from storyboard.story.storyfile import StoryFile, validate, write_zip
from tests.fixtures.factories import approve as _approve
from tests.fixtures.factories import send
from tests.fixtures.migration import copy_rows

FIXTURES = Path(__file__).parent / "fixtures"


def hub(client, sid: int) -> str:
    return client.get(f"/storyboards/{sid}/review").get_data(as_text=True)


def test_dismissing_a_hint_does_not_make_a_new_version(client, app, review):
    sid = review["storyboard"]
    send(client, sid)
    with app.app_context():
        panel_id = db.session.scalars(select(Panel.id).where(Panel.storyboard_id == sid)).first()
    answer = client.post(
        f"/api/storyboards/{sid}/panels/{panel_id}/dismiss-hint", json={"key": "jargon:abc"}
    )
    assert answer.status_code == 200
    assert "The draft is the same as version 1" in hub(client, sid)
    assert send(client, sid, reason="again").status_code == 400


def test_print_settings_after_approval_keep_the_agreed_version(client, app, auth, review, tmp_path):
    sid = review["storyboard"]
    send(client, sid)
    _approve(client, auth, sid)
    with app.app_context():
        approved = db.session.scalar(select(Revision))
        assert approved.status == "approved" and approved.hash_scheme == CURRENT_SCHEME
    client.post(
        f"/storyboards/{sid}/booklet-settings", data={"page_size": "A5", "page_colour": "cream"}
    )
    page = hub(client, sid)
    assert "The draft is the same as version 1" in page
    assert send(client, sid, reason="A5 now").status_code == 400

    word = docx.Document(io.BytesIO(client.get(f"/storyboards/{sid}/versions/1/export/docx").data))
    assert abs(word.sections[0].page_width - Mm(148)) < Mm(1)
    assert "Draft" not in " ".join(p.text for p in word.sections[0].header.paragraphs)
    pdf = tmp_path / "v1.pdf"
    pdf.write_bytes(client.get(f"/storyboards/{sid}/versions/1/export/pdf").data)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "419.53 x 595.28" in info.stdout or "420 x 595" in info.stdout
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Draft" not in words
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "export_version")
        ).all()[-1]
        assert event.details["page_size"] == "A5" and event.details["page_colour"] == "#fff8e7"


def _sam_storyboard(app, make_user, make_case) -> int:
    worker = make_user("ann")
    case_id = make_case("CR-1", worker)
    with app.app_context():
        document = json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))
        case, user = db.session.get(Case, case_id), db.session.get(User, worker)
        storyboard = import_storyfile(case, StoryFile(validate(document)), user)
        db.session.flush()
        first = live_panels(storyboard)[1]
        first.dismissed_hints = ["jargon:1", "long:2"]
        db.session.commit()
        return storyboard.id


def _without_id(panel: dict) -> dict:
    return {k: v for k, v in panel.items() if k != "id"}


def test_a_duplicated_page_keeps_every_field_the_file_keeps(app, make_user, make_case):
    sid = _sam_storyboard(app, make_user, make_case)
    with app.app_context():
        storyboard = db.session.get(Storyboard, sid)
        original = live_panels(storyboard)[1]
        twin = duplicate_panel(original, db.session.get(User, original.updated_by_id))
        db.session.commit()
        panels = to_storyfile(storyboard).document["panels"]
        assert _without_id(panels[2]) == _without_id(panels[1])
        assert panels[2]["dismissed_hints"] == ["jargon:1", "long:2"]
        assert len({p["id"] for p in panels}) == len(panels), "two pages share an id"
        assert twin.version == 1


def test_a_sibling_copy_keeps_every_field_the_file_keeps(app, make_user, make_case):
    sid = _sam_storyboard(app, make_user, make_case)
    with app.app_context():
        source = db.session.get(Storyboard, sid)
        user = db.session.get(User, source.created_by_id)
        copy, _ = copy_storyboard(source, user, child_name="Sam", child_age=7)
        db.session.commit()
        before = to_storyfile(source).document
        after = to_storyfile(copy).document
        assert len(after["panels"]) == len(before["panels"])
        for old, new in zip(before["panels"], after["panels"], strict=True):
            old_pictures = [p for p in old["pictures"] if not p["src"].startswith("drawing:")]
            new_pictures = [p for p in new["pictures"] if not p["src"].startswith("drawing:")]
            assert new_pictures == old_pictures
            assert {k: v for k, v in _without_id(new).items() if k != "pictures"} == {
                k: v for k, v in _without_id(old).items() if k != "pictures"
            }
        assert after["drawings"] and list(after["drawings"].values()) == list(
            before["drawings"].values()
        )


def test_a_version_hashed_by_the_first_scheme_stays_checkable(client, app, review):
    sid = review["storyboard"]
    send(client, sid)
    with app.app_context():
        revision = db.session.scalar(select(Revision))
        storyfile = load_version(revision)
        # Make it as the first scheme made it: its hash, its file, scheme 1 recorded.
        old_sha = version_hash(storyfile, 1)
        revision.file_sha256 = blobs.put(
            write_zip(StoryFile(storyfile.document, storyfile.images)), "application/zip"
        )
        revision.sha256, revision.hash_scheme = old_sha, 1
        db.session.commit()
    page = client.get(f"/storyboards/{sid}/versions/1")
    assert page.status_code == 200
    exported = docx.Document(
        io.BytesIO(client.get(f"/storyboards/{sid}/versions/1/export/docx").data)
    )
    assert old_sha in exported.core_properties.keywords
    assert "The draft is the same as version 1" in hub(client, sid)


@pytest.mark.parametrize("scheme", [1, 2, 3])
def test_a_damaged_version_is_refused_whatever_its_scheme(client, app, review, scheme):
    sid = review["storyboard"]
    send(client, sid)
    with app.app_context():
        revision = db.session.scalar(select(Revision))
        revision.hash_scheme = scheme
        revision.sha256 = "0" * 64
        revision.file_sha256 = blobs.put(frozen_path_bytes(revision, app), "application/zip")
        db.session.commit()
    assert client.get(f"/storyboards/{sid}/versions/1/export/json").status_code == 500


def frozen_path_bytes(revision: Revision, app) -> bytes:  # noqa: ANN001
    """Some other version's file, to stand in for a damaged one."""
    return write_zip(StoryFile(validate({**revision.document, "title": "Changed"}), {}))


def test_the_migration_moves_versions_and_keeps_every_field(app, make_user, make_case, tmp_path):
    """A database made by the earlier migrations, every field filled, upgraded: same exports."""
    from flask_migrate import upgrade

    from storyboard import create_app
    from storyboard.core.paths import MIGRATIONS_DIR

    ann = make_user("ann")
    case_id = make_case("CR-9", ann)
    with app.app_context():
        document = json.loads((FIXTURES / "sam-12.json").read_text(encoding="utf-8"))
        document["page_colour"] = "#fff8e7"
        document["panels"][1]["dismissed_hints"] = ["jargon:1"]
        storyboard = import_storyfile(
            db.session.get(Case, case_id), StoryFile(validate(document)), db.session.get(User, ann)
        )
        db.session.commit()
        storyboard_id = storyboard.id
        before = to_storyfile(storyboard, status="approved")
        source_url = db.engine.url.render_as_string(hide_password=False)
    old = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'old.sqlite3'}", "SECRET_KEY": "x",
         "TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance")}
    )  # fmt: skip
    with old.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision="3d780066321b")
        db.engine.dispose()
    copy_rows(source_url, f"sqlite:///{tmp_path / 'old.sqlite3'}")
    old_sha = version_hash(before, 1)
    frozen = Path(old.instance_path) / "revisions" / f"{old_sha}.zip"
    frozen.parent.mkdir(parents=True, exist_ok=True)
    frozen.write_bytes(write_zip(before))
    with old.app_context():
        # The revisions table as the earlier migrations made it: no hash_scheme column.
        db.session.execute(
            text(
                "INSERT INTO revisions (storyboard_id, number, document, sha256, status, "
                "created_at) VALUES (:s, 1, :d, :h, 'approved', CURRENT_TIMESTAMP)"
            ),
            {"s": storyboard_id, "d": json.dumps(before.document), "h": old_sha},
        )
        db.session.commit()
        db.session.remove()
    upgrade_to_head(old)
    with old.app_context():
        revision = db.session.scalar(select(Revision))
        assert revision.hash_scheme == 1 and revision.sha256 == old_sha
        assert load_version(revision).document == before.document
        after = to_storyfile(db.session.get(Storyboard, storyboard_id), status="approved")
        assert after.document == before.document
        assert write_zip(after) == write_zip(before)
        db.engine.dispose()
