"""Words & Pictures storyboard builder: the Flask application factory."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from storyboard.core.config import DEFAULTS, ENV_PREFIX, INSTANCE_CONFIG_FILE
from storyboard.core.paths import STATIC_DIR, TEMPLATES_DIR

if TYPE_CHECKING:  # Flask loads with the app, not with every module of the package
    from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app: settings, database, sign-in, security headers, blueprints, errors.

    It writes no files: the instance folder, secret key and database are made on first
    `storyboard run` (or `storyboard db upgrade`), see `storyboard.services.firstrun`.
    """
    from flask import Flask

    instance_path = os.environ.get(f"{ENV_PREFIX}_INSTANCE_PATH") or None
    if test_config and test_config.get("INSTANCE_PATH"):
        instance_path = str(test_config["INSTANCE_PATH"])
    app = Flask(
        __name__,
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(TEMPLATES_DIR),
        static_folder=str(STATIC_DIR),
    )
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile(INSTANCE_CONFIG_FILE, silent=True)
    app.config.from_prefixed_env(ENV_PREFIX)
    if test_config:
        app.config.from_mapping(test_config)
    _configure_sessions(app)

    from storyboard import web
    from storyboard.core import logs
    from storyboard.services import db, firstrun
    from storyboard.web import errors, public, security, signin

    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = firstrun.read_secret_key(app)
    db.init_app(app)
    logs.init_app(app)
    security.init_app(app)
    public.init_app(app)
    signin.init_app(app)
    errors.init_app(app)
    web.register_blueprints(app)
    # Templates mark the words people read with _("..."); until the app translates them,
    # they are shown as written (Flask-Babel's gettext takes this place when it comes).
    app.jinja_env.globals.setdefault("_", lambda s, **kw: s % kw if kw else s)
    return app


def _configure_sessions(app: Flask) -> None:
    """Session cookie and request limits, derived from the settings."""
    secure = bool(app.config["SECURE_COOKIES"])
    app.config.update(
        # Over HTTPS the __Host- prefix makes browsers refuse the cookie unless it is Secure,
        # for this host only (no Domain) and for the whole site: no subdomain can set it.
        SESSION_COOKIE_NAME="__Host-storyboard_session" if secure else "storyboard_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True,
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=int(app.config["IDLE_MINUTES"])),
        # One form field may hold a long story, never megabytes: larger bodies get a clear 413.
        MAX_FORM_MEMORY_SIZE=1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
    )
