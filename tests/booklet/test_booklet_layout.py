"""One layout: every format has the booklet model's pages, with the model's words on each page.

The PDF is read with pdftotext; the .docx through LibreOffice and the HTML through Chromium's
print to PDF, then pdftotext; PNG pages are checked for ink where the model puts each line.
Words are compared per page as multisets of letters-and-digits runs, so line breaks, hyphens
at line ends and apostrophe styles do not matter, but a word on the wrong page does.
These tests fail, never skip, when LibreOffice or Chromium is missing: CI installs them.
"""

from __future__ import annotations

import dataclasses
import html
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from storyboard.booklet import build_booklet, scene
from storyboard.booklet.model import Booklet
from storyboard.booklet.render import RENDERERS
from storyboard.story import storyfile

FIXTURES = Path(__file__).parents[1] / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_SVG_TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")
VARIANTS = {
    "sam-A4": ("sam-12.json", "A4"),
    "sam-A5": ("sam-12.json", "A5"),
    "layla-A4": ("layla-ar.json", "A4"),
    # Bilingual: both languages on each page, each in its own direction and font.
    "en-ar-A4": ("sam-en-ar.json", "A4"),
    "en-pl-A5": ("sam-en-pl.json", "A5"),
}
BILINGUAL = ("en-ar-A4", "en-pl-A5")
FORMATS = ("pdf", "docx", "html")
PNG_DPI = 50  # enough to find ink on a line, and quick
# Playwright runs in its own process, so it never meets another test's event loop.
PRINT_SCRIPT = """
import json, sys
from playwright.sync_api import sync_playwright
jobs = json.loads(sys.argv[1])
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=sys.argv[2], args=json.loads(sys.argv[3]))
    page = browser.new_page()
    for html, pdf in jobs:
        page.goto("file://" + html)
        page.emulate_media(media="print")
        page.pdf(path=pdf, prefer_css_page_size=True, print_background=True)
    browser.close()
"""


def words(text: str) -> Counter:
    """Return a text's runs of letters and digits as a multiset (NFKC, case kept).

    Readers place combining marks (Arabic vowel marks) differently, so marks are left out; and
    pdftotext puts the letters of a ligature glyph in right-to-left text in the wrong order
    (all three PDFs show it, so it is the reader's, not a renderer's), so right-to-left words
    are compared by their letters.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    found = re.findall(r"\w+", text)
    return Counter("".join(sorted(w)) if _RTL.search(w) else w for w in found)


def pdf_pages(path: Path) -> list[Counter]:
    """Return the words of each page of a PDF, read by pdftotext."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a form feed
    return [words(page) for page in pages]


def model_pages(booklet: Booklet) -> list[Counter]:
    """Return the words the model prints on each page."""
    return [words(" ".join(page.words())) for page in booklet.pages]


def label_words(booklet: Booklet) -> list[set[str]]:
    """Return the words of each page's scene labels (pixels elsewhere, text in HTML's SVG)."""
    return [
        set(words(" ".join(html.unescape(t) for svg in svgs for t in _SVG_TEXT.findall(svg))))
        for svgs in ([b.svg for b in page.blocks if b.kind == "picture"] for page in booklet.pages)
    ]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[Booklet, dict[str, Path]]]:
    """Render every variant to PDF, .docx and HTML, then print the .docx and HTML to PDF."""
    folder = tmp_path_factory.mktemp("layout")
    saved = scene.ILLUSTRATIONS_DIR
    scene.ILLUSTRATIONS_DIR = FIXTURES / "library"
    try:
        out: dict[str, tuple[Booklet, dict[str, Path]]] = {}
        for name, (fixture, size) in VARIANTS.items():
            booklet = build_booklet(storyfile.read(FIXTURES / fixture), page_size=size)
            files = {}
            for fmt in FORMATS:
                files[fmt] = folder / f"{name}.{fmt}"
                files[fmt].write_bytes(RENDERERS[fmt](booklet))
            out[name] = (booklet, files)
    finally:
        scene.ILLUSTRATIONS_DIR = saved
    docx = [str(files["docx"]) for _, files in out.values()]
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf"]
        + ["--outdir", str(folder / "from-docx"), *docx],
        capture_output=True,
        check=True,
        timeout=120,
    )
    jobs = [
        (str(files["html"]), str(folder / f"{name}.html.pdf")) for name, (_, files) in out.items()
    ]
    subprocess.run(
        [sys.executable, "-c", PRINT_SCRIPT, json.dumps(jobs), CHROMIUM, json.dumps(CHROMIUM_ARGS)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    for name, (_, files) in out.items():
        files["docx-pdf"] = folder / "from-docx" / f"{name}.pdf"
        files["html-pdf"] = folder / f"{name}.html.pdf"
    return out


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("source", ["pdf", "docx-pdf", "html-pdf"])
def test_same_pages_and_words_on_each_page(rendered, variant, source):
    booklet, files = rendered[variant]
    expected = model_pages(booklet)
    labels = label_words(booklet)
    found = pdf_pages(files[source])
    assert len(found) == len(expected), f"{source}: {len(found)} pages, model has {len(expected)}"
    for number, (want, got) in enumerate(zip(expected, found, strict=True), 1):
        missing, extra = want - got, got - want
        if source == "html-pdf":
            # Chromium keeps SVG label text as text (a haloed label may even come out twice).
            extra = Counter({w: n for w, n in extra.items() if w not in labels[number - 1]})
        assert not missing and not extra, (
            f"{source} page {number}: missing {sorted(missing.elements())}, "
            f"extra {sorted(extra.elements())}"
        )


@pytest.mark.parametrize("variant", VARIANTS)
def test_png_pages_have_ink_on_every_model_line(rendered, variant):
    booklet, _ = rendered[variant]
    # Without the draft mark, which covers the page on purpose (it has its own test).
    booklet = dataclasses.replace(booklet, mark=None)
    scale = PNG_DPI / 72
    pages = list(RENDERERS["png"](booklet, dpi=PNG_DPI))
    assert len(pages) == len(booklet.pages)
    for page, data in zip(booklet.pages, pages, strict=True):
        image = Image.open(io.BytesIO(data)).convert("L")
        assert image.size == (round(booklet.width * scale), round(booklet.height * scale))
        paper = image.getpixel((1, image.height - 2))
        for block in page.blocks:
            if block.kind != "text":
                continue
            for line in block.lines:
                box = (
                    int(line.x * scale),
                    int(line.y * scale),
                    int((line.x + line.width) * scale) + 1,
                    int((line.y + block.size * block.line_height) * scale) + 1,
                )
                darkest = image.crop(box).getextrema()[0]
                assert darkest < paper - 60, f"page {page.number}: no ink for {line.text!r}"
        # Nothing is drawn in the bottom margin below the last block.
        lowest = max(b.y + b.height for b in page.blocks)
        margin = image.crop((0, int(lowest * scale) + 2, image.width, image.height))
        if margin.height > 0:
            assert margin.getextrema()[0] >= paper - 8, f"page {page.number}: ink off the layout"


@pytest.mark.parametrize("variant", BILINGUAL)
@pytest.mark.parametrize("source", ["pdf", "docx-pdf", "html-pdf"])
def test_a_bilingual_booklet_has_both_languages_on_each_childs_page(rendered, variant, source):
    booklet, files = rendered[variant]
    found = pdf_pages(files[source])
    second = booklet.second_language
    for page, got in zip(booklet.pages, found, strict=True):
        if page.role == "about":
            continue
        texts = [b for b in page.blocks if b.kind == "text" and b.role != "draft"]
        for language in ("en", second):
            said = words(" ".join(p for b in texts if b.language == language for p in b.paragraphs))
            assert said, f"page {page.number} has no {language} words in the model"
            assert not said - got, f"{source} page {page.number}: {language} words missing"
        # A line between them, where the second language starts.
        assert any(b.kind == "rule" for b in page.blocks)
