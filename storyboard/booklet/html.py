"""HTML: one self-contained file (fonts and pictures embedded), one booklet page per sheet."""

from __future__ import annotations

import base64
import re
from functools import cache

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from storyboard.booklet import emoji
from storyboard.booklet.fonts import FACES
from storyboard.booklet.mark import mark_png
from storyboard.booklet.model import LISTEN, READ_BY, Booklet
from storyboard.booklet.scene import FONT_STACK
from storyboard.core.paths import TEMPLATES_DIR
from storyboard.story.wording import words

_ID = re.compile(r'(id="|url\(#)([A-Za-z][\w-]*)')
_SVG_OPEN = re.compile(r"^<svg ")


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR / "booklet")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _font_data(face_key: str, bold: bool) -> str:
    return base64.b64encode(FACES[face_key].path(bold).read_bytes()).decode("ascii")


def _inline_svg(svg: str, prefix: str, alt: str) -> Markup:
    """Make a scene SVG safe to inline many times: unique ids, and an accessible name."""
    from html import escape

    svg = _ID.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", svg)
    svg = _SVG_OPEN.sub(f'<svg role="img" aria-label="{escape(alt)}" ', svg, count=1)
    return Markup(svg)  # noqa: S704 - built by scene.py, which escapes every text it holds


def with_emoji(paragraph: str) -> Markup:
    """A paragraph's text, escaped, with each emoji as its OpenMoji picture (one em square)."""
    from html import escape

    parts = []
    for piece, is_emoji in emoji.split(paragraph):
        if is_emoji:
            parts.append(
                f'<img class="emoji" alt="{escape(piece)}" src="{emoji.data_uri(piece)}">'
            )
        else:
            parts.append(escape(piece))
    return Markup("".join(parts))  # noqa: S704 - every piece is escaped above


def render_html(booklet: Booklet) -> bytes:
    """Return the booklet as one HTML file's bytes."""
    fonts = [
        {"family": FACES[key].family, "weight": 700 if bold else 400, "data": _font_data(key, bold)}
        for key in booklet.faces
        for bold in (False, True)
    ]
    svgs = {
        (page.number, index): _inline_svg(block.svg, f"p{page.number}b{index}-", block.alt)
        for page in booklet.pages
        for index, block in enumerate(page.blocks)
        if block.kind == "picture"
    }
    mark = None
    if booklet.mark is not None:
        png, width, height = mark_png(booklet.mark)
        mark = {"src": "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
                "width": width, "height": height}  # fmt: skip
    # Pages read aloud play inside the one file, offline (cleaned at the booklet's door).
    sounds = {
        page.number: "data:audio/mp4;base64," + base64.b64encode(page.recording).decode("ascii")
        for page in booklet.pages
        if page.recording
    }
    say = words(booklet.language)
    template = _environment().get_template("booklet.html")
    html = template.render(
        booklet=booklet,
        sounds=sounds,
        listen=say.gettext(LISTEN),
        read_by=lambda name: say.gettext(READ_BY, name=name),
        fonts=fonts,
        svgs=svgs,
        mark=mark,
        font_stack=Markup(FONT_STACK),  # noqa: S704 - a constant
        pt=lambda value: f"{value:.2f}pt",
        with_emoji=with_emoji,
    )
    return html.encode("utf-8")
