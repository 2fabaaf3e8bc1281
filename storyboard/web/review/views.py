"""Review, worker side: send for review, versions and what changed, status, sign-off, reading.

This module makes the blueprint; share links and their QR codes (`links`) and the audit
trail (`trail`) add their routes to it, and the package's `__init__` imports all three.
The reviewer's own page is `reviewer`.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_babel import gettext
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from storyboard.booklet.reading import reading_view
from storyboard.plainwords.private import private_details
from storyboard.services import audit
from storyboard.services.access import can_see_case
from storyboard.services.council import booklet_council, public_numbers
from storyboard.services.db import db
from storyboard.services.exports import FORMATS, export_filename, print_settings, version_export
from storyboard.services.link_versions import carry_links
from storyboard.services.models import Comment, ReadingRecord, Revision, Storyboard, User, utcnow
from storyboard.services.review_state import (
    CHANGES,
    MAX_TEXT,
    REVIEWER_ROLES,
    SIGN_OFF,
    ReviewRefused,
    may_sign_off,
    record_decision,
    refresh_status,
    summary,
    version_state,
)
from storyboard.services.versions import (
    VersionError,
    draft_storyfile,
    export_storyfile,
    freeze,
    latest_revision,
    load_version,
    same_story,
)
from storyboard.story.diff import diff_stories, wordless_panels
from storyboard.web.access import get_storyboard, role_required
from storyboard.web.exports import BOOKLETS, check_private_first, download, private_checked
from storyboard.web.i18n import language_here
from storyboard.web.i18n import number as format_number
from storyboard.web.plainwords import booklet_summary
from storyboard.web.review.prefill import link_prefill
from storyboard.web.review.words import (
    decided_words,
    refused_words,
    role_words,
    status_words,
    suggestion_words,
    waiting_words,
)

bp = Blueprint("review", __name__)

MAX_REASON = 500


def get_revision(storyboard: Storyboard, number: int) -> Revision:
    """Load a version of a storyboard the user may see, or answer 404."""
    revision = db.session.scalar(
        select(Revision).where(Revision.storyboard_id == storyboard.id, Revision.number == number)
    )
    if revision is None:
        abort(404)
    return revision


def _where(storyboard: Storyboard) -> dict:
    """The audit ids of a storyboard."""
    return {"case_id": storyboard.case_id, "storyboard_id": storyboard.id}


def _version_file(revision: Revision):  # noqa: ANN202
    """The frozen file, or a clear 500 if it is missing or damaged (never silently replaced)."""
    try:
        return load_version(revision)
    except VersionError:
        abort(500)


def is_manager_of(storyboard: Storyboard) -> bool:
    """True for a manager who may read the case (their team's or their own)."""
    return current_user.role == "manager" and can_see_case(current_user, storyboard.case_id)


# --- the hub -------------------------------------------------------------------------------


@bp.get("/storyboards/<int:storyboard_id>/review")
@login_required
def hub(storyboard_id: int, reason: str = "") -> str:
    """Versions and review: send for review, every version with its status, compare, reading."""
    storyboard = get_storyboard(storyboard_id)
    revisions = list(reversed(storyboard.revisions))
    latest = revisions[0] if revisions else None
    draft = draft_storyfile(storyboard)
    audit.record("view_review", storyboard, **_where(storyboard))
    db.session.commit()
    return render_template(
        "review/hub.html",
        storyboard=storyboard,
        states=[version_state(r) for r in revisions],
        latest=latest,
        draft_changed=latest is not None and not same_story(draft, latest),
        draft_same_as=next((r for r in revisions if same_story(draft, r)), None),
        empty=wordless_panels(draft.story),
        private=private_details(draft.story, public_numbers()),
        readings=_readings(storyboard),
        today=date.today().isoformat(),
        can_audit=current_user.role in ("manager", "admin"),
        reason=reason,
        plain_report=booklet_summary(draft.story),
        users=_names({r.created_by_id for r in revisions}),
        language_suggestions=suggestion_words(storyboard.case.people),
    )


def _names(user_ids: set[int | None]) -> dict[int, str]:
    """Display names of the given accounts."""
    ids = {i for i in user_ids if i}
    if not ids:
        return {}
    return {u.id: u.display_name for u in db.session.scalars(select(User).where(User.id.in_(ids)))}


def _readings(storyboard: Storyboard) -> list[ReadingRecord]:
    return list(
        db.session.scalars(
            select(ReadingRecord)
            .where(ReadingRecord.storyboard_id == storyboard.id)
            .order_by(ReadingRecord.read_on.desc(), ReadingRecord.id.desc())
        )
    )


@bp.post("/storyboards/<int:storyboard_id>/review/send")
@login_required
def send(storyboard_id: int) -> Response | tuple[str, int]:
    """Freeze the draft as the next version; empty panels must be confirmed first."""
    storyboard = get_storyboard(storyboard_id)
    reason = request.form.get("reason", "").strip()
    draft = draft_storyfile(storyboard)
    latest = latest_revision(storyboard)
    error = None
    if not reason:
        error = gettext("Say in a few words why this version is being sent, for the history.")
    elif len(reason) > MAX_REASON:
        error = gettext(
            "The reason is %(count)s characters long; please keep it under %(most)s.",
            count=format_number(len(reason)),
            most=MAX_REASON,
        )
    elif latest is not None and same_story(draft, latest):
        error = gettext(
            "Nothing has changed since version %(number)s, so there is nothing new to send. "
            "Its links still work.",
            number=latest.number,
        )
    elif wordless_panels(draft.story) and request.form.get("confirm_empty") != "yes":
        error = gettext(
            "Some panels have no words yet. Fill them in, or tick the box to send anyway."
        )
    elif (
        private_details(draft.story, public_numbers())
        and request.form.get("confirm_private") != "yes"
    ):
        error = gettext(
            "Some private details would print (see the list below). Change them, or tick the "
            "box to say you have checked them."
        )
    if error:
        # Shown on the page, never put in a URL or the cookie: the reason may name people.
        flash(error, "error")
        return hub(storyboard.id, reason=reason), 400
    revision = freeze(storyboard, current_user, reason, draft)
    db.session.flush()
    carried = carry_links(revision)
    refresh_status(revision)
    audit.record(
        "send_for_review", revision, **_where(storyboard), version=revision.number,
        sha256=revision.sha256, panels=len(draft.document["panels"]), links_carried=len(carried),
    )  # fmt: skip
    db.session.commit()
    if carried:
        names = ", ".join(sorted({link.reviewer_name for link in carried}))
        flash(
            gettext(
                "Version %(number)s is ready for review. The links for %(names)s now open "
                "it, with the same PIN, and say what changed: you do not need new ones.",
                number=revision.number,
                names=names,
            ),
            "success",
        )
    else:
        flash(
            gettext(
                "Version %(number)s is ready for review. Now make a link for each reviewer.",
                number=revision.number,
            ),
            "success",
        )
    return redirect(url_for("review.version", storyboard_id=storyboard.id, number=revision.number))


# --- one version ---------------------------------------------------------------------------


@bp.get("/storyboards/<int:storyboard_id>/versions/<int:number>")
@login_required
def version(storyboard_id: int, number: int) -> str:
    """One version: the booklet as reviewers see it, its links, decisions and comments."""
    storyboard = get_storyboard(storyboard_id)
    revision = get_revision(storyboard, number)
    storyfile = _version_file(revision)
    audit.record("view_version", revision, **_where(storyboard), version=revision.number)
    db.session.commit()
    return render_template(
        "review/version.html",
        storyboard=storyboard,
        revision=revision,
        state=version_state(revision),
        panels=reading_view(storyfile),
        # Its recordings play from the storyboard's own address (each is kept by its hash).
        audio_url=lambda path: url_for(
            "recordings.play_version",
            storyboard_id=storyboard.id,
            number=revision.number,
            sha256=PurePosixPath(path).stem,
        ),
        plain_report=booklet_summary(storyfile.story),
        private=private_details(storyfile.story, public_numbers()),
        private_checked=private_checked(),
        can_sign_off=is_manager_of(storyboard),
        wrote_it=not may_sign_off(revision, current_user),
        max_text=MAX_TEXT,
        reviewer_roles=REVIEWER_ROLES,
        family=[p for p in storyboard.case.people if p.kind == "family"],
        language_name=language_here,
        prefill=link_prefill(storyboard, request.args.get("for", type=int)),
    )


@bp.get("/storyboards/<int:storyboard_id>/review/status")
@login_required
def status(storyboard_id: int) -> str:
    """The status of the newest version (or ?version=N), as a partial the hub refreshes."""
    storyboard = get_storyboard(storyboard_id)
    number = request.args.get("version", type=int)
    revision = get_revision(storyboard, number) if number else latest_revision(storyboard)
    if revision is None:
        return render_template("review/_status.html", storyboard=storyboard, state=None)
    return render_template(
        "review/_status.html", storyboard=storyboard, state=version_state(revision)
    )


@bp.post("/storyboards/<int:storyboard_id>/versions/<int:number>/decision")
@role_required("manager")
def decide(storyboard_id: int, number: int) -> Response:
    """The manager signs a version off, or asks for changes, inside the app."""
    storyboard = get_storyboard(storyboard_id)
    revision = get_revision(storyboard, number)
    if not is_manager_of(storyboard):
        abort(403)
    decision = request.form.get("decision", "")
    details = request.form.get("details", "").strip()
    back = url_for("review.version", storyboard_id=storyboard.id, number=number) + "#sign-off"
    if decision not in (SIGN_OFF, CHANGES):
        abort(400)
    if len(details) > MAX_TEXT:
        flash(
            gettext(
                "That note is %(count)s characters; the most is %(most)s.",
                count=format_number(len(details)),
                most=format_number(MAX_TEXT),
            ),
            "error",
        )
        return redirect(back)
    try:
        approval = record_decision(
            revision, decision, current_user.display_name, details, user=current_user
        )
    except ReviewRefused as refused:
        db.session.rollback()
        flash(refused_words(refused), "error")
        return redirect(back)
    audit.record(
        "review_decision", approval, **_where(storyboard), version=revision.number,
        decision=decision, sha256=revision.sha256, status=revision.status,
    )  # fmt: skip
    db.session.commit()
    flash(decided_words(decision, revision.number), "success")
    return redirect(back)


@bp.post("/storyboards/<int:storyboard_id>/comments/<int:comment_id>/resolve")
@login_required
def resolve_comment(storyboard_id: int, comment_id: int) -> Response:
    """Mark a reviewer's comment as dealt with."""
    storyboard = get_storyboard(storyboard_id)
    comment = db.session.get(Comment, comment_id)
    revision = db.session.get(Revision, comment.revision_id) if comment else None
    if comment is None or revision is None or revision.storyboard_id != storyboard.id:
        abort(404)
    if comment.resolved_at is None:
        comment.resolved_at = utcnow()
        comment.resolved_by_id = current_user.id
        audit.record("resolve_comment", comment, **_where(storyboard), version=revision.number)
        db.session.commit()
        flash(gettext("Comment marked as dealt with."), "success")
    back = request.form.get("back")
    if back == "hub":
        return redirect(url_for("review.hub", storyboard_id=storyboard.id) + "#versions")
    if back == "editor":
        return redirect(url_for("editor.edit", storyboard_id=storyboard.id))
    return redirect(
        url_for("review.version", storyboard_id=storyboard.id, number=revision.number) + "#comments"
    )


@bp.get("/storyboards/<int:storyboard_id>/versions/<int:number>/export/<fmt>")
@login_required
def export_version(storyboard_id: int, number: int, fmt: str) -> Response:
    """Download a version: exactly the agreed file once approved, else marked Draft."""
    storyboard = get_storyboard(storyboard_id)
    revision = get_revision(storyboard, number)
    if fmt not in FORMATS:
        abort(404)
    approved = revision.status == "approved"
    storyfile = export_storyfile(_version_file(revision), approved)
    if (
        fmt in BOOKLETS
        and private_details(storyfile.story, public_numbers())
        and not private_checked()
    ):
        page = url_for("review.version", storyboard_id=storyboard.id, number=revision.number)
        return check_private_first(page)
    settings = print_settings(storyboard)
    council = booklet_council(storyboard)  # the council's name, when the worker chose it
    data = version_export(revision, storyfile, fmt, approved=approved, council=council, **settings)
    audit.record(
        "export_version", revision, **_where(storyboard), version=revision.number,
        format=fmt, approved=approved, sha256=revision.sha256, council=council is not None,
        **settings,
    )  # fmt: skip
    db.session.commit()
    name = export_filename(storyboard, fmt)
    name = name.replace(f"-{storyboard.number}_", f"-{storyboard.number}-v{number}_", 1)
    return download(data, fmt, name)


# --- what changed --------------------------------------------------------------------------


@bp.get("/storyboards/<int:storyboard_id>/compare")
@login_required
def compare(storyboard_id: int) -> str:
    """What changed between two versions (or a version and the current draft), per panel."""
    storyboard = get_storyboard(storyboard_id)
    old_no = request.args.get("old", type=int)
    new_arg = request.args.get("new", "draft")
    if old_no is None:
        abort(400)
    old = get_revision(storyboard, old_no)
    if new_arg == "draft":
        new_story, new_number = draft_storyfile(storyboard).story, None
    elif new_arg.isdigit():
        newer = get_revision(storyboard, int(new_arg))
        new_story, new_number = _version_file(newer).story, newer.number
    else:
        abort(400)
    diffs = diff_stories(_version_file(old).story, new_story)
    audit.record("view_diff", storyboard, **_where(storyboard), old=old_no, new=new_arg)
    db.session.commit()
    return render_template(
        "review/compare.html",
        storyboard=storyboard,
        diffs=diffs,
        old=old,
        new_number=new_number,
        new_arg=new_arg,
        revisions=storyboard.revisions,
        changed=[d for d in diffs if d.change != "same"],
    )


# --- reading with the child ----------------------------------------------------------------


@bp.post("/storyboards/<int:storyboard_id>/readings")
@login_required
def add_reading(storyboard_id: int) -> Response:
    """Record that the booklet was read with the child: when, by whom, with notes."""
    storyboard = get_storyboard(storyboard_id)
    form = request.form
    read_by = form.get("read_by", "").strip()
    notes = form.get("notes", "").strip()
    number = form.get("version", type=int)
    revision = get_revision(storyboard, number) if number else None
    error = None
    try:
        read_on = date.fromisoformat(form.get("read_on", ""))
    except ValueError:
        read_on = None
    if read_on is None:
        error = gettext("Give the date it was read, like 2024-05-31.")
    elif read_on > date.today():
        error = gettext("The date it was read cannot be in the future.")
    elif not read_by:
        error = gettext("Say who read it with the child.")
    elif len(read_by) > 200:
        error = gettext("Keep 'who read it' under %(most)s characters.", most=200)
    elif len(notes) > MAX_TEXT:
        error = gettext(
            "The notes are %(count)s characters; the most is %(most)s.",
            count=format_number(len(notes)),
            most=format_number(MAX_TEXT),
        )
    if error:
        flash(error, "error")
        return redirect(url_for("review.hub", storyboard_id=storyboard.id) + "#reading")
    record = ReadingRecord(
        storyboard_id=storyboard.id,
        revision_id=revision.id if revision else None,
        read_on=read_on,
        read_by=read_by,
        notes=notes or None,
        recorded_by_id=current_user.id,
    )
    db.session.add(record)
    db.session.flush()
    audit.record("record_reading", record, **_where(storyboard), version=number)
    db.session.commit()
    flash(gettext("Reading recorded."), "success")
    return redirect(url_for("review.hub", storyboard_id=storyboard.id) + "#reading")


@bp.record_once
def review_helpers(state: BlueprintSetupState) -> None:
    """Let the dashboard and case page show each storyboard's review status (Jinja globals,
    so the status line's macro, imported without the page's context, sees them too)."""
    state.app.jinja_env.globals.update(
        review_summary=summary,
        review_status=status_words,
        review_waiting=waiting_words,
        reviewer_role=role_words,
    )
