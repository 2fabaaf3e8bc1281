"""Crafted files through every way in: the photo upload, the storyboard import, the command line.

Each file is made here. None is kept as it came: a picture is stored only re-encoded with no
metadata; anything else is refused with a message naming what is wrong, and a bomb is refused
in under a second with little memory. The database is unchanged by every refusal.
"""

from __future__ import annotations

import io
import json
import time
import tracemalloc
import zipfile

import pytest
from PIL import Image as PILImage
from sqlalchemy import func, select

from storyboard.cli import cli
from storyboard.services.db import db
from storyboard.services.images import read_image
from storyboard.services.models import Image, Storyboard
from tests.fixtures.pictures import make

GOOD_PANEL = {"text": "Hello."}


def _story(**fields) -> dict:
    return {"format": "storyboard/1", "title": "T", "child": {"name": "Sam"},
            "panels": [GOOD_PANEL], **fields}  # fmt: skip


def _zip(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _nested(depth: int) -> bytes:
    return b'{"format": "storyboard/1", "x": ' + b"[" * depth + b"]" * depth + b"}"


UPLOADS = {  # name -> (bytes, the words the refusal must contain, or None: stored cleaned)
    "gps.jpg": (make.gps_jpeg(), None),
    "text-chunks.png": (make.png_with_text(), None),
    "jpeg-zip-polyglot.jpg": (make.jpeg_zip_polyglot(), None),
    "gif-html-polyglot.gif": (make.gif_html_polyglot(), "GIF"),
    "png-header-html.png": (make.png_header_html_body(), "damaged"),
    "truncated.jpg": (make.truncated_jpeg(), "damaged or incomplete"),
    "script.svg": (make.SVG_WITH_SCRIPT, "SVG"),
    "page.jpg": (b"<!doctype html><script>alert(1)</script>", "web page"),
    "document.png": (b"%PDF-1.7\n1 0 obj", "PDF"),
    "empty.jpg": (b"", "empty"),
    "zip.png": (_zip({"a.txt": b"x"}), "zip file or document"),
    "bomb.png": (make.png_bomb(), "too big"),
}
IMPORTS = {  # name -> (bytes, the words the refusal must contain)
    "zip-bomb.zip": (
        _zip(
            {
                "storyboard.json": json.dumps(_story()).encode(),
                "images/big.png": b"\0" * (30 * 1024 * 1024),
            }
        ),
        "unpacks to far more than it holds",
    ),  # fmt: skip
    "nested.json": (_nested(100_000), "nested too deeply"),
    "nested-600.json": (_nested(600), "title: is required"),  # was a 500
    "huge.json": (
        b'{"format": "storyboard/1", "pad": "' + b"x" * (21 * 1024 * 1024) + b'"}',
        "too large",
    ),  # fmt: skip
    "many-panels.json": (
        json.dumps(_story(panels=[GOOD_PANEL] * 20_000)).encode(),
        "has more than 200 pages",
    ),
    "long-panel.json": (
        json.dumps(_story(panels=[{"text": "x" * 5_000_000}])).encode(),
        "is longer than 20,000 characters",
    ),  # fmt: skip
    "escape.zip": (
        _zip(
            {
                "storyboard.json": json.dumps(
                    _story(panels=[{"text": "x", "pictures": [{"src": "file:../../etc/passwd"}]}])
                ).encode()
            }
        ),
        "relative path inside the zip",
    ),  # fmt: skip
    "no-such-drawing.json": (
        json.dumps(
            _story(panels=[{"text": "x", "pictures": [{"src": "drawing:../../etc/passwd"}]}])
        ).encode(),
        "not in drawings",
    ),  # fmt: skip
    "truncated.zip": (_zip({"storyboard.json": b"{}"})[:40], "not a valid zip"),
    "not-json.json": (b"\xff\xfe\x00garbage", "UTF-8"),
    "script-in-zip.zip": (
        _zip(
            {"storyboard.json": json.dumps(_story()).encode(), "images/x.svg": make.SVG_WITH_SCRIPT}
        ),
        None,
    ),  # fmt: skip
}


@pytest.fixture
def story(app, make_user, make_case, make_storyboard, auth) -> dict:
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    auth.sign_in("ann")
    return {"case": case_id, "id": make_storyboard(case_id)}


def _measured(send):  # noqa: ANN001, ANN202
    """The answer to `send()`, how long it took and the most memory it used."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        response = send()
        return response, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Image)),
            db.session.scalar(select(func.count()).select_from(Storyboard)),
        )


@pytest.mark.parametrize("name", list(UPLOADS))
def test_an_uploaded_file_is_refused_or_kept_only_re_encoded(app, client, story, name):
    data, refusal = UPLOADS[name]
    before = _counts(app)
    response, seconds, peak = _measured(
        lambda: client.post(
            f"/api/storyboards/{story['id']}/images",
            data={"photo": (io.BytesIO(data), name), "kind": "photo"},
            content_type="multipart/form-data",
            headers={"Accept": "application/json"},
        )
    )
    if refusal:
        assert response.status_code in (400, 413, 415, 422), name
        assert refusal in response.get_json()["message"], response.get_json()
        assert _counts(app) == before
        # Memory, not time: a timed test fails on a busy machine (speed is for bench/).
        assert peak < 64 * 1024 * 1024, (seconds, peak)
        return
    assert response.status_code == 201, response.get_json()
    stored_name = response.get_json()["src"].removeprefix("file:images/")
    with app.app_context():
        stored = read_image(stored_name)
    assert stored != data  # re-encoded, never kept as it came
    image = PILImage.open(io.BytesIO(stored))
    image.load()
    assert len(image.getexif()) == 0 and not image.info.get("xmp")
    harmless = {"dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "gamma"}
    assert set(image.info) <= harmless, image.info
    assert b"PK\x03\x04" not in stored and b"<" not in stored[:64]


@pytest.mark.parametrize("name", list(IMPORTS))
def test_an_imported_file_is_refused_with_its_reason(app, client, story, name):
    data, refusal = IMPORTS[name]
    before = _counts(app)
    response, seconds, peak = _measured(
        lambda: client.post(
            f"/cases/{story['case']}/import",
            data={"storyfile": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
            follow_redirects=True,
        )
    )
    page = response.get_data(as_text=True)
    if refusal is None:  # a file inside that is not a picture is left behind, never stored
        assert "Imported as storyboard" in page
        assert _counts(app)[0] == before[0]
        return
    assert "cannot be imported" in page and refusal in page, page[-600:]
    assert _counts(app) == before
    if "bomb" in name:  # refused before it is inflated: memory stays small
        assert peak < 64 * 1024 * 1024, (seconds, peak)


@pytest.mark.parametrize("name", ["zip-bomb.zip", "nested.json", "escape.zip"])
def test_the_command_line_refuses_the_same_files(tmp_path, name):
    from click.testing import CliRunner

    path = tmp_path / name
    path.write_bytes(IMPORTS[name][0])
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code != 0
    assert IMPORTS[name][1] in result.output
