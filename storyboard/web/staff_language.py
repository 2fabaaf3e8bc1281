"""A member of staff's language for the app's own pages, chosen on the account page.

English first: only English and the languages whose catalogue translates every staff page's
words are accepted (`i18n.staff_languages`); families' pages keep their own language.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext, refresh
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from storyboard.services.db import db
from storyboard.web import i18n

bp = Blueprint("staff_language", __name__)


@bp.post("/account/language")
@login_required
def choose() -> Response:
    """Keep the person's choice (English is kept as none), or say it is not one offered."""
    language = request.form.get("language", "")
    if language not in i18n.staff_languages():
        flash(gettext("Choose one of the languages in the list."), "error")
    else:
        current_user.page_language = None if language == i18n.SOURCE else language
        db.session.commit()
        refresh()
        flash(gettext("The language of these pages is saved."), "success")
    return redirect(url_for("codes.account"))
