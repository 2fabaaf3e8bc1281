"""The reviewer's page: a parent or manager opens a share link on their phone, without signing in.

A link that is wrong, cut short, revoked or expired gets one plain page ("this link no longer
works") that shows nothing of the storyboard and does not say which it was. Failed links and
heavy use are counted from the audit log, so the limits hold across server processes.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import PurePosixPath as Path

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext
from sqlalchemy import case, select, update

from storyboard.booklet.reading import reading_view
from storyboard.core.passwords import check_password, token_digest
from storyboard.services import audit, limits
from storyboard.services.db import db
from storyboard.services.link_versions import changed_since, current_revision, note_seen
from storyboard.services.models import AuditEvent, Comment, Revision, ShareLink, utcnow
from storyboard.services.review_state import (
    AGREE,
    CHANGES,
    MAX_TEXT,
    ReviewRefused,
    link_is_open,
    record_decision,
)
from storyboard.services.versions import VersionError, load_version
from storyboard.web.i18n import number as format_number
from storyboard.web.i18n import use_family_language
from storyboard.web.reviewer.changes import changes_said
from storyboard.web.reviewer.which_words import reading_languages

bp = Blueprint("reviewer", __name__, url_prefix="/r")

REFUSED = "share_link_refused"
PIN_TRIES = 5  # wrong PINs before the link locks for a while
PIN_LOCK_MINUTES = 30
PIN_MAX_FAILURES = 15  # after this many, the link stays locked: the worker makes a new one
LIMITS = {  # setting: default
    "REVIEW_MAX_BAD_LINKS": 20,  # failed links per address per window
    "REVIEW_MAX_LINK_REQUESTS": 120,  # requests per link per window
    "REVIEW_WINDOW_MINUTES": 15,
}
MAX_NAME = 120


def _setting(name: str) -> int:
    return int(current_app.config.get(name, LIMITS[name]))


def _reached(most: str, *conditions) -> bool:  # noqa: ANN002
    """Whether this many audit rows meeting the conditions were made within the window."""
    return limits.reached(
        AuditEvent.at, _setting(most), _setting("REVIEW_WINDOW_MINUTES"), *conditions
    )


def _gone(reason: str, link: ShareLink | None = None) -> tuple[str, int]:
    """The one page every unusable link gets; the audit row keeps the reason."""
    if link is not None:  # the link's language, though the page says nothing of it
        use_family_language(link.language, scope=language_scope(link))
    refused_here = (AuditEvent.action == REFUSED, AuditEvent.address == request.remote_addr)
    if _reached("REVIEW_MAX_BAD_LINKS", *refused_here):
        return _too_many()
    audit.record(
        REFUSED,
        link,
        share_link_id=link.id if link else None,
        **_where(link),
        reason=reason,
    )
    db.session.commit()
    return render_template("reviewer/gone.html"), 404


def _too_many() -> tuple[str, int]:
    return render_template("reviewer/gone.html", too_many=True), 429


def _where(link: ShareLink | None) -> dict:
    if link is None:
        return {}
    revision = current_revision(link)
    return {"case_id": revision.storyboard.case_id, "storyboard_id": revision.storyboard_id}


def _find(token: str) -> tuple[ShareLink | None, str]:
    """The open link a token names, or None and why not (for the audit row only)."""
    if not 20 <= len(token) <= 100:
        return None, "malformed"
    link = db.session.scalar(select(ShareLink).where(ShareLink.token_hash == token_digest(token)))
    if link is None:
        return None, "unknown"
    if link.revoked_at is not None:
        return link, "revoked"
    if not link_is_open(link):
        return link, "expired"
    return link, ""


def language_scope(link: ShareLink) -> str:
    """A language chosen on a link's pages holds for that link only (a phone may be shared)."""
    return f"link-{link.id}"


def _pin_key(link: ShareLink) -> str:
    """What a right PIN unlocks: this link's current version. A link that follows the
    storyboard asks for its PIN again on each new version (a shared phone, weeks later)."""
    return f"{link.id}@{current_revision(link).id}"


def _unlocked(link: ShareLink) -> bool:
    return link.pin_hash is None or _pin_key(link) in session.get("review_pins", [])


class _Stop(Exception):
    """Carry a finished response out of the link checks."""

    def __init__(self, response) -> None:  # noqa: ANN001
        super().__init__()
        self.response = response


def _open_link(token: str) -> ShareLink:
    """The link behind a token, checked and rate-limited; else raise _Stop with the page."""
    link, problem = _find(token)
    if problem or link is None:
        raise _Stop(_gone(problem, link if problem in ("revoked", "expired") else None))
    use_family_language(link.language, scope=language_scope(link))
    # Only the reviewer's own requests count (rows without an account), not the worker's.
    by_reviewer = (AuditEvent.share_link_id == link.id, AuditEvent.user_id.is_(None))
    if _reached("REVIEW_MAX_LINK_REQUESTS", *by_reviewer):
        raise _Stop(_too_many())
    return link


@bp.errorhandler(_Stop)
def _stopped(stop: _Stop):  # noqa: ANN202
    return stop.response


def _page(link: ShareLink, status: int = 200, **extra) -> tuple[str, int]:  # noqa: ANN003
    """The reviewer's page: the booklet, a comment box per panel, the two choices."""
    revision = current_revision(link)
    try:
        storyfile = load_version(revision)
    except VersionError:
        current_app.logger.error("frozen version file unusable for revision %s", revision.id)
        return render_template("reviewer/gone.html"), 500
    try:
        changed = changed_since(link, revision, load_version)
    except VersionError:  # an earlier version that no longer checks: no "what changed"
        changed = None
    comments = db.session.scalars(
        select(Comment)
        .where(Comment.revision_id == revision.id, Comment.share_link_id == link.id)
        .order_by(Comment.id)
    ).all()
    mine: dict[int, list[Comment]] = {}
    for comment in comments:
        mine.setdefault(comment.panel_index, []).append(comment)
    from storyboard.services.models import Approval

    answers = db.session.scalars(
        select(Approval).where(Approval.share_link_id == link.id).order_by(Approval.id.desc())
    ).all()
    # The answer to this version; a link that follows may have answered earlier ones too.
    decision = next((a for a in answers if a.revision_id == revision.id), None)
    earlier = answers[0] if answers else None
    context = {
        "link": link,
        "revision": revision,
        "token": request.view_args["token"],
        "panels": reading_view(storyfile),
        "title": storyfile.document["title"],
        "comments": mine,
        "decision": decision,
        "max_text": MAX_TEXT,
        "comment_errors": {},
        "comment_values": {},
        "name": earlier.reviewer_name if earlier else link.reviewer_name,
        "changed": changes_said(changed, storyfile.story.language),
        "audio_url": lambda path: url_for(
            "reviewer_listen.play", token=request.view_args["token"], sha256=Path(path).stem
        ),
    }
    context.update(reading_languages(storyfile, link.id))  # a bilingual version's choice
    context.update(extra)
    return render_template("reviewer/review.html", **context), status


@bp.get("/<token>")
def review(token: str):  # noqa: ANN201
    """Open a share link: the PIN first if it has one, then the booklet to read and answer."""
    link = _open_link(token)
    if not _unlocked(link):
        audit.record("share_pin_asked", link, share_link_id=link.id, **_where(link))
        db.session.commit()
        return render_template("reviewer/pin.html", token=token, locked=_locked(link))
    now = utcnow()
    link.first_viewed_at = link.first_viewed_at or now
    link.last_viewed_at = now
    revision = current_revision(link)
    note_seen(link, revision)
    audit.record("share_view", link, share_link_id=link.id, **_where(link), version=revision.number)
    db.session.commit()
    return _page(link)


def _locked(link: ShareLink) -> bool:
    return bool(link.locked_until and link.locked_until > utcnow())


@bp.post("/<token>/pin")
def pin(token: str):  # noqa: ANN201
    """Check the PIN the worker gave in person; a few wrong tries lock the link for a while."""
    link = _open_link(token)
    if _unlocked(link):
        return redirect(url_for("reviewer.review", token=token))
    if _locked(link):
        audit.record("share_pin_locked", link, share_link_id=link.id, **_where(link))
        db.session.commit()
        return render_template("reviewer/pin.html", token=token, locked=True), 429
    # Count this try before the slow check, in one UPDATE that refuses tries beyond the
    # allowance, so guesses sent in parallel cannot slip past the lock.
    used = link.pin_failures or 0
    allowance = min((used // PIN_TRIES + 1) * PIN_TRIES, PIN_MAX_FAILURES)
    counted = db.session.execute(
        update(ShareLink)
        .where(ShareLink.id == link.id, ShareLink.pin_failures < allowance)
        .values(
            pin_failures=ShareLink.pin_failures + 1,
            # The try that reaches a multiple of PIN_TRIES locks the link at once, before the
            # PIN is even checked: a right PIN unlocks it again below.
            locked_until=case(
                (
                    (ShareLink.pin_failures + 1) % PIN_TRIES == 0,
                    utcnow() + timedelta(minutes=PIN_LOCK_MINUTES),
                ),
                else_=ShareLink.locked_until,
            ),
        )
        .returning(ShareLink.pin_failures)
    ).scalar_one_or_none()
    db.session.commit()
    if counted is None:
        audit.record("share_pin_locked", link, share_link_id=link.id, **_where(link))
        db.session.commit()
        return render_template("reviewer/pin.html", token=token, locked=True), 429
    db.session.refresh(link)
    if check_password(link.pin_hash or "", request.form.get("pin", "").strip()):
        link.pin_failures = 0
        link.locked_until = None
        session["review_pins"] = [*session.get("review_pins", []), _pin_key(link)][-20:]
        audit.record("share_pin_ok", link, share_link_id=link.id, **_where(link))
        db.session.commit()
        return redirect(url_for("reviewer.review", token=token))
    locked = link.pin_failures % PIN_TRIES == 0
    if link.pin_failures >= PIN_MAX_FAILURES:
        link.locked_until = link.expires_at
    elif locked:
        link.locked_until = utcnow() + timedelta(minutes=PIN_LOCK_MINUTES)
    audit.record(
        "share_pin_wrong", link, share_link_id=link.id, **_where(link),
        failures=link.pin_failures, locked=locked,
    )  # fmt: skip
    db.session.commit()
    status = 429 if locked else 400
    left = PIN_TRIES - link.pin_failures % PIN_TRIES
    return render_template(
        "reviewer/pin.html", token=token, locked=locked, wrong=True, left=left
    ), status


def _name_error(name: str) -> str | None:
    if not name:
        return gettext("Please write your name, so the worker knows who this is from.")
    if len(name) > MAX_NAME:
        return gettext("Please keep your name under %(most)d characters.", most=MAX_NAME)
    return None


def refused_words(refused: ReviewRefused, revision: Revision) -> str:
    """Why the review rules refused an answer, in the page's language (their own words are
    English, for the worker's pages too)."""
    if revision.superseded_at is not None:
        return gettext(
            "Version %(number)s has been replaced by a newer version, so it can no longer be "
            "agreed or changed. Please look at the newest version instead.",
            number=revision.number,
        )
    if revision.status == "approved":
        return gettext("Version %(number)s is already approved.", number=revision.number)
    if request.form.get("decision") == CHANGES:
        return gettext("Please say what you would like changed.")
    return str(refused)


@bp.post("/<token>/comment")
def comment(token: str):  # noqa: ANN201
    """Add a comment on one panel; too long or empty is refused, and the words stay in the box."""
    link = _open_link(token)
    if not _unlocked(link):
        return redirect(url_for("reviewer.review", token=token))
    revision = current_revision(link)
    index = request.form.get("panel", type=int)
    body = request.form.get("body", "").replace("\r\n", "\n").strip()
    name = request.form.get("name", "").strip()
    panels = revision.document.get("panels", [])
    if index is None or not 0 <= index < len(panels):
        return _page(link, 400, error=gettext("That comment was not for a page of this booklet."))
    error = _name_error(name)
    if revision.superseded_at is not None:
        error = gettext("This version has been replaced by a newer one, so comments are closed.")
    elif request.form.get("version", revision.sha256) != revision.sha256:
        # A link that follows the storyboard now opens a newer version: this comment was
        # written on the one before, whose pages may differ. The words stay in the box.
        error = gettext(
            "A newer version was sent while you were reading, so this comment was not sent. "
            "Please look at this page again; your words are still below."
        )
    elif not body:
        error = gettext(
            "The comment box is empty. Write what you would like to say, then press Send."
        )
    elif len(body) > MAX_TEXT:
        error = gettext(
            "This comment is %(length)s characters long; the most is %(most)s. "
            "Please make it shorter, or split it into two comments. Your words are still below.",
            length=format_number(len(body)),
            most=format_number(MAX_TEXT),
        )
    if error:
        return _page(
            link, 400, comment_errors={index: error}, comment_values={index: body}, name=name
        )
    row = Comment(
        revision_id=revision.id,
        panel_index=index,
        share_link_id=link.id,
        author_name=name,
        body=body,
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        "comment", row, share_link_id=link.id, **_where(link), version=revision.number,
        panel=index, chars=len(body),
    )  # fmt: skip
    db.session.commit()
    flash(gettext("Thank you. Your comment was sent."), "success")
    return redirect(url_for("reviewer.review", token=token) + f"#panel-{index}")


@bp.post("/<token>/decision")
def decision(token: str):  # noqa: ANN201
    """Agree with this version, or ask for changes (with what); recorded with its hash."""
    link = _open_link(token)
    if not _unlocked(link):
        return redirect(url_for("reviewer.review", token=token))
    revision = current_revision(link)
    choice = request.form.get("decision", "")
    name = request.form.get("name", "").strip()
    details = request.form.get("details", "").replace("\r\n", "\n").strip()
    error = _name_error(name)
    if request.form.get("version") != revision.sha256:
        error = gettext(
            "This page was for a different version. Please look at it again before answering."
        )
    elif choice not in (AGREE, CHANGES):
        error = gettext("Please choose one of the two answers.")
    elif len(details) > MAX_TEXT:
        error = gettext(
            "That is %(length)s characters long; the most is %(most)s.",
            length=format_number(len(details)),
            most=format_number(MAX_TEXT),
        )
    if error is None:
        try:
            approval = record_decision(
                revision, choice, name, details if choice == CHANGES else None, link=link
            )
        except ReviewRefused as refused:
            db.session.rollback()
            error = refused_words(refused, revision)
    if error:
        return _page(link, 400, decision_error=error, details=details, name=name)
    audit.record(
        "review_decision", approval, share_link_id=link.id, **_where(link),
        version=revision.number, decision=choice, sha256=revision.sha256, status=revision.status,
    )  # fmt: skip
    db.session.commit()
    if choice == AGREE:
        flash(gettext("Thank you. You agreed with this version."), "success")
    else:
        flash(gettext("Thank you. Your worker will see what you would like changed."), "success")
    return redirect(url_for("reviewer.review", token=token) + "#decision")
