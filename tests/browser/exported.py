"""Download each export a page offers and open it with the program a family or a colleague
would: Word (python-docx), a PDF reader (pdftotext), an image viewer (Pillow), the browser,
and this app's own file reader for the storyboard files."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from storyboard.story import storyfile


def _flat(text: str) -> str:
    """Words with every run of spaces and line breaks made one space (a PDF breaks lines)."""
    return re.sub(r"\s+", " ", text).replace("\u2019", "'")


def _has_words(text: str, words: list[str], what: str) -> None:
    flat = _flat(text)
    missing = [w for w in words if _flat(w) not in flat]
    assert not missing, f"the {what} lacks {len(missing)} of the story's pages"


def _word(path: Path, words: list[str]) -> None:
    document = docx.Document(str(path))
    body = "\n".join(p.text for p in document.paragraphs)
    body += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    _has_words(body, words, "Word file")
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "Draft" not in header, "an approved version's Word file says Draft"


def _pdf(path: Path, words: list[str]) -> None:
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    _has_words(text, words, f"PDF {path.name}")


def _pictures(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert names and all(n.endswith(".png") for n in names)
        for name in names:
            image = Image.open(io.BytesIO(archive.read(name))).convert("L")
            assert image.width >= 600 and image.height >= 600, f"{name} is {image.size}"
            dark = sum(image.histogram()[:200])
            assert dark > image.width * image.height * 0.002, f"{name} is blank"


def _web_page(page: Page, path: Path, words: list[str]) -> None:
    shown = page.context.new_page()
    try:
        shown.goto(path.as_uri())
        for text in words:
            expect(shown.get_by_text(text).first).to_be_visible()
    finally:
        shown.close()


def _storyfile(path: Path, words: list[str], photos: bool) -> None:
    story = storyfile.loads(path.read_bytes())
    texts = [p.get("text") or "" for p in story.document["panels"]]
    _has_words("\n".join(texts), words, f"storyboard file {path.suffix}")
    assert story.story.child.name == "Sam"
    assert bool(story.images) == photos, "photos are in the zip and only the zip"


def open_every_export(page: Page, links: Locator, folder: Path, words: list[str]) -> list[str]:
    """Download every export link and open each file; returns the formats opened."""
    opened = []
    for i in range(links.count()):
        link = links.nth(i)
        fmt = link.get_attribute("href").split("?")[0].rsplit("/", 1)[-1]
        with page.expect_download() as waiting:
            link.tap()
        path = folder / waiting.value.suggested_filename
        waiting.value.save_as(path)
        assert "Sam" not in path.name, "an export's file name names the child"
        if fmt == "docx":
            _word(path, words)
        elif fmt in ("pdf", "fold"):
            _pdf(path, words)
        elif fmt == "png":
            _pictures(path)
        elif fmt == "html":
            _web_page(page, path, words)
        elif fmt in ("json", "zip"):
            _storyfile(path, words, photos=fmt == "zip")
        else:
            raise AssertionError(f"the test does not know how to open {fmt}")
        opened.append(fmt)
    assert sorted(opened) == ["docx", "fold", "html", "json", "pdf", "png", "zip"], opened
    return opened
