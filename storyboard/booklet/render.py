"""The renderer registry: each takes a Booklet and returns bytes (PNG: an iterator of pages)."""

from __future__ import annotations

from storyboard.booklet.html import render_html
from storyboard.booklet.pdf import render_pdf
from storyboard.booklet.png import render_png
from storyboard.booklet.word import render_docx

# html, docx, pdf -> bytes. png -> an iterator yielding one PNG file's bytes per page, drawn
# as it is consumed, so a long booklet never holds every page in memory.
RENDERERS = {
    "html": render_html,
    "docx": render_docx,
    "png": render_png,
    "pdf": render_pdf,
}
FORMATS = tuple(RENDERERS)
