"""Search for staff: `GET /search?q=` finds the cases and storyboards the account may open.

The words come in the query string, which the request log never writes (`core/logs.py`,
`serving/wsgi.py`); the answer is never kept by a cache (`Cache-Control: no-store`).
"""

from __future__ import annotations

from flask import Blueprint, make_response, render_template, request
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response

from storyboard.services.search import MAX_QUERY_CHARS, MAX_RESULTS, PER_PAGE, Results, search
from storyboard.web.access import role_required
from storyboard.web.forms import page_number

bp = Blueprint("search", __name__)


@bp.get("/search")
@role_required("worker", "manager")
def results() -> Response:
    """The search box, and the cases that match what was typed in it."""
    query = request.args.get("q")
    found: Results | None = None
    error = None
    status = 200
    if query is not None:
        typed = " ".join(query.split())
        if not typed:
            error = gettext("Type a case reference, a name or a storyboard's title to search for.")
        elif len(typed) > MAX_QUERY_CHARS:
            error = gettext(
                "That is %(count)d characters long; search for at most %(limit)d, such as a "
                "name or a case reference.",
                count=len(typed), limit=MAX_QUERY_CHARS,
            )  # fmt: skip
            status = 400
        else:
            found = search(current_user, typed, page_number())
    response = make_response(
        render_template(
            "search/results.html",
            query=query or "",
            found=found,
            error=error,
            page=page_number(),
            per_page=PER_PAGE,
            max_results=MAX_RESULTS,
            max_chars=MAX_QUERY_CHARS,
        ),  # fmt: skip
        status,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
