"""The worker's guide: every picture it shows is in docs/guide/, small enough to keep in git,
and the guide stays short."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

DOCS = Path(__file__).resolve().parents[1] / "docs"
GUIDE = DOCS / "guide-for-workers.md"


def _images() -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)]+)\)", GUIDE.read_text(encoding="utf-8"))


def test_every_image_the_guide_names_exists():
    images = _images()
    assert len(images) >= 10
    missing = [name for name in images if not (DOCS / name).is_file()]
    assert not missing, f"the guide names images that are not there: {missing}"


def test_the_guide_images_are_screenshots_of_a_sensible_size():
    for name in _images():
        path = DOCS / name
        assert path.stat().st_size < 250_000, f"{name} is too big for the repository"
        with Image.open(path) as image:
            assert image.format == "PNG" and min(image.size) >= 390, name


def test_the_guide_is_short():
    words = len(GUIDE.read_text(encoding="utf-8").split())
    assert words < 1500, f"the guide has {words} words"
