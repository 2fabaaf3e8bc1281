"""The preview beside the editor, drawn by the booklet's own HTML renderer, and
read-with-the-child mode.

Reading together is on a screen, not paper: the printed page scaled to fit a tablet made the
words small, so read mode shows the booklet reflowed for the screen (`booklet.reading`, the
reviewer's phone page too): the same pages, words, pictures and order from
`story.reading.printed_panels`, one page at a time, in large type, the picture beside the
words in landscape and above them in portrait. Its pictures are SVG in `<img>`, so no script
or style of theirs runs in our page.

The booklet HTML is one self-contained document with a <style> block and style attributes, so
it is served from its own URL with a Content-Security-Policy of its own: no scripts at all, no
requests anywhere (`default-src 'none'`), inline styles and data: fonts and pictures only, and
`frame-ancestors 'self'` so only our pages may frame it. The editor shows it in an
`<iframe sandbox>` (no scripts, an opaque origin). The app's pages keep their strict policy.
"""

from __future__ import annotations

import copy
from pathlib import PurePosixPath

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext
from flask_login import login_required

from storyboard.booklet import build_booklet
from storyboard.booklet.reading import reading_view
from storyboard.booklet.render import RENDERERS
from storyboard.services import audit, panels
from storyboard.services.db import db
from storyboard.services.models import Storyboard
from storyboard.services.storydoc import to_storyfile
from storyboard.story.reading import empty_panels
from storyboard.story.storyfile import StoryFile
from storyboard.story.wording import N_
from storyboard.web.access import get_storyboard
from storyboard.web.i18n import use_family_language
from storyboard.web.languages import language
from storyboard.web.second_reading import second_words

bp = Blueprint("reader", __name__)

BOOKLET_CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "font-src data:",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self'",
    ]
)
# Added to the booklet document in the preview frame: pages without the desk around them.
FRAME_CSS = (
    "<style>html,body{background:transparent!important;overflow:hidden}"
    ".page{margin:0 auto!important;box-shadow:none!important;zoom:1!important}"
    "</style>"
)


def booklet_response(html: bytes) -> Response:
    """Serve booklet HTML under its own narrow policy, frameable only by our pages."""
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = BOOKLET_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cache-Control"] = "no-store"
    return response


def _with_css(html: bytes, css: str) -> bytes:
    return html.replace(b"</head>", css.encode("utf-8") + b"</head>", 1)


EMPTY_NOTE = N_(
    "This page is empty, so it is left out of the booklet. "
    "Add words or a picture and it will print."
)


def _one_panel(storyfile: StoryFile, index: int) -> tuple[StoryFile, str | None]:
    """A storyfile holding only one panel, or why that panel prints no page."""
    document = copy.deepcopy(storyfile.document)
    panel = document["panels"][index]
    if panel.get("skipped"):
        return storyfile, gettext("This page is skipped, so it is not in the booklet.")
    if document.get("minimal") and panel.get("section") not in ("title", "safety-plan", "talk-to"):
        return storyfile, gettext("The minimal version leaves this page out of the booklet.")
    if index in {i for i, _ in empty_panels(storyfile.story)}:
        return storyfile, gettext(EMPTY_NOTE)
    document["panels"] = [panel]
    return StoryFile(document, storyfile.images), None


@bp.get("/storyboards/<int:storyboard_id>/preview")
@login_required
def preview(storyboard_id: int) -> Response:
    """The booklet page(s) one panel makes (`?panel=id`), or the whole booklet."""
    storyboard = get_storyboard(storyboard_id)
    storyfile = to_storyfile(storyboard)
    panel_id = request.args.get("panel", type=int)
    if panel_id is not None:
        ids = [p.id for p in panels.live_panels(storyboard)]
        if panel_id not in ids:
            abort(404)
        section = storyfile.document["panels"][ids.index(panel_id)].get("section")
        storyfile, note = _one_panel(storyfile, ids.index(panel_id))
        if note:
            return booklet_response(render_template("editor/preview_note.html", note=note).encode())
        booklet = build_booklet(storyfile)
        keep = {"title": ("title",), "talk-to": ("panel", "end")}.get(section, ("panel",))
        booklet.pages = [p for p in booklet.pages if p.role in keep] or booklet.pages
    else:
        booklet = build_booklet(storyfile)
    return booklet_response(_with_css(RENDERERS["html"](booklet), FRAME_CSS))


@bp.get("/storyboards/<int:storyboard_id>/read")
@login_required
def read(storyboard_id: int) -> str:
    """Read with the child: full screen, one page at a time, swipe or tap to turn."""
    storyboard = get_storyboard(storyboard_id)
    use_family_language(storyboard.language)  # the page's own words in the story's language
    storyfile = to_storyfile(storyboard, with_recordings=False)
    reading = reading_view(storyfile)
    audit.record(
        "read_storyboard", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id
    )
    db.session.commit()
    story = storyfile.story
    return render_template(
        "editor/read.html", sb=storyboard, reading=reading, audio_url=recording_url(storyboard),
        # A bilingual story: each page shows its words in both languages.
        second=second_words(story),
        second_lang=language(story.second_language) if story.second_language else None,
    )  # fmt: skip


def recording_url(storyboard: Storyboard):  # noqa: ANN201 - a function for the template
    """The address that plays a page's recording (the app names it `recordings/<sha>.m4a`)."""

    def url(path: str) -> str:
        return url_for(
            "recordings.play", storyboard_id=storyboard.id, sha256=PurePosixPath(path).stem
        )

    return url
