"""Settings: one table of (name, default, help), read from defaults, instance file, environment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One configuration setting, as documented in the README."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        None,
        "SQLAlchemy URL of the database. Empty: SQLite file storyboard.sqlite3 in the instance "
        "folder. PostgreSQL: postgresql+psycopg://user:password@host/dbname.",
    ),
    Setting(
        "SECRET_KEY",
        None,
        "Signs sessions and forms. Empty: generated on first start into instance/secret_key "
        "(owner-only permissions). There is no built-in default. Every app server on one "
        "database needs the same key: `storyboard serve` on PostgreSQL refuses to start "
        "without one.",
    ),
    Setting("IDLE_MINUTES", 30, "Sign a user out after this many minutes without a request."),
    Setting("SESSION_HOURS", 12, "Sign a user out this many hours after signing in, even in use."),
    Setting("SIGNIN_MAX_FAILURES", 10, "Failed sign-ins allowed per account or address..."),
    Setting("SIGNIN_WINDOW_MINUTES", 15, "...within this many minutes before sign-in is paused."),
    Setting("SETUP_LINK_HOURS", 24, "How long the first-run setup link works."),
    Setting(
        "PASSWORD_HASH_PROFILE",
        "rfc9106-low-memory",
        "Argon2id parameters for new password and PIN hashes: rfc9106-low-memory (64 MiB, "
        "3 passes), or test-cheap (tests only; refused unless TESTING).",
    ),
    Setting("MAX_FIELD_CHARS", 20000, "Longest text accepted in any one form field."),
    Setting(
        "MAX_CONTENT_LENGTH",
        25 * 1024 * 1024,
        "Largest request body in bytes (uploads included); larger requests get a clear 413.",
    ),
    Setting(
        "SECURE_COOKIES",
        False,
        "Send cookies only over HTTPS. Turn on whenever the app is served over HTTPS.",
    ),
    Setting("REVIEW_MAX_BAD_LINKS", 20, "Wrong share links one address may try..."),
    Setting("REVIEW_MAX_LINK_REQUESTS", 120, "Requests one share link may make..."),
    Setting("REVIEW_WINDOW_MINUTES", 15, "...within this many minutes."),
    Setting(
        "TRUSTED_PROXIES",
        0,
        "How many reverse proxies (HTTPS front ends) stand before the app; their "
        "X-Forwarded-For/-Proto headers are then trusted for the client's address.",
    ),
    Setting(
        "PUBLIC_URL",
        None,
        "The address families' phones reach the app at, scheme and host only (for example "
        "https://stories.example.gov.uk). Share links, QR codes and the setup link use it, "
        "never the address a request names. Empty: the address `storyboard run` serves on (with "
        "--host 0.0.0.0, this machine's network address).",
    ),
    Setting(
        "RETENTION_DRAFT_DAYS",
        90,
        "Days after a case is closed before `storyboard retention` deletes its working drafts "
        "(pages, pictures, unapproved versions); approved versions are kept.",
    ),
    Setting(
        "RETENTION_CASE_YEARS",
        25,
        "Years after a case is closed before `storyboard retention` deletes everything about "
        "it, approved versions included. Set by the council's records policy.",
    ),
    Setting(
        "UPLOAD_FOLDER",
        None,
        "Only for upgrading: where photos were kept as files before they moved into the "
        "database. Empty: instance/images.",
    ),
)

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}

ENV_PREFIX = "STORYBOARD"
INSTANCE_CONFIG_FILE = "storyboard.cfg"
