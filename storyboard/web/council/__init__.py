"""The council's own name: the admin page, and the stylesheet and logo every page shows."""

from __future__ import annotations

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext
from sqlalchemy.exc import SQLAlchemyError

from storyboard.pictures.images import ImageRejected
from storyboard.pictures.logo import clean_logo
from storyboard.services import council
from storyboard.services.db import db
from storyboard.web.access import role_required
from storyboard.web.council.forms import CouncilForm
from storyboard.web.security import allows_uploads

bp = Blueprint("council", __name__)
YEAR = 365 * 24 * 3600


@bp.route("/admin/council", methods=["GET", "POST"])
@allows_uploads
@role_required("admin")
def settings() -> str | Response | tuple[str, int]:
    """Edit the council's name, logo, colours, helplines and whether booklets may show them."""
    row = council.settings()
    form = CouncilForm()
    if request.method == "GET" and row is not None:
        form.name.data = row.name
        form.primary_colour.data = row.primary_colour
        form.accent_colour.data = row.accent_colour
        form.booklet_allowed.data = row.booklet_allowed
        for entry, line in zip(form.helplines, row.helplines or [], strict=False):
            entry.form.name.data = line.get("name", "")
            entry.form.number.data = line.get("number", "")
            entry.form.notes.data = line.get("notes", "")
    if form.validate_on_submit():
        error = False
        for name, message in council.colour_problems(
            {"primary_colour": form.primary_colour.data, "accent_colour": form.accent_colour.data}
        ).items():
            getattr(form, name).errors.append(message)
            error = True
        logo = None
        upload = form.logo.data
        if upload is not None and getattr(upload, "filename", ""):
            try:
                logo = clean_logo(upload.read())
            except ImageRejected as refused:
                form.logo.errors.append(refused.message)
                error = True
        if not error:
            council.save(
                name=form.name.data or "",
                primary=form.primary_colour.data or None,
                accent=form.accent_colour.data or None,
                helplines=form.helpline_rows(),
                booklet_allowed=form.booklet_allowed.data,
                logo=logo,
                remove_logo=form.remove_logo.data and logo is None,
            )
            db.session.commit()
            flash(gettext("The council's settings are saved."), "success")
            return redirect(url_for("council.settings"))
        # Nothing is saved: every box keeps what was typed, and the logo stays as it was.
        flash(gettext("Nothing was saved yet: see the messages below."), "error")
    status = 400 if form.errors or any(f.errors for f in form) else 200
    return render_template(
        "council/settings.html", form=form, row=row, offered=council.helplines_offered()
    ), status


@bp.get("/council.css")
def stylesheet() -> Response:
    """The council's colours as CSS custom properties (same origin: the CSP allows it)."""
    response = Response(council.stylesheet(_branding()), mimetype="text/css")
    _cache(response)
    return response


@bp.get("/council/logo.png")
def logo() -> Response:
    """The council's logo: always the cleaned PNG kept in the database, never an upload as is."""
    data = council.logo_png()
    if data is None:
        abort(404)
    response = Response(data, mimetype="image/png")
    _cache(response)
    return response


def _cache(response: Response) -> None:
    """Kept a year when asked for by its version (a new save is a new address), else revalidated."""
    found = _branding()
    if found is not None and request.args.get("v") == str(found.version):
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response.headers["Cache-Control"] = "no-cache"


def _branding() -> council.Branding | None:
    """The branding, read once per request; none when the database cannot say."""
    if "council_branding" not in g:
        try:
            g.council_branding = council.branding()
        except SQLAlchemyError:  # an error page while the database is down still renders
            db.session.rollback()
            g.council_branding = None
    return g.council_branding


def init_app(app: Flask) -> None:
    """Let every page's header show the council (templates/_council.html)."""

    @app.context_processor
    def council_branding() -> dict:
        return {"council": _branding}
