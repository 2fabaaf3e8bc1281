"""Logging without secrets: tokens and query strings are cut out of request lines.

A query string can carry what a family said (the picture search's words, a `next` address),
so request lines keep only the path. Tokens in paths (the setup link, share links) go too.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

# Paths whose next part is a bearer token: the setup link and reviewers' share links. Any
# part goes, whatever its letters ("/r//token" reaches the same page once slashes merge).
_TOKEN_PATH = re.compile(r"(/(?:setup|r)/+)[^/?#\s\"']+")


# A query string after a path: from "?" to the next space (before "HTTP/1.1") or quote.
_QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")


def redact(text: str) -> str:
    """Replace tokens in URL paths, and every query string, with an ellipsis."""
    return _QUERY.sub(r"\1?…", _TOKEN_PATH.sub(r"\1…", text))


class RedactTokens(logging.Filter):
    """A filter that removes tokens from a log record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drop it."""
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


def init_app(app: Flask) -> None:
    """Filter the request log (werkzeug) and the app's own log."""
    for logger in (logging.getLogger("werkzeug"), app.logger):
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())
