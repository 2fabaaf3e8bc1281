"""The web layer: blueprints, sign-in, CSRF, security headers, forms. Only it reads `request`."""

from __future__ import annotations

import importlib

from flask import Flask

# One module per area, each with a blueprint `bp` (and optionally `init_app(app)`).
BLUEPRINTS = (
    "i18n",
    "staff_language",
    "auth",
    "auth.oidc",
    "auth.account",
    "cases",
    "search",
    "council",
    "exports",
    "editor",
    "editor.api",
    "editor.read",
    "editor.family_mode",
    "editor.retell",
    "plainwords",
    "pictures",
    "recordings",
    "review",
    "reviewer",
    "reviewer.listen",
    "reviewer.language",
    "editor.offline",
)


def register_blueprints(app: Flask) -> None:
    """Register every area's blueprint (and call its `init_app`, if it has one)."""
    for name in BLUEPRINTS:
        module = importlib.import_module(f"storyboard.web.{name}")
        app.register_blueprint(module.bp)
        if hasattr(module, "init_app"):
            module.init_app(app)
