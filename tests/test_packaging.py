"""A plain `pip install .` must give a working app: the wheel carries templates, static, the
migrations and the booklet's catalogues (read at run time, so the .po files themselves)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from storyboard.story.wording import languages
from storyboard.web.i18n import supported

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_templates_static_migrations_and_catalogues(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True,
    )  # fmt: skip
    wheel = next(tmp_path.glob("storyboard-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "storyboard/templates/base.html",
        "storyboard/static/css/app.css",
        "storyboard/migrations/env.py",
        "storyboard/migrations/alembic.ini",
        "storyboard/data/templates/standard.json",
        "storyboard/translations/booklet.pot",
        *(f"storyboard/translations/{code}/LC_MESSAGES/booklet.po" for code in languages()),
        "storyboard/translations/messages.pot",
        *(f"storyboard/translations/{code}/LC_MESSAGES/messages.po" for code in supported()[1:]),
        "storyboard/static/js/language.js",
    ):
        assert needed in names
    assert any(n.startswith("storyboard/migrations/versions/") for n in names)
