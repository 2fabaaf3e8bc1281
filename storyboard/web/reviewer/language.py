"""The reviewer changes the language of their link's pages; what they typed comes back.

The switcher is a plain form, so it works without scripts. With scripts, the words typed in
the page's boxes go along with it (static/js/language.js) and the page comes back in the new
language with them filled in, unsent: nothing the reviewer typed is lost or sent by this.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from storyboard.services.link_versions import current_revision
from storyboard.services.models import ShareLink
from storyboard.services.review_state import MAX_TEXT
from storyboard.web.i18n import choose as choose_language
from storyboard.web.i18n import clean_language
from storyboard.web.reviewer import (
    MAX_NAME,
    _open_link,
    _page,
    _Stop,
    _stopped,
    _unlocked,
    language_scope,
)

bp = Blueprint("reviewer_language", __name__, url_prefix="/r")
bp.register_error_handler(_Stop, _stopped)
KEEP = "keep-"  # the prefix of the carried words' fields


def _kept(link: ShareLink) -> dict:
    """The words carried from the page's boxes, cleaned: comments only for pages that exist."""
    form = request.form
    pages = len(current_revision(link).document.get("panels", []))
    comments = {}
    for name, value in form.items():
        index = name.removeprefix(f"{KEEP}comment-")
        if index != name and index.isdigit() and int(index) < pages and value.strip():
            comments[int(index)] = value.replace("\r\n", "\n")[: MAX_TEXT * 3]
    kept = {"comment_values": comments} if comments else {}
    if form.get(f"{KEEP}name", "").strip():
        kept["name"] = form[f"{KEEP}name"].strip()[:MAX_NAME]
    if form.get(f"{KEEP}details", "").strip():
        kept["details"] = form[f"{KEEP}details"].replace("\r\n", "\n")[: MAX_TEXT * 3]
    return kept


@bp.post("/<token>/language")
def choose(token: str) -> Response | tuple[str, int]:
    """Show this link's pages in another language (one this app has)."""
    link = _open_link(token)
    back = url_for("reviewer.review", token=token)
    language = clean_language(request.form.get("language"))
    if language is None:
        flash(gettext("Please choose one of the languages in the list."), "error")
        return redirect(back)
    choose_language(language, language_scope(link))
    kept = _kept(link) if _unlocked(link) else {}
    if not kept:
        return redirect(back)
    return _page(link, 200, **kept)
