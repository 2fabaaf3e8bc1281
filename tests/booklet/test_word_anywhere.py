"""The Word file keeps its layout on a computer without our fonts (every council laptop).

LibreOffice opens each fixture's .docx with a font configuration that sees only DejaVu, none
of the booklet's fonts: the fonts embedded in the file must carry it, page for page.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from storyboard.booklet import build_booklet
from storyboard.booklet.render import RENDERERS
from storyboard.story import storyfile

FIXTURES = Path(__file__).parents[1] / "fixtures"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
VARIANTS = [("sam-12.json", "A4"), ("sam-12.json", "A5"), ("layla-ar.json", "A5")]


def _only_dejavu(folder: Path) -> Path:
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{DEJAVU}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def test_the_font_configuration_sees_none_of_our_fonts(tmp_path):
    conf = _only_dejavu(tmp_path)
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    families = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert "DejaVu" in families
    assert "Andika" not in families and "Noto" not in families


def test_word_files_keep_the_models_pages_without_our_fonts(tmp_path):
    conf = _only_dejavu(tmp_path)
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    expected, files = {}, []
    for fixture, size in VARIANTS:
        booklet = build_booklet(storyfile.read(FIXTURES / fixture), page_size=size)
        path = tmp_path / f"{fixture.removesuffix('.json')}-{size}.docx"
        path.write_bytes(RENDERERS["docx"](booklet))
        expected[path.stem] = len(booklet.pages)
        files.append(str(path))
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "out"), *files],
        capture_output=True, check=True, timeout=180, env=env,
    )  # fmt: skip
    for stem, pages in expected.items():
        info = subprocess.run(
            ["pdfinfo", str(tmp_path / "out" / f"{stem}.pdf")],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        found = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert found == pages, f"{stem}: {found} pages in LibreOffice, the model has {pages}"
        fonts = subprocess.run(
            ["pdffonts", str(tmp_path / "out" / f"{stem}.pdf")],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert "Andika" in fonts  # drawn with the embedded font, not a substitute


@pytest.fixture(autouse=True)
def _dejavu_is_there():
    assert DEJAVU.is_dir(), "Debian's fonts-dejavu-core is needed (CI installs it)"
