"""Exports and imports: the booklet as HTML, Word, PDF or PNG pages, and the portable file."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from storyboard.booklet.model import CREAM
from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.models import Storyboard
from storyboard.services.storydoc import import_storyfile, to_storyfile
from storyboard.story.storyfile import StoryFile, StoryFileError, dumps_json, loads, write_zip
from storyboard.web.access import get_case, get_storyboard
from storyboard.web.security import allows_uploads

bp = Blueprint("exports", __name__)

# format -> (what people call it, file extension, media type)
FORMATS = {
    "html": ("Web page (print from the browser)", "html", "text/html"),
    "docx": (
        "Word",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": ("PDF", "pdf", "application/pdf"),
    "png": ("Pictures of each page (zip of PNG)", "zip", "application/zip"),
    "json": ("Storyboard file (JSON, no photos)", "json", "application/json"),
    "zip": ("Storyboard file with photos (zip)", "zip", "application/zip"),
}


def export_filename(storyboard: Storyboard, fmt: str, today: date | None = None) -> str:
    """A file name from the case reference, storyboard number and date: never the child's name.

    File names end up in print queues and download folders, so they must not identify the child.
    """
    reference = re.sub(r"[^A-Za-z0-9-]+", "-", storyboard.case.reference).strip("-") or "case"
    stamp = (today or date.today()).isoformat()
    suffix = "-pages" if fmt == "png" else "-storyboard" if fmt in ("json", "zip") else ""
    return f"{reference}-{storyboard.number}_{stamp}{suffix}.{FORMATS[fmt][1]}"


def print_settings(storyboard: Storyboard) -> dict[str, str | None]:
    """The booklet settings chosen for a storyboard now: page size and paper colour.

    They are chosen at export (and recorded with it), not agreed: an approved version prints
    in any size and colour and keeps its hash.
    """
    return {
        "page_size": storyboard.page_size or "A4",
        "page_colour": (storyboard.extra or {}).get("page_colour"),
    }


def render_export(
    storyfile: StoryFile,
    fmt: str,
    *,
    dpi: int = 150,
    page_size: str | None = None,
    page_colour: str | None = None,
) -> bytes:
    """Render a portable file to the bytes of one export format (print settings optional)."""
    if fmt == "json":
        return dumps_json(storyfile.document)
    if fmt == "zip":
        return write_zip(storyfile)
    from storyboard.booklet import build_booklet
    from storyboard.booklet.render import RENDERERS

    booklet = build_booklet(storyfile, page_size=page_size, page_colour=page_colour)
    if fmt == "png":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for number, page in enumerate(RENDERERS["png"](booklet, dpi=dpi), start=1):
                archive.writestr(f"page-{number:02d}.png", page)
        return buffer.getvalue()
    return RENDERERS[fmt](booklet)


def _unavailable() -> Response:
    """Answer an export this server cannot make yet (a missing system library)."""
    message = (
        "Pictures of pages cannot be made on this server yet: it needs a text-shaping library "
        "(libraqm). Ask your IT team; the other formats work."
    )
    response = Response(render_template("errors/error.html", status=503, message=message))
    response.status_code = 503
    return response


def download(data: bytes, fmt: str, filename: str) -> Response:
    """A download response that no cache keeps."""
    response = Response(data, mimetype=FORMATS[fmt][2])
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

    try:
        data = render_export(to_storyfile(storyboard), fmt)
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
    return render_template(
        "exports/exports.html",
        storyboard=storyboard,
        page_sizes=PAGE_SIZES,
        page_colour=colour,
    )


PAGE_SIZES = ("A4", "A5", "Letter")
PAGE_COLOURS = {"white": None, "cream": CREAM}


@bp.post("/storyboards/<int:storyboard_id>/booklet-settings")
@login_required
def booklet_settings(storyboard_id: int) -> Response:
    """Choose the booklet's page size and a white or cream page."""
    storyboard = get_storyboard(storyboard_id)
    size = request.form.get("page_size", "")
    colour = request.form.get("page_colour", "")
    if size not in PAGE_SIZES or colour not in PAGE_COLOURS:
        flash("Choose a page size and a page colour from the lists.", "error")
    else:
        storyboard.page_size = size
        extra = dict(storyboard.extra or {})
        if PAGE_COLOURS[colour]:
            extra["page_colour"] = PAGE_COLOURS[colour]
        else:
            extra.pop("page_colour", None)
        storyboard.extra = extra
        audit.record(
            "booklet_settings", storyboard, case_id=storyboard.case_id,
            storyboard_id=storyboard.id, page_size=size, page_colour=colour,
        )  # fmt: skip
        db.session.commit()
        flash("Booklet settings saved.", "success")
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
        error = "Choose a storyboard file (.json or .zip) to import."
    else:
        try:
            storyfile = loads(upload.read())
            storyboard = import_storyfile(case, storyfile, current_user)
        except StoryFileError as problem:
            error = f"This file cannot be imported: {problem}"
        except ValueError as problem:
            error = f"This file cannot be imported: {problem}"
    if error:
        db.session.rollback()
        flash(error, "error")
        return redirect(url_for("cases.show_case", case_id=case.id) + "#storyboards")
    db.session.flush()
    audit.record("import", storyboard, case_id=case.id, storyboard_id=storyboard.id)
    db.session.commit()
    flash(f"Imported as storyboard {storyboard.number}.", "success")
    return redirect(url_for("cases.show_case", case_id=case.id) + "#storyboards")


@bp.app_context_processor
def export_formats() -> dict:
    """Let any page include the export buttons."""
    return {"export_formats": FORMATS}
