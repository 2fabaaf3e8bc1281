"""The pictures blueprint: uploads, who may see them, drawings, picker search, scene saves."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage
from sqlalchemy import select

from storyboard.pictures.scene import PAD_SIZE
from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Drawing, Image, Panel, Storyboard
from storyboard.story.constants import MAX_ALT, MAX_LABEL, MAX_PICTURES
from tests.fixtures.pictures import make


@pytest.fixture
def story(app, make_user, make_case):
    """Ann's storyboard with two panels, and Bob, who works on another case."""
    ann = make_user("ann")
    bob = make_user("bob")
    case_id = make_case("CR-1", ann)
    other_case = make_case("CR-2", bob)
    with app.app_context():
        board = Storyboard(case_id=case_id, number=1, child_name="Sam", title="Sam's story")
        other = Storyboard(case_id=other_case, number=1, child_name="Lee", title="Lee's story")
        db.session.add_all([board, other])
        db.session.flush()
        first = Panel(storyboard_id=board.id, position=1, section="title", text="Sam's story")
        second = Panel(storyboard_id=board.id, position=2, section="worried", text="Who worried")
        foreign = Panel(storyboard_id=other.id, position=1, section="title", text="Lee")
        db.session.add_all([first, second, foreign])
        db.session.commit()
        return {
            "id": board.id,
            "panel": first.id,
            "other": other.id,
            "other_panel": foreign.id,
            "case": case_id,
        }


def upload(client, storyboard_id, data, filename="photo.jpg", kind="photo"):
    return client.post(
        f"/api/storyboards/{storyboard_id}/images",
        data={"photo": (io.BytesIO(data), filename), "kind": kind},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )


def stored_file(app, name):
    """The bytes kept in the blob store for an uploaded picture's stored name."""
    from storyboard.services.images import read_image

    with app.app_context():
        return read_image(name)


def test_upload_strips_gps_and_stores_by_content_hash(app, client, auth, story):
    auth.sign_in("ann")
    response = upload(client, story["id"], make.gps_jpeg(), "holiday.png")
    assert response.status_code == 201
    body = response.get_json()
    assert body["alt"] == "" and (body["width"], body["height"]) == (64, 48)
    assert body["src"].startswith("file:images/") and body["src"].endswith(".jpg")
    name = body["src"].removeprefix("file:images/")
    stored = stored_file(app, name)
    assert len(PILImage.open(io.BytesIO(stored)).getexif()) == 0
    assert b"SecretCam" not in stored and b"Exif" not in stored
    with app.app_context():
        row = db.session.scalar(select(Image))
        assert (row.storyboard_id, row.media_type, row.kind) == (story["id"], "image/jpeg", "photo")
        assert row.sha256 == name[:64] and row.byte_size == len(stored)
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "upload_image"))
        assert event.storyboard_id == story["id"] and event.object_id == row.id
        assert "holiday" not in json.dumps(event.details)

    served = client.get(f"/storyboards/{story['id']}/images/{name}")
    assert served.status_code == 200
    assert served.data == stored
    assert served.mimetype == "image/jpeg"
    assert served.headers["Cache-Control"] == "private, no-store"
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_jpeg_named_png_is_stored_as_jpg_and_png_named_jpg_by_content(client, auth, story):
    auth.sign_in("ann")
    as_png = upload(client, story["id"], make.photo(), "picture.png").get_json()
    assert as_png["src"].endswith(".jpg")
    transparent = upload(client, story["id"], make.transparent_png(), "picture.jpg").get_json()
    assert transparent["src"].endswith(".png")


def test_same_photo_twice_is_one_row(app, client, auth, story):
    auth.sign_in("ann")
    first = upload(client, story["id"], make.photo()).get_json()
    second = upload(client, story["id"], make.photo()).get_json()
    assert first["src"] == second["src"]
    with app.app_context():
        assert len(db.session.scalars(select(Image)).all()) == 1


def test_exif_rotated_photo_comes_out_turned(client, auth, story):
    auth.sign_in("ann")
    body = upload(client, story["id"], make.rotated_jpeg((60, 40))).get_json()
    assert (body["width"], body["height"]) == (40, 60)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (make.truncated_jpeg(), "damaged"),
        (make.SVG_WITH_SCRIPT, "SVG"),
        (make.gif_html_polyglot(), "GIF"),
    ],
    ids=["zero-byte", "truncated", "svg", "gif-html"],
)
def test_bad_uploads_are_refused_with_a_message_and_nothing_kept(
    app, client, auth, story, data, words
):
    auth.sign_in("ann")
    response = upload(client, story["id"], data, "photo.jpg")
    assert response.status_code == 400
    assert words in response.get_json()["message"]
    with app.app_context():
        assert db.session.scalars(select(Image)).all() == []


def test_png_bomb_is_refused_through_the_route(client, auth, story):
    auth.sign_in("ann")
    response = upload(client, story["id"], make.png_bomb(30000), "bomb.png")
    assert response.status_code == 400
    assert "too big" in response.get_json()["message"]


def test_upload_may_exceed_the_form_limit_but_not_max_content_length(client, auth, story):
    auth.sign_in("ann")
    big = make.photo((1500, 1500), "PNG", compress_level=0)
    assert len(big) > 2 * 1024 * 1024
    assert upload(client, story["id"], big, "big.png").status_code == 201
    drawing = client.post(
        f"/api/storyboards/{story['id']}/drawings",
        data=b"x" * (3 * 1024 * 1024),
        content_type="application/json",
    )
    assert drawing.status_code == 413


def test_another_workers_storyboard_images_are_not_found(app, client, auth, story):
    auth.sign_in("ann")
    name = upload(client, story["id"], make.photo()).get_json()["src"][12:]
    auth.sign_out()
    auth.sign_in("bob")
    assert client.get(f"/storyboards/{story['id']}/images/{name}").status_code == 404
    # The same file through Bob's own storyboard: his story has no such image.
    assert client.get(f"/storyboards/{story['other']}/images/{name}").status_code == 404
    assert upload(client, story["id"], make.photo((20, 20))).status_code == 404
    assert (
        client.get(f"/storyboards/{story['id']}/panels/{story['panel']}/scene.svg").status_code
        == 404
    )
    assert client.get(f"/storyboards/{story['id']}/scene/{story['panel']}").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/storyboards/{id}/scene/{panel}"),
        ("get", "/storyboards/{id}/panels/{panel}/scene.svg"),
        ("get", "/storyboards/{id}/panels/{panel}/scene.png"),
        ("get", "/storyboards/{id}/images/" + "a" * 64 + ".jpg"),
        ("get", "/storyboards/{id}/drawings/abc.svg"),
        ("get", "/api/pictures?q=mum"),
        ("get", "/pictures/openmoji/1F600.svg"),
        ("post", "/api/storyboards/{id}/images"),
        ("post", "/api/storyboards/{id}/drawings"),
        ("put", "/api/storyboards/{id}/panels/{panel}/scene"),
    ],
)
def test_signed_out_users_are_turned_away(client, story, method, path):
    url = path.format(id=story["id"], panel=story["panel"])
    response = getattr(client, method)(url, headers={"Accept": "application/json"})
    assert response.status_code == 401


def test_panel_of_another_storyboard_is_not_found(client, auth, story):
    auth.sign_in("ann")
    url = f"/api/storyboards/{story['id']}/panels/{story['other_panel']}/scene"
    assert client.put(url, json={"scene": {}, "version": 1}).status_code == 404
    assert client.get(f"/storyboards/{story['id']}/scene/{story['other_panel']}").status_code == 404


def save(client, story, scene, version):
    url = f"/api/storyboards/{story['id']}/panels/{story['panel']}/scene"
    return client.put(url, json={"scene": scene, "version": version})


def test_scene_save_checks_version_and_bumps_it(app, client, auth, story):
    auth.sign_in("ann")
    scene = {
        "background": "#FFF8E7",
        "pictures": [{"src": "library:girl-happy", "x": 0.1, "y": 0.2, "width": 0.3,
                      "label": "  Sam ", "flip": True, "alt": "Sam smiling"}],
    }  # fmt: skip
    first = save(client, story, scene, 1)
    assert first.status_code == 200
    body = first.get_json()
    assert body["version"] == 2 and body["problems"] == []
    assert body["scene"]["background"] == "#fff8e7"
    assert body["scene"]["pictures"][0] == {
        "src": "library:girl-happy", "x": 0.1, "y": 0.2, "width": 0.3, "flip": True,
        "label": "Sam", "alt": "Sam smiling",
    }  # fmt: skip
    stale = save(client, story, {"pictures": []}, 1)
    assert stale.status_code == 409
    assert stale.get_json()["scene"] == body["scene"]
    assert stale.get_json()["version"] == 2
    with app.app_context():
        panel = db.session.get(Panel, story["panel"])
        assert panel.version == 2 and panel.scene == body["scene"]
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "save_scene" in actions


def test_unknown_pictures_are_left_out_with_a_message(client, auth, story):
    auth.sign_in("ann")
    scene = {
        "pictures": [
            {"src": "library:dragon-42"},
            {"src": "emoji:ZZZZ"},
            {"src": "emoji:1f600"},
            {"src": "file:images/" + "b" * 64 + ".jpg"},
            {"src": "drawing:nope"},
            {"src": "http://example.com/x.png"},
            {"src": "library:../../secret"},
            {"src": "library:house-worries", "x": 7, "y": -1, "width": "big"},
        ]
    }
    body = save(client, story, scene, 1).get_json()
    assert [p["src"] for p in body["scene"]["pictures"]] == ["emoji:1F600", "library:house-worries"]
    assert body["scene"]["pictures"][1] | {} == {
        "src": "library:house-worries", "x": 1.0, "y": 0.0, "width": 0.3, "flip": False,
        "label": "", "alt": "",
    }  # fmt: skip
    problems = body["problems"]
    assert len(problems) == 6
    assert 'Picture 1 ("library:dragon-42") was left out: there is no such picture' in problems[0]
    assert "no such OpenMoji picture" in problems[1]
    assert "no photo with that name was uploaded to this story" in problems[2]
    assert "no drawing with that name" in problems[3]
    assert "its source is not one we know" in problems[4] and problems[5]


def test_scene_shape_errors_are_refused(client, auth, story):
    auth.sign_in("ann")
    assert save(client, story, "nope", 1).status_code == 400
    assert save(client, story, {"pictures": "x"}, 1).status_code == 400
    assert save(client, story, {"pictures": [{"src": "library:sun"}] * 41}, 1).status_code == 400
    url = f"/api/storyboards/{story['id']}/panels/{story['panel']}/scene"
    assert client.put(url, json={"scene": {}}).status_code == 400


def test_errors_have_the_one_json_shape(client, auth, story):
    auth.sign_in("ann")
    response = client.post(f"/api/storyboards/{story['id']}/images", data={})
    assert response.status_code == 400
    message = "Please choose a photo to add."
    assert response.get_json() == {"error": "bad_request", "message": message}
    body = save(client, story, {"pictures": "x"}, 1).get_json()
    assert isinstance(body["error"], str) and body["error"] != "bad_request" and body["message"]
    response = client.post(f"/api/storyboards/{story['id']}/drawings", json=[])
    assert response.get_json()["error"] == "bad_request"


def test_photo_of_another_storyboard_cannot_be_placed(app, client, auth, story):
    auth.sign_in("bob")
    src = upload(client, story["other"], make.photo()).get_json()["src"]
    auth.sign_out()
    auth.sign_in("ann")
    body = save(client, story, {"pictures": [{"src": src}]}, 1).get_json()
    assert body["scene"]["pictures"] == []
    assert "no photo with that name" in body["problems"][0]


def stroke(points, **extra):
    return {"color": "#2f6fb3", "size": 10, "erase": False, "points": points, **extra}


def test_drawing_is_kept_as_trimmed_vector_strokes(app, client, auth, story):
    auth.sign_in("ann")
    strokes = [
        stroke([[100, 100], [300, 200]]),
        stroke([[150, 150], [160, 160]], erase=True, color="#000000"),
        stroke([[200, 120]], size=20),
    ]
    response = client.post(f"/api/storyboards/{story['id']}/drawings", json={"strokes": strokes})
    assert response.status_code == 201
    body = response.get_json()
    key = body["src"].removeprefix("drawing:")
    assert body["x"] == pytest.approx(93 / 800, abs=1e-4)
    assert body["y"] == pytest.approx(93 / 600, abs=1e-4)
    assert body["width"] == pytest.approx((307 - 93) / 800, abs=1e-4)
    with app.app_context():
        row = db.session.scalar(select(Drawing))
        assert row.key == key and row.storyboard_id == story["id"]
        assert (row.width, row.height) == (214, 114)
        assert row.strokes[0]["points"] == [[7.0, 7.0], [207.0, 107.0]]
        assert row.strokes[1]["erase"] is True
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "save_drawing"))
        assert event.details == {"strokes": 3}

    svg = client.get(f"/storyboards/{story['id']}/drawings/{key}.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert svg.headers["Cache-Control"] == "private, no-store"
    soup = BeautifulSoup(svg.data, "html.parser")
    assert soup.svg["viewbox"] == "0 0 214 114"
    assert len(soup.find_all("path")) == 3 and len(soup.find_all("mask")) == 1
    # The dot drawn after rubbing out is outside the mask: it stays visible.
    masked = soup.find("g", attrs={"mask": True})
    assert len(masked.find_all("path")) == 1
    saved = save(client, story, {"pictures": [{"src": body["src"]}]}, 1).get_json()
    assert saved["problems"] == []

    auth.sign_out()
    auth.sign_in("bob")
    assert client.get(f"/storyboards/{story['id']}/drawings/{key}.svg").status_code == 404


@pytest.mark.parametrize(
    "strokes",
    [[], "x", [stroke([])], [stroke([[1, 2]], erase=True)], [stroke([[1, "a"]])],
     [stroke([[1, 2, 3]])], [stroke([[1, 1]])] * 1001],
)  # fmt: skip
def test_bad_drawings_are_refused(client, auth, story, strokes):
    auth.sign_in("ann")
    response = client.post(f"/api/storyboards/{story['id']}/drawings", json={"strokes": strokes})
    assert response.status_code == 400
    assert response.get_json()["message"]


def test_picker_search_finds_our_drawings_then_emoji(client, auth, story):
    auth.sign_in("ann")
    body = client.get("/api/pictures?q=police").get_json()
    sources = [r["src"] for r in body["results"]]
    assert sources[0].startswith("library:police")
    assert any(s.startswith("emoji:") for s in sources)
    assert all(r["alt"] and r["title"] and r["url"] for r in body["results"])
    assert body["credit"].startswith("Emoji graphics by OpenMoji")
    assert {"id": "library:feelings", "label": "Feelings"} in body["categories"]
    assert len(sources) == len(set(sources))


def test_picker_browses_categories(client, auth, story):
    auth.sign_in("ann")
    ours = client.get("/api/pictures?category=library:helpers").get_json()
    assert ours["results"] and all(r["source"] == "library" for r in ours["results"])
    assert ours["credit"] is None
    shelf = client.get("/api/pictures?category=emoji:feelings").get_json()
    assert shelf["results"] and all(r["src"].startswith("emoji:") for r in shelf["results"])
    assert client.get("/api/pictures?category=emoji:nothing").get_json()["results"] == []


def test_picker_urls_serve_pictures(client, auth, story):
    auth.sign_in("ann")
    for item in client.get("/api/pictures?q=happy").get_json()["results"][:40]:
        response = client.get(item["url"])
        assert response.status_code == 200, item
        assert response.mimetype == "image/svg+xml"
    assert client.get("/pictures/openmoji/ZZZZ.svg").status_code == 404
    assert client.get("/pictures/openmoji/..%2F..%2Fsecret.svg").status_code == 404


def test_scene_page_mounts_the_composer(client, auth, story):
    auth.sign_in("ann")
    save(client, story, {"pictures": [{"src": "library:grandma", "label": "Nan"}]}, 1)
    response = client.get(f"/storyboards/{story['id']}/scene/{story['panel']}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.data, "html.parser")
    editor = soup.select_one(".scene-editor")
    assert editor["data-panel-id"] == str(story["panel"])
    assert editor["data-storyboard-id"] == str(story["id"])
    assert editor["data-version"] == "2"
    assert json.loads(editor["data-scene"])["pictures"][0]["label"] == "Nan"
    scripts = soup.find_all("script", src=True)
    assert sorted(s["src"] for s in scripts) == [
        "/static/js/offline.js",
        "/static/js/pictures/scene.js",
    ]
    assert all(s["type"] == "module" for s in scripts)
    # The only script without a file is data: the server's colours and limits, as JSON.
    (data,) = soup.find_all("script", src=False)
    assert data["type"] == "application/json" and data["id"] == "picture-settings"
    settings = json.loads(data.string)
    assert settings["backgrounds"][0] == ["#fff8e7", "Cream"]
    assert settings["max_pictures"] == MAX_PICTURES and settings["pad_size"] == list(PAD_SIZE)
    assert settings["max_label"] == MAX_LABEL and settings["max_alt"] == MAX_ALT
    assert settings["search_url"] == "/api/pictures"
    assert not soup.find_all("style")
    assert not soup.find_all(style=True)
    assert soup.find("meta", attrs={"name": "csrf-token"})


def near(pixel, colour, tolerance=12):
    return all(abs(a - b) < tolerance for a, b in zip(pixel, colour, strict=True))


def test_scene_renders_on_the_server_as_svg_and_png(app, client, auth, story):
    auth.sign_in("ann")
    photo = upload(client, story["id"], make.photo()).get_json()["src"]
    scene = {
        "background": "#e3f1fa",
        "pictures": [
            {"src": "library:grandma", "x": 0.05, "y": 0.1, "width": 0.3, "label": "Nan"},
            {"src": photo, "x": 0.5, "y": 0.5, "width": 0.3},
        ],
    }
    save(client, story, scene, 1)
    svg = client.get(f"/storyboards/{story['id']}/panels/{story['panel']}/scene.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert "X-Scene-Missing" not in svg.headers
    soup = BeautifulSoup(svg.data, "html.parser")
    drawn = [c for c in soup.svg.find_all(recursive=False) if c.name not in ("rect", "clippath")]
    assert [c.name for c in drawn] == ["g", "image", "text"]  # Nan (inlined), the photo, her label
    assert soup.find("text").get_text() == "Nan"
    png = client.get(f"/storyboards/{story['id']}/panels/{story['panel']}/scene.png?width=400")
    assert png.status_code == 200 and png.mimetype == "image/png"
    image = PILImage.open(io.BytesIO(png.data)).convert("RGB")
    assert image.size == (400, 300)
    assert image.getpixel((390, 20)) == (0xE3, 0xF1, 0xFA)  # the background
    # The photo's bright lower-right quarter, where the scene put the photo (x 0.5, y 0.5).
    assert near(image.getpixel((300, 225)), (0xD0, 0x80, 0x50))
    assert sum(image.getpixel((215, 160))) < 150  # its dark top-left quarter
    # Nan is drawn inside her box (x 0.05 to 0.35 of the width).
    box = image.crop((20, 30, 140, 150))
    assert len(box.getcolors(maxcolors=10000) or []) > 5
    assert (
        client.get(
            f"/storyboards/{story['id']}/panels/{story['panel']}/scene.png?width=99999"
        ).status_code
        == 400
    )


def test_a_photo_over_the_limit_is_refused_with_the_real_limit_and_no_go_back(
    app, client, auth, story
):
    auth.sign_in("ann")
    limit = app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
    response = upload(client, story["id"], b"\xff\xd8\xff" + b"\0" * (30 * 1024 * 1024))
    assert response.status_code == 413
    message = response.get_json()["message"]
    assert f"pictures up to {limit} MB" in message and "This picture is 31 MB" in message
    assert "go back" not in message.lower()
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert f"| `MAX_CONTENT_LENGTH` | {app.config['MAX_CONTENT_LENGTH']} |" in readme
