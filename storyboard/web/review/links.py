"""Share links for named reviewers: make one (shown once, with a QR code), revoke one.

Only the SHA-256 of a token is stored, so a link can be shown only when it is made; the QR
code is drawn here with segno, on our own page, as an SVG picture.
"""

from __future__ import annotations

import base64
import io
import re
from datetime import timedelta

import segno
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from storyboard.core.passwords import new_token, token_digest
from storyboard.services import audit
from storyboard.services.accounts import hash_password
from storyboard.services.db import db
from storyboard.services.models import ShareLink, utcnow
from storyboard.services.review_state import (
    REVIEWER_ROLES,
    ReviewRefused,
    check_can_decide,
    links_of,
    refresh_status,
)
from storyboard.web.access import get_storyboard
from storyboard.web.i18n import clean_language, link_language
from storyboard.web.public import phone_can_reach, public_link
from storyboard.web.review.views import bp, get_revision
from storyboard.web.review.words import refused_words

DEFAULT_DAYS, MAX_DAYS = 7, 30
PIN_RULE = re.compile(r"^[0-9]{4,8}$")


def qr_data_url(text: str) -> str:
    """A QR code of `text` as an SVG data: URL (dark on white, with a quiet zone)."""
    code = segno.make(text, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=8, border=4, dark="#1f2933", light="#ffffff", xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _link_errors(form, default_language: str) -> tuple[dict, list[str]]:  # noqa: ANN001
    """Read the new-link form; return its values and what is wrong with them."""
    values = {
        "name": form.get("reviewer_name", "").strip(),
        "role": form.get("reviewer_role", ""),
        "required": form.get("required") == "yes",
        "days": form.get("days", str(DEFAULT_DAYS)).strip(),
        "pin": form.get("pin", "").strip(),
        "follows": form.get("follows") == "yes",
        "language": form.get("language", default_language),
    }
    errors = []
    if not values["name"]:
        errors.append(gettext("Give the reviewer's name, as they will see it."))
    elif len(values["name"]) > 120:
        errors.append(gettext("Keep the reviewer's name under %(most)s characters.", most=120))
    if values["role"] not in REVIEWER_ROLES:
        errors.append(gettext("Choose who the reviewer is."))
    if not values["days"].isdigit() or not 1 <= int(values["days"]) <= MAX_DAYS:
        errors.append(gettext("A link can work for 1 to %(most)s days.", most=MAX_DAYS))
    if values["pin"] and not PIN_RULE.match(values["pin"]):
        errors.append(gettext("A PIN is 4 to 8 digits, or leave it empty."))
    values["language"] = clean_language(values["language"])
    if values["language"] is None:
        errors.append(gettext("Choose the language of the reviewer's page from the list."))
    return values, errors


@bp.post("/storyboards/<int:storyboard_id>/versions/<int:number>/links")
@login_required
def create_link(storyboard_id: int, number: int) -> Response | str:
    """Make a link for one named reviewer of this version and show it once, with its QR code."""
    storyboard = get_storyboard(storyboard_id)
    revision = get_revision(storyboard, number)
    back = url_for("review.version", storyboard_id=storyboard.id, number=number) + "#links"
    try:
        check_can_decide(revision)
    except ReviewRefused as refused:
        flash(
            gettext("%(reason)s No new links can be made for it.", reason=refused_words(refused)),
            "error",
        )
        return redirect(back)
    values, errors = _link_errors(request.form, link_language(storyboard.language))
    if errors:
        for error in errors:
            flash(error, "error")
        return redirect(back)
    token = new_token()
    link = ShareLink(
        revision_id=revision.id,
        token_hash=token_digest(token),
        reviewer_name=values["name"],
        reviewer_role=values["role"],
        required=values["required"],
        pin_hash=hash_password(values["pin"]) if values["pin"] else None,
        expires_at=utcnow() + timedelta(days=int(values["days"])),
        created_by_id=current_user.id,
        follows=values["follows"],
        days=int(values["days"]),
        language=values["language"],
    )
    db.session.add(link)
    db.session.flush()
    audit.record(
        "share", link, case_id=storyboard.case_id, storyboard_id=storyboard.id,
        share_link_id=link.id, version=revision.number, role=link.reviewer_role,
        required=link.required, pin=bool(link.pin_hash), days=int(values["days"]),
        follows=link.follows, language=link.language,
    )  # fmt: skip
    refresh_status(revision)
    db.session.commit()
    url = public_link("reviewer.review", token=token)
    return render_template(
        "review/link_created.html",
        storyboard=storyboard,
        revision=revision,
        link=link,
        url=url,
        qr=qr_data_url(url),
        reachable=phone_can_reach(url),
        has_pin=bool(values["pin"]),
    )


@bp.post("/storyboards/<int:storyboard_id>/versions/<int:number>/links/<int:link_id>/revoke")
@login_required
def revoke_link(storyboard_id: int, number: int, link_id: int) -> Response:
    """Stop a link working at once (a lost phone, the wrong person)."""
    storyboard = get_storyboard(storyboard_id)
    revision = get_revision(storyboard, number)
    link = db.session.get(ShareLink, link_id)
    if link is None or link not in links_of(revision):
        abort(404)
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        audit.record(
            "revoke", link, case_id=storyboard.case_id, storyboard_id=storyboard.id,
            share_link_id=link.id, version=revision.number,
        )  # fmt: skip
        refresh_status(revision)
        db.session.commit()
        flash(gettext("That link no longer works."), "success")
    return redirect(
        url_for("review.version", storyboard_id=storyboard.id, number=number) + "#links"
    )
