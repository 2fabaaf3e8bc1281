"""The app's public address (PUBLIC_URL): what share links, QR codes and setup links carry.

A link handed to a family must never take its host from the request: a Host header is
whatever the client sent, so a crafted request could make the app print a link to another
site on a QR code. Links are made from the configured address only.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from flask import Flask, current_app, url_for

# Used when no address is configured: plainly this computer, and said so on the link page.
FALLBACK = "http://localhost"


def checked_public_url(value: object) -> str | None:
    """The configured address without a trailing slash, or ValueError saying what is wrong."""
    if value in (None, ""):
        return None
    text = str(value).strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"PUBLIC_URL must be an address such as https://stories.example.gov.uk, not {text!r}"
        )
    if parts.path or parts.query or parts.fragment or parts.username:
        raise ValueError(
            "PUBLIC_URL is the scheme and host only (https://stories.example.gov.uk), "
            f"with no path: {text!r}"
        )
    return text


def public_link(endpoint: str, **values: object) -> str:
    """An absolute link to `endpoint` at the public address (never the request's Host)."""
    base = current_app.config.get("PUBLIC_URL") or FALLBACK
    return base + url_for(endpoint, **values)


def phone_can_reach(url: str) -> bool:
    """False for a link to this computer only (localhost, 127.0.0.1, ::1)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def init_app(app: Flask) -> None:
    """Check PUBLIC_URL when the app starts, so a wrong value stops it with a message."""
    app.config["PUBLIC_URL"] = checked_public_url(app.config.get("PUBLIC_URL"))
