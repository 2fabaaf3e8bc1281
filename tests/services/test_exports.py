"""One format registry; a version's exports drawn once per print setting and kept."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storyboard.booklet import render
from storyboard.services import blobs, exports
from storyboard.services.db import db
from storyboard.services.models import ExportFile
from tests.fixtures.factories import edit_panels, send


def test_every_booklet_renderer_has_an_export_format_and_back():
    renderers = {f.renderer for f in exports.FORMATS.values() if f.booklet}
    assert renderers == set(render.FORMATS)
    assert {"json", "zip"} == {name for name, f in exports.FORMATS.items() if not f.booklet}


def kept(app) -> list[tuple[str, str]]:  # noqa: ANN001
    with app.app_context():
        return db.session.execute(select(ExportFile.format, ExportFile.settings)).all()


@pytest.fixture
def drawn(monkeypatch) -> list[str]:  # noqa: ANN001
    """The formats actually drawn (not served from what was kept)."""
    calls: list[str] = []
    real = exports.render_export

    def counting(storyfile, fmt, **settings):  # noqa: ANN001, ANN202
        calls.append(fmt)
        return real(storyfile, fmt, **settings)

    monkeypatch.setattr(exports, "render_export", counting)
    return calls


def test_a_version_export_is_drawn_once_and_then_served_as_kept(client, app, review, drawn):
    sid = review["storyboard"]
    send(client, sid)
    first = client.get(f"/storyboards/{sid}/versions/1/export/docx")
    again = client.get(f"/storyboards/{sid}/versions/1/export/docx")
    assert first.status_code == again.status_code == 200
    assert first.data == again.data
    assert drawn == ["docx"]
    assert [fmt for fmt, _ in kept(app)] == ["docx"]


def test_a_new_print_setting_draws_the_version_again(client, app, review, drawn):
    sid = review["storyboard"]
    send(client, sid)
    a4 = client.get(f"/storyboards/{sid}/versions/1/export/html").data
    client.post(
        f"/storyboards/{sid}/booklet-settings", data={"page_size": "A5", "page_colour": "cream"}
    )
    a5 = client.get(f"/storyboards/{sid}/versions/1/export/html").data
    assert a4 != a5 and drawn == ["html", "html"]
    settings = sorted(s for _, s in kept(app))
    assert "size=A4" in settings[0] and "size=A5" in settings[1] and "colour=#" in settings[1]
    assert all(s.startswith("draft;") for s in settings)  # not approved yet: marked Draft


def test_the_draft_is_drawn_fresh_every_time(client, app, review):
    sid = review["storyboard"]
    before = client.get(f"/storyboards/{sid}/export/html").data
    edit_panels(app, sid, "Words changed at the table.")
    after = client.get(f"/storyboards/{sid}/export/html").data
    assert b"Words changed at the table." in after and b"Words changed" not in before
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ExportFile)) == 0


def test_the_layout_fingerprint_follows_the_drawing_code():
    assert len(exports.layout_version()) == 16
    assert exports._settings_key("pdf", True, {}).endswith(f"layout={exports.layout_version()}")
    assert "layout" not in exports._settings_key("zip", True, {})


def test_exports_drawn_by_older_code_are_forgotten(client, app, review, monkeypatch):
    sid = review["storyboard"]
    send(client, sid)
    monkeypatch.setattr(exports, "layout_version", lambda: "old-code")
    client.get(f"/storyboards/{sid}/versions/1/export/html")
    with app.app_context():
        old_blob = db.session.scalar(select(ExportFile.blob_sha256))
    # A new release draws the same page a little differently.
    monkeypatch.setattr(exports, "layout_version", lambda: "new-code")
    monkeypatch.setattr(exports, "render_export", lambda *a, **k: b"<p>drawn by new code</p>")
    assert client.get(f"/storyboards/{sid}/versions/1/export/html").data.endswith(b"new code</p>")
    assert [s.rpartition("=")[2] for _, s in kept(app)] == ["new-code"]
    with app.app_context():
        assert blobs.get(old_blob) is None


def test_the_folding_pdf_is_a5_pages_on_a4_sheets_in_folding_order(client, review, tmp_path):
    import subprocess

    sid = review["storyboard"]
    answer = client.get(f"/storyboards/{sid}/export/fold")
    assert answer.status_code == 200 and answer.data.startswith(b"%PDF")
    assert answer.headers["Content-Disposition"].endswith('-to-fold.pdf"')
    pdf = tmp_path / "fold.pdf"
    pdf.write_bytes(answer.data)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "841.89 x 595.28" in info or "842 x 595" in info  # A4 landscape sheets
    # Up to 12 A5 pages, padded to a multiple of 4: 3 sheets, printed on both sides.
    assert "Pages:           6" in info
    first_side = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
        capture_output=True, text=True,
    ).stdout
    assert "Sam's story" in first_side  # the cover is on the first side, beside the back
