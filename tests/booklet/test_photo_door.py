"""Every photo is cleaned at the booklet's door, whatever file it came in."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from storyboard.booklet.commands import render_command
from storyboard.services.exports import render_export
from storyboard.story.storyfile import StoryFile, validate
from tests.fixtures.pictures import make

# A photo inside a scene (not the draft mark, which is a picture in the page style).
PHOTO = re.compile(r'<image [^>]*href="data:image/(?:jpeg|png);base64,([A-Za-z0-9+/=]+)"')


def story_with(photo: bytes) -> StoryFile:
    document = {
        "format": "storyboard/1",
        "title": "Sam's story",
        "child": {"name": "Sam"},
        "panels": [
            {
                "section": "family",
                "text": "Our house.",
                "pictures": [{"src": "file:images/p.jpg", "x": 0.1, "y": 0.1, "width": 0.4}],
            }
        ],
    }
    return StoryFile(validate(document), {"images/p.jpg": photo})


def photos_in(html: str) -> list[bytes]:
    return [base64.b64decode(m) for m in PHOTO.findall(html)]


def assert_clean(photo: bytes) -> None:
    assert b"SecretCam" not in photo and b"Exif" not in photo
    assert b"family address here" not in photo
    with Image.open(io.BytesIO(photo)) as image:
        assert not image.getexif() and "comment" not in image.info


def test_a_photo_with_gps_and_a_camera_is_cleaned_in_the_booklet():
    html = render_export(story_with(make.gps_jpeg()), "html").decode()
    photos = photos_in(html)
    assert len(photos) == 2  # its page, and the cover, which shows the first scene
    for photo in photos:
        assert_clean(photo)


def test_a_turned_photo_prints_upright():
    html = render_export(story_with(make.rotated_jpeg((60, 40), orientation=6)), "html").decode()
    photo = photos_in(html)[-1]
    with Image.open(io.BytesIO(photo)) as image:
        assert image.size == (40, 60)


def test_a_huge_photo_is_printed_at_the_size_it_prints(tmp_path):
    big = make.photo((4000, 3000))
    html = render_export(story_with(big), "html").decode()
    photo = photos_in(html)[-1]  # on its own page (the cover's is drawn larger)
    with Image.open(io.BytesIO(photo)) as image:
        assert max(image.size) <= 1200  # 40% of the scene's width, at print resolution
    assert len(photo) < len(big)


def test_the_render_command_cleans_photos_from_any_zip(tmp_path):
    storyfile = story_with(make.gps_jpeg())
    archive = tmp_path / "story.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("storyboard.json", json.dumps(storyfile.document))
        out.writestr("images/p.jpg", make.gps_jpeg())
    result = CliRunner().invoke(
        render_command, [str(archive), "--format", "html", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    (html,) = Path(tmp_path / "out").glob("*.html")
    for photo in photos_in(html.read_text(encoding="utf-8")):
        assert_clean(photo)
