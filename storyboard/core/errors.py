"""One base for the errors we answer with, and one JSON shape for them (no Flask).

Every JSON API answers an error as `{"error": code, "message": ..., "field": ...}`: `error` is
a short code string for scripts, `message` is in plain words for people, `field` (when there
is one) names what was wrong; some errors add more (a 409 sends the saved copy).
"""

from __future__ import annotations

from typing import Any

# The code for each HTTP status we answer with when nothing more precise is known.
CODES = {
    400: "bad_request",
    401: "signed_out",
    403: "forbidden",
    404: "not_found",
    405: "not_allowed",
    409: "conflict",
    413: "too_large",
    429: "too_many",
    500: "server_error",
}


def code_for(status: int) -> str:
    """The code of an HTTP status ("bad_request" for 400)."""
    return CODES.get(status, "bad_request" if status < 500 else "server_error")


def error_body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    """The one JSON shape of an error."""
    body: dict[str, Any] = {"error": code, "message": message}
    if field is not None:
        body["field"] = field
    return body | extra


class StoryboardError(Exception):
    """An error we answer with: an HTTP `status`, a `code` for scripts and a plain message."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        """Return the JSON body for this error."""
        return error_body(self.code, self.message, **self.extra)
