"""`storyboard subject-access CASE`: one zip of everything held about a case."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from sqlalchemy import select

from storyboard.cli import cli
from storyboard.services.db import db
from storyboard.services.models import AuditEvent
from storyboard.story.storyfile import loads
from tests.fixtures.factories import make_link, send


def test_the_zip_holds_every_version_decision_comment_and_audit_row(
    app, client, auth, review, tmp_path
):
    sid, case_id = review["storyboard"], review["case"]
    send(client, sid)
    token = make_link(client, sid, reviewer_name='=HYPERLINK("http://x")')
    reader = app.test_client()
    reader.post(f"/r/{token}/comment", data={"panel": "2", "name": "Sarah", "body": "Say Nan too."})
    out = tmp_path / "case.zip"
    result = app.test_cli_runner().invoke(cli, ["subject-access", str(case_id), str(out)])
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(out)
    names = set(archive.namelist())
    assert {"README.txt", "case.json", "audit.csv", "storyboard-1/draft.zip",
            "storyboard-1/version-1.zip", "storyboard-1/review.json"} <= names  # fmt: skip
    case = json.loads(archive.read("case.json"))
    assert case["reference"] == "CR-77" and case["workers"][0]["username"] == "ann"
    draft = loads(archive.read("storyboard-1/draft.zip"))
    assert draft.document["panels"][1]["text"].startswith("Sam lives with Mum")
    frozen = loads(archive.read("storyboard-1/version-1.zip"))
    assert frozen.document["title"] == "Sam's story"
    review_data = json.loads(archive.read("storyboard-1/review.json"))
    version = review_data["versions"][0]
    assert version["comments"][0]["body"] == "Say Nan too."
    assert "token" not in json.dumps(version["links"])
    rows = list(csv.reader(io.StringIO(archive.read("audit.csv").decode("utf-8-sig"))))
    actions = {row[1] for row in rows[1:]}
    assert {"send_for_review", "share", "comment"} <= actions
    # A reviewer named like a formula cannot run in a spreadsheet.
    who = [row[2] for row in rows[1:] if row[1] == "comment"]
    assert who and all(w.startswith("'=") for w in who)
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "subject_access"))
        assert event.case_id == case_id


def test_an_unknown_case_is_named_plainly(app, tmp_path):
    result = app.test_cli_runner().invoke(cli, ["subject-access", "999", str(tmp_path / "x.zip")])
    assert result.exit_code != 0 and "There is no case 999" in result.output
    assert not (tmp_path / "x.zip").exists()
