"""Passwords, tokens and the HTTP security headers every response carries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

from storyboard.core.passwords import PASSWORD_HASH_PROFILES, TEST_ONLY_PROFILES

F = TypeVar("F", bound=Callable[..., Any])

# Forms and autosaves are small; only views marked with `allows_uploads` take large bodies.
FORM_BODY_LIMIT = 2 * 1024 * 1024


# No inline script, nothing from other hosts; data: and blob: for pictures and recordings
# made in the page.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        # Recordings: played from this server, or from the tablet before they are sent.
        "media-src 'self' blob: data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), microphone=(), camera=(self)",
}
# The editor records pages read aloud: that page alone may ask for the microphone.
RECORDING_PERMISSIONS = "geolocation=(), microphone=(self), camera=(self)"


def add_security_headers(response: Response) -> Response:
    """Set the security headers, and stop caches keeping pages with family data."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if response.mimetype == "text/html" or response.mimetype == "application/json":
        response.headers.setdefault("Cache-Control", "no-store")
    if current_app.config.get("SECURE_COOKIES"):
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def allows_uploads(view: F) -> F:
    """Mark a view that accepts bodies up to MAX_CONTENT_LENGTH (photos, storyboard files)."""
    view.allows_uploads = True  # type: ignore[attr-defined]
    return view


def limit_body_size() -> None:
    """Cap request bodies at FORM_BODY_LIMIT unless the view takes uploads (larger: 413)."""
    view = current_app.view_functions.get(request.endpoint or "")
    if not getattr(view, "allows_uploads", False):
        request.max_content_length = min(FORM_BODY_LIMIT, current_app.config["MAX_CONTENT_LENGTH"])


def init_app(app: Flask) -> None:
    """Check the hash profile, trust the configured proxies, and register the request hooks."""
    profile = app.config["PASSWORD_HASH_PROFILE"]
    if profile not in PASSWORD_HASH_PROFILES:
        known = ", ".join(PASSWORD_HASH_PROFILES)
        raise ValueError(f"PASSWORD_HASH_PROFILE must be one of {known}, not {profile!r}")
    if profile in TEST_ONLY_PROFILES and not app.testing:
        raise ValueError(f"PASSWORD_HASH_PROFILE {profile!r} is for tests only (TESTING = True)")
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        # Behind HTTPS proxies, the client's address (for sign-in limits and the audit log)
        # and the scheme come from the proxies' X-Forwarded-* headers.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
    app.before_request(limit_body_size)
    app.after_request(add_security_headers)
