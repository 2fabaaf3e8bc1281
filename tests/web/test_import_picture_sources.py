"""Imported picture sources must point at something this file or this app has."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sqlalchemy import func, select

from storyboard.services.db import db
from storyboard.services.models import Storyboard

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _story(*pictures: dict, drawings: dict | None = None) -> dict:
    return {
        "format": "storyboard/1",
        "title": "Sam's story",
        "child": {"name": "Sam"},
        "drawings": drawings or {},
        "panels": [{"text": "Hello."}, {"text": "Mum and Sam.", "pictures": list(pictures)}],
    }


def _zip(document: dict, files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("storyboard.json", json.dumps(document))
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _import(client, case_id: int, data: bytes, name: str) -> str:
    response = client.post(
        f"/cases/{case_id}/import",
        data={"storyfile": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    return response.get_data(as_text=True)


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Storyboard))


@pytest.fixture
def case(app, make_user, make_case, auth) -> int:
    case_id = make_case("CR-1", make_user("ann"))
    auth.sign_in("ann")
    return case_id


@pytest.mark.parametrize(
    ("picture", "message"),
    [
        ({"src": "drawing:../../etc/passwd"}, "names a drawing that is not in drawings"),
        ({"src": "drawing:nowhere"}, "names a drawing that is not in drawings"),
        ({"src": "library:no-such-picture"}, "which is not a picture in our library"),
        ({"src": "emoji:1F9FF0"}, "which OpenMoji does not have"),
    ],
)
def test_a_picture_pointing_at_nothing_is_refused_naming_its_place(
    app, client, case, picture, message
):
    page = _import(client, case, json.dumps(_story(picture)).encode(), "story.json")
    assert "panels[1].pictures[0].src" in page
    assert message in page
    assert _count(app) == 0


def test_a_zip_naming_a_photo_it_does_not_hold_is_refused(app, client, case):
    document = _story({"src": "file:images/missing.png"})
    page = _import(client, case, _zip(document, {"images/other.png": PNG}), "story.zip")
    assert "panels[1].pictures[0].src: names images/missing.png" in page
    assert _count(app) == 0


def test_photos_a_json_file_cannot_carry_are_left_out_and_said_so(app, client, case):
    document = _story({"src": "file:images/a.png"}, {"src": "library:home"})
    page = _import(client, case, json.dumps(document).encode(), "story.json")
    assert "Imported as storyboard 1" in page
    assert "1 photo it names is left out" in page
    with app.app_context():
        storyboard = db.session.scalar(select(Storyboard))
        pictures = storyboard.panels[1].scene["pictures"]
        assert [p["src"] for p in pictures] == ["library:home"]
