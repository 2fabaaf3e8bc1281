"""One error page per status, in plain words; JSON for our scripts. No family data in logs."""

from __future__ import annotations

import traceback

from flask import Flask, jsonify, render_template
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from storyboard.core.errors import code_for, error_body
from storyboard.story.wording import N_
from storyboard.web.i18n import family_page, number
from storyboard.web.signin import wants_json

# Marked for the catalogue here, said in the page's language when shown (on a family page).
MESSAGES = {
    400: N_("Something in that request was not right. Please go back and try again."),
    403: N_("Your account cannot open this page."),
    404: N_("This page does not exist, or your account cannot see it."),
    405: N_("That action is not available here."),
    413: N_("That was too much to send in one go. Nothing was saved from it."),
    429: N_("Too many tries. Please wait a few minutes and try again."),
    500: N_("Something went wrong on our side. Nothing you had already saved was lost."),
}
CSRF_CODE = "form_expired"  # the page's form token is old: the scripts ask to sign in again
CSRF_MESSAGE = N_(
    "This page was open for a long time, so for safety it needs to be refreshed. Go back, "
    "copy anything you typed, refresh the page and try again."
)


def _render(status: int, message: str, code: str | None = None, said: bool = False):  # noqa: ANN202
    """Answer with a page, or with JSON (the one error shape) when a script asked. `said`:
    the message is in the page's language already."""
    if not said:
        message = gettext(message)  # English on staff pages (the locale selector says so)
    if wants_json():
        return jsonify(error_body(code or code_for(status), message)), status
    page = render_template(
        "errors/error.html", status=status, message=message, family_error=family_page()
    )
    return page, status


# What was too large, by how much, and the limit: whole sentences, said in the page's language.
TOO_LARGE_TEXT = N_(
    "That was too much to send in one go. Nothing was saved from it. Text fields hold up to a "
    "few thousand words; this was %(size)s MB."
)
TOO_LARGE_PICTURE = N_(
    "That was too much to send in one go. Nothing was saved from it. This picture is "
    "%(size)s MB; pictures up to %(limit)s MB can be used. Choose a smaller photo, or a "
    "screenshot of it."
)
TOO_LARGE_FILE = N_(
    "That was too much to send in one go. Nothing was saved from it. This file is %(size)s MB; "
    "files up to %(limit)s MB can be sent."
)


def too_large() -> str:
    """What was too large, by how much, and the limit (the one setting, MAX_CONTENT_LENGTH),
    in the page's language (English on staff pages)."""
    from flask import current_app, request

    from storyboard.pictures.images import megabytes

    limit = int(current_app.config["MAX_CONTENT_LENGTH"])
    size = request.content_length or 0
    sizes = {"size": number(int(megabytes(size))), "limit": number(int(megabytes(limit)))}
    if request.max_content_length is not None and request.max_content_length < limit:
        return gettext(TOO_LARGE_TEXT, **sizes)
    if request.endpoint == "pictures.upload":
        return gettext(TOO_LARGE_PICTURE, **sizes)
    return gettext(TOO_LARGE_FILE, **sizes)


def handle_http_error(error: HTTPException):  # noqa: ANN201
    """Show our page for an HTTP error."""
    status = error.code or 500
    if status == 413:
        return _render(status, too_large(), said=True)
    return _render(status, MESSAGES.get(status, error.description or MESSAGES[500]))


def handle_csrf_error(error: CSRFError):  # noqa: ANN201
    """An expired or missing form token: say so plainly."""
    return _render(400, CSRF_MESSAGE, CSRF_CODE)


def where(error: BaseException) -> str:
    """The code locations of an error (file:line in function), without its message.

    Messages can quote data (a value that failed to save), so only the places are logged.
    """
    frames = traceback.extract_tb(error.__traceback__)
    return " <- ".join(f"{f.filename}:{f.lineno} in {f.name}" for f in reversed(frames[-8:]))


def handle_unexpected(error: Exception):  # noqa: ANN201
    """Log the error type and place only (never its message or request data); show a 500."""
    from flask import current_app

    current_app.logger.error("Unhandled %s at %s", type(error).__name__, where(error))
    return handle_http_error(InternalServerError())


def init_app(app: Flask) -> None:
    """Register the error handlers."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
