"""The booklet: a story laid out once as pages (in points), then drawn by four renderers.

`build_booklet` is the front door: `model` holds the pure page data, `pages` lays a story out
into it, and `render.RENDERERS` draws it as html, docx, png or pdf.
"""

from __future__ import annotations

from storyboard.booklet.model import CREAM, PAGE_SIZES, Booklet, Council
from storyboard.booklet.pages import build
from storyboard.story.storyfile import StoryFile

__all__ = ["Booklet", "Council", "build_booklet"]


def build_booklet(
    storyfile: StoryFile,
    *,
    page_size: str | None = None,
    draft: bool | None = None,
    page_colour: str | None = None,
    council: Council | None = None,
) -> Booklet:
    """Lay out the whole booklet from a validated storyfile, once, in points.

    `council`: the council's name and logo for the About page, when the worker chose them.
    """
    doc = storyfile.document
    size = page_size or doc.get("page_size") or "A4"
    if size not in PAGE_SIZES:
        raise ValueError("page size must be A4, A5 or Letter")
    is_draft = doc.get("status", "draft") != "approved" if draft is None else draft
    colour = page_colour or doc.get("page_colour") or "#ffffff"
    if colour == "cream":
        colour = CREAM
    return build(storyfile, size, is_draft, colour, council)
