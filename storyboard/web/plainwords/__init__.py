"""Plain words in the app: hints while writing, dismissing a hint, the booklet summary,
and the local jargon terms admins add."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select, update
from werkzeug.wrappers import Response
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from storyboard.plainwords import BookletReport, check_booklet, check_panel, to_json
from storyboard.services import audit, council
from storyboard.services.db import db
from storyboard.services.models import JargonTerm, Panel, Storyboard
from storyboard.story.model import Story
from storyboard.web.access import get_storyboard, role_required

bp = Blueprint("plainwords", __name__)
MAX_CHECK_CHARS = 20000


def local_terms() -> list[dict[str, Any]]:
    """The jargon terms admins added, in the shape the checker takes."""
    rows = db.session.scalars(select(JargonTerm).order_by(JargonTerm.term))
    return [{"term": t.term, "plain": t.plain, "acronym": t.acronym} for t in rows]


def booklet_summary(story: Story) -> BookletReport:
    """The whole-booklet plain-words report for a story (preview, review)."""
    return check_booklet(story, extra_terms=local_terms(), public_numbers=council.public_numbers())


def _panel_of(storyboard: Storyboard, panel_id: int) -> Panel:
    """A live panel of this storyboard, or 404."""
    panel = db.session.get(Panel, panel_id)
    if panel is None or panel.storyboard_id != storyboard.id or panel.deleted_at is not None:
        abort(404)
    return panel


def _strings(value: Any, limit: int = 50) -> list[str]:
    """A list of strings from JSON input, ignoring anything else."""
    if not isinstance(value, list):
        return []
    return [v for v in value[:limit] if isinstance(v, str)]


@bp.post("/api/storyboards/<int:storyboard_id>/plainwords")
@login_required
def check(storyboard_id: int) -> Response | tuple[Response, int]:
    """Hints for the words of one panel as typed (nothing is saved)."""
    storyboard = get_storyboard(storyboard_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("text", ""), str):
        return jsonify(error="bad_request", message=gettext("Send the panel's words as JSON.")), 400
    text = body.get("text", "")
    if len(text) > MAX_CHECK_CHARS:
        return jsonify(error="too_long", message=gettext("This is too long to check.")), 413
    dismissed: list[str] = []
    if isinstance(body.get("panel_id"), int):
        dismissed = list(_panel_of(storyboard, body["panel_id"]).dismissed_hints or [])
    voices = [v for v in body.get("voices", []) if isinstance(v, dict)][:4]
    # The words of a bilingual story's second language are checked as that language.
    second = body.get("second") is True and storyboard.second_language
    report = check_panel(
        text,
        child_name=storyboard.child_name,
        age=storyboard.child_age,
        language=storyboard.second_language if second else storyboard.language,
        family_words=storyboard.family_words or [],
        extra_terms=local_terms(),
        dismissed=dismissed,
        heading=body.get("heading") if isinstance(body.get("heading"), str) else "",
        voices=voices,
        steps=_strings(body.get("steps")),
        public_numbers=council.public_numbers(),
    )
    return jsonify(to_json(report))


@bp.post("/api/storyboards/<int:storyboard_id>/panels/<int:panel_id>/dismiss-hint")
@login_required
def dismiss(storyboard_id: int, panel_id: int) -> Response | tuple[Response, int]:
    """Dismiss one hint for one panel (hints only advise; this never changes the words)."""
    storyboard = get_storyboard(storyboard_id)
    panel = _panel_of(storyboard, panel_id)
    body = request.get_json(silent=True) or {}
    key = body.get("key")
    if not isinstance(key, str) or not key or len(key) > 200:
        return jsonify(error="bad_request", message=gettext("Which hint?")), 400
    keys = list(panel.dismissed_hints or [])
    if key not in keys:
        keys.append(key)
    # Only this column changes: the words, their version and an autosave in flight are untouched.
    db.session.execute(
        update(Panel)
        .where(Panel.id == panel.id)
        .values(dismissed_hints=keys)
        .execution_options(synchronize_session=False)
    )
    audit.record("dismiss_hint", panel, case_id=storyboard.case_id, storyboard_id=storyboard.id)
    db.session.commit()
    return jsonify(dismissed=keys)


@bp.get("/storyboards/<int:storyboard_id>/plainwords/summary")
@login_required
def summary(storyboard_id: int) -> str:
    """The whole-booklet summary of the current draft, as a partial the editor shows."""
    from storyboard.services.storydoc import to_document
    from storyboard.story.storyfile import parse

    storyboard = get_storyboard(storyboard_id)
    report = booklet_summary(parse(to_document(storyboard)))
    return render_template("plainwords/_summary.html", plain_report=report)


class TermForm(FlaskForm):
    """A local jargon term and its plain words for a child."""

    term = StringField(
        lazy_gettext("Term or acronym"), validators=[DataRequired(), Length(max=120)]
    )
    plain = StringField(
        lazy_gettext("Plain words a child understands"),
        validators=[DataRequired(), Length(max=300)],
    )
    acronym = BooleanField(lazy_gettext("It is an acronym (match only in capitals)"))
    submit = SubmitField(lazy_gettext("Add term"))


@bp.route("/admin/jargon", methods=["GET", "POST"])
@role_required("admin")
def terms() -> str | Response | tuple[str, int]:
    """Admins add local terms to the jargon finder (the built-in list stays as it is)."""
    form = TermForm()
    if form.validate_on_submit():
        term = form.term.data.strip()
        exists = db.session.scalar(
            select(JargonTerm.id).where(db.func.lower(JargonTerm.term) == term.lower())
        )
        if exists is not None:
            form.term.errors.append(gettext("This term is already in the local list."))
        else:
            row = JargonTerm(
                term=term,
                plain=form.plain.data.strip(),
                acronym=bool(form.acronym.data),
                added_by_id=current_user.id,
            )
            db.session.add(row)
            db.session.flush()
            audit.record("add_jargon_term", row)
            db.session.commit()
            flash(gettext("“%(term)s” added.", term=term), "success")
            return redirect(url_for("plainwords.terms"))
    rows = db.session.scalars(select(JargonTerm).order_by(JargonTerm.term)).all()
    status = 400 if form.errors else 200
    return render_template("plainwords/terms.html", form=form, terms=rows), status


@bp.post("/admin/jargon/<int:term_id>/delete")
@role_required("admin")
def delete_term(term_id: int) -> Response:
    """Remove a local term."""
    row = db.session.get(JargonTerm, term_id) or abort(404)
    audit.record("delete_jargon_term", row)
    db.session.delete(row)
    db.session.commit()
    flash(gettext("Term removed."), "success")
    return redirect(url_for("plainwords.terms"))
