"""A marker typed into every field never reaches a log line, an error page or a file on disk.

The marker goes into the case, its people, the storyboard's words, headings, voices, steps,
family words, a comment, a reviewer's name and a jargon term. Then errors are triggered on
purpose: broken JSON, a body too large, a stale save, a crash inside a view, a bad upload, a
bad import. The marker must appear in no log record, in no error answer, and in no file
outside the database.
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

from storyboard.services.db import db
from storyboard.services.models import Panel
from tests.fixtures.factories import make_link, send

MARKER = "ZQXMARKER"


def _all_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_the_marker_is_in_no_log_error_page_or_file(app, client, auth, review, caplog, tmp_path):
    sid, case_id = review["storyboard"], review["case"]
    caplog.set_level(logging.DEBUG)
    errors: list[tuple[str, bytes]] = []

    def error(label: str, response) -> None:  # noqa: ANN001
        assert response.status_code >= 400, label
        errors.append((label, response.get_data()))

    # The marker in every field a person can type into.
    client.post(
        f"/cases/{case_id}",
        data={"name": f"Grace {MARKER}", "relationship": f"Mum {MARKER}",
              "known_as": f"Mummy {MARKER}", "pronouns": "she"},
    )  # fmt: skip
    panels = client.get(f"/api/storyboards/{sid}/panels").get_json()["panels"]
    first = panels[1]
    saved = client.patch(
        f"/api/panels/{first['id']}",
        json={"version": first["version"], "text": f"Mum {MARKER} was poorly.",
              "heading": f"Heading {MARKER}", "steps": [f"Step {MARKER}"],
              "voices": [{"speaker": "", "label": f"Mum {MARKER}", "text": f"Said {MARKER}"}]},
    )  # fmt: skip
    assert saved.status_code == 200, saved.data
    client.post(
        f"/api/storyboards/{sid}/family-words",
        json={"word": f"poorly days {MARKER}", "means": f"illness {MARKER}"},
    )
    assert send(client, sid, confirm_private="yes").status_code == 302
    token = make_link(client, sid, reviewer_name=f"Sarah {MARKER}")
    reader = client.application.test_client()
    reader.post(f"/r/{token}/comment", data={"panel": "2", "name": "x", "body": f"Hi {MARKER}"})

    # Errors, on purpose, each carrying the marker.
    error("broken JSON", client.patch(
        f"/api/panels/{first['id']}", data=f'{{"text": "{MARKER}',
        content_type="application/json",
    ))  # fmt: skip
    error("too large", client.patch(
        f"/api/panels/{first['id']}",
        json={"version": 1, "text": MARKER * 300_000},
    ))  # fmt: skip
    stale = client.patch(
        f"/api/panels/{first['id']}", json={"version": 1, "text": f"Other {MARKER}2"}
    )
    assert stale.status_code == 409  # it carries the page's own words back to its editor
    error("too long a field", client.patch(
        f"/api/panels/{panels[2]['id']}",
        json={"version": panels[2]["version"], "text": MARKER * 3000},
    ))  # fmt: skip
    error("not a picture", client.post(
        f"/api/storyboards/{sid}/images",
        data={"photo": (io.BytesIO(MARKER.encode() * 10), f"{MARKER}.jpg"), "kind": "photo"},
        content_type="multipart/form-data", headers={"Accept": "application/json"},
    ))  # fmt: skip
    bad_zip = io.BytesIO()
    with zipfile.ZipFile(bad_zip, "w") as archive:
        archive.writestr("storyboard.json", f'{{"format": "{MARKER}"}}')
    imported = client.post(
        f"/cases/{case_id}/import",
        data={"storyfile": (io.BytesIO(bad_zip.getvalue()), f"{MARKER}.zip")},
        content_type="multipart/form-data", follow_redirects=True,
    )  # fmt: skip
    assert "cannot be imported" in imported.get_data(as_text=True)
    assert MARKER not in imported.get_data(as_text=True).split("cannot be imported")[1][:200]

    def crash():  # noqa: ANN202
        text = db.session.get(Panel, first["id"]).text
        raise RuntimeError(f"failed on {text}")

    app.view_functions["cases.dashboard"] = crash  # a bug in a view, with the words in hand
    error("a crash", client.get("/"))

    assert len(errors) == 5
    assert any("RuntimeError" in r.getMessage() for r in caplog.records)  # the crash was logged
    leaked_pages = [label for label, body in errors if MARKER.encode() in body]
    assert leaked_pages == []
    leaked_logs = [r.getMessage() for r in caplog.records if MARKER in r.getMessage()]
    leaked_logs += [r.exc_text for r in caplog.records if r.exc_text and MARKER in r.exc_text]
    assert leaked_logs == []
    # On disk: only inside the database (and its write-ahead log).
    for path in _all_files(tmp_path):
        if path.name.startswith("test.sqlite3"):
            continue
        assert MARKER.encode() not in path.read_bytes(), path
