"""Exports and imports: the booklet as HTML, Word, PDF or PNG pages, and the portable file."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext, lazy_gettext, ngettext
from flask_login import current_user, login_required

from storyboard.booklet.model import CREAM
from storyboard.core.errors import error_body
from storyboard.plainwords.private import private_details
from storyboard.services import audit, council
from storyboard.services.db import db
from storyboard.services.exports import FORMATS, export_filename, render_export
from storyboard.services.storydoc import import_storyfile, photos_left_out, to_storyfile
from storyboard.story.bilingual import language_name, missing_second_words
from storyboard.story.reading import empty_pages
from storyboard.story.storyfile import StoryFileError, loads
from storyboard.web.access import get_case, get_storyboard
from storyboard.web.i18n import code_words
from storyboard.web.security import allows_uploads
from storyboard.web.signin import wants_json

bp = Blueprint("exports", __name__)


def _unavailable() -> Response:
    """Answer an export this server cannot make yet (a missing system library)."""
    message = gettext(
        "Pictures of pages cannot be made on this server yet: it needs a text-shaping library "
        "(libraqm). Ask your IT team; the other formats work."
    )
    response = Response(render_template("errors/error.html", status=503, message=message))
    response.status_code = 503
    return response


BOOKLETS = tuple(name for name, f in FORMATS.items() if f.booklet)
PRIVATE_MESSAGE = lazy_gettext(
    "Some private details would print in the booklet. Look at the list on the export page, "
    "and tick the box once you have checked them."
)


def private_checked() -> bool:
    """Whether the worker ticked "I have checked these" for the private details listed."""
    return request.args.get("checked") == "yes"


def check_private_first(page: str) -> Response:
    """Send the worker to the page listing the private details (a script gets a 409)."""
    if wants_json():
        return jsonify(error_body("private_details", str(PRIVATE_MESSAGE))), 409
    flash(str(PRIVATE_MESSAGE), "error")
    return redirect(page + "#private-title")


def download(data: bytes, fmt: str, filename: str) -> Response:
    """A download response that no cache keeps."""
    response = Response(data, mimetype=FORMATS[fmt].media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/storyboards/<int:storyboard_id>/export/<fmt>")
@login_required
def export(storyboard_id: int, fmt: str) -> Response:
    """Download the storyboard's current draft in one format."""
    storyboard = get_storyboard(storyboard_id)
    if fmt not in FORMATS:
        abort(404)
    from storyboard.booklet.fonts import LayoutEngineMissing

    storyfile = to_storyfile(storyboard)
    if (
        fmt in BOOKLETS
        and private_details(storyfile.story, council.public_numbers())
        and not private_checked()
    ):
        return check_private_first(url_for("exports.export_page", storyboard_id=storyboard.id))
    try:
        data = render_export(storyfile, fmt, council=council.booklet_council(storyboard))
    except LayoutEngineMissing:
        # The server lacks libraqm: say so plainly (the administrator's log says what to install).
        current_app.logger.error("PNG export needs libraqm (apt-get install libraqm0)")
        return _unavailable()
    audit.record(
        "export", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id, format=fmt
    )
    db.session.commit()
    return download(data, fmt, export_filename(storyboard, fmt))


@bp.get("/storyboards/<int:storyboard_id>/exports")
@login_required
def export_page(storyboard_id: int) -> str:
    """The export choices for a storyboard."""
    storyboard = get_storyboard(storyboard_id)
    colour = "cream" if (storyboard.extra or {}).get("page_colour") else "white"
    story = to_storyfile(storyboard).story
    return render_template(
        "exports/exports.html",
        storyboard=storyboard,
        page_sizes=PAGE_SIZES,
        page_colour=colour,
        private=private_details(story, council.public_numbers()),
        private_checked=private_checked(),
        left_out=empty_pages(story),
        council_allowed=council.may_show_on_booklet() and not storyboard.minimal,
        missing_2=missing_second_words(story),
        second_language_name=language_name(story.second_language),
    )


PAGE_SIZES = ("A4", "A5", "Letter")
PAGE_COLOURS = {"white": None, "cream": CREAM}


@bp.post("/storyboards/<int:storyboard_id>/booklet-settings")
@login_required
def booklet_settings(storyboard_id: int) -> Response:
    """Choose the booklet's page size, a white or cream page, and whether the About page
    shows the council's name and logo."""
    storyboard = get_storyboard(storyboard_id)
    size = request.form.get("page_size", "")
    colour = request.form.get("page_colour", "")
    if size not in PAGE_SIZES or colour not in PAGE_COLOURS:
        flash(gettext("Choose a page size and a page colour from the lists."), "error")
    else:
        storyboard.page_size = size
        extra = dict(storyboard.extra or {})
        if PAGE_COLOURS[colour]:
            extra["page_colour"] = PAGE_COLOURS[colour]
        else:
            extra.pop("page_colour", None)
        storyboard.extra = extra
        # Only when the council allows it; never by default (the box is unticked).
        storyboard.show_council = council.may_show_on_booklet() and bool(
            request.form.get("show_council")
        )
        audit.record(
            "booklet_settings", storyboard, case_id=storyboard.case_id,
            storyboard_id=storyboard.id, page_size=size, page_colour=colour,
            show_council=storyboard.show_council,
        )  # fmt: skip
        db.session.commit()
        flash(gettext("Booklet settings saved."), "success")
    return redirect(url_for("exports.export_page", storyboard_id=storyboard.id))


@bp.post("/cases/<int:case_id>/import")
@allows_uploads
@login_required
def import_file(case_id: int) -> Response | tuple[str, int]:
    """Create a storyboard in a case from a portable storyboard file (.json or .zip)."""
    case = get_case(case_id)
    upload = request.files.get("storyfile")
    error = None
    if upload is None or not upload.filename:
        error = gettext("Choose a storyboard file (.json or .zip) to import.")
    else:
        try:
            storyfile = loads(upload.read())
            left_out = photos_left_out(storyfile)
            storyboard = import_storyfile(case, storyfile, current_user)
        except (StoryFileError, ValueError) as problem:
            # The problem's own words come from the file format's checks (English).
            error = gettext("This file cannot be imported: %(problem)s", problem=str(problem))
    if error:
        db.session.rollback()
        flash(error, "error")
        return redirect(url_for("cases.show_case", case_id=case.id) + "#storyboards")
    db.session.flush()
    audit.record("import", storyboard, case_id=case.id, storyboard_id=storyboard.id)
    db.session.commit()
    flash(gettext("Imported as storyboard %(number)s.", number=storyboard.number), "success")
    if left_out:
        flash(
            ngettext(
                "This file carries no photos, so %(num)d photo it names is left out. "
                "A .zip storyboard file carries its photos.",
                "This file carries no photos, so %(num)d photos it names are left out. "
                "A .zip storyboard file carries its photos.",
                left_out,
            ),
            "info",
        )
    return redirect(url_for("cases.show_case", case_id=case.id) + "#storyboards")


# The buttons' words for each format (the services name them in English for the CLI).
FORMAT_WORDS = {
    "html": lazy_gettext("Web page (print from the browser)"),
    "docx": lazy_gettext("Word"),
    "pdf": lazy_gettext("PDF"),
    "fold": lazy_gettext("PDF to fold into a little book (A5)"),
    "png": lazy_gettext("Pictures of each page (zip of PNG)"),
    "json": lazy_gettext("Storyboard file (JSON, no photos)"),
    "zip": lazy_gettext("Storyboard file with photos (zip)"),
}


def format_words(fmt: str) -> str:
    """A format's name on its button, in the page's language."""
    return code_words(FORMAT_WORDS, fmt, unknown=FORMATS[fmt].label)


@bp.app_context_processor
def export_formats() -> dict:
    """Let any page include the export buttons."""
    return {"export_formats": FORMATS, "format_words": format_words}
