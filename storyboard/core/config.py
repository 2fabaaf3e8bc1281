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
        "LOCAL_PASSWORDS",
        True,
        "Whether staff may sign in with a username and password. Off (with single sign-on set "
        "up): the password form is hidden and refused, except for BREAK_GLASS_ADMINS.",
    ),
    Setting(
        "BREAK_GLASS_ADMINS",
        "",
        "Usernames (comma-separated) of administrator accounts that may still sign in with a "
        "password and a sign-in code when LOCAL_PASSWORDS is off, for when the council's "
        "sign-in service is down. Each needs codes turned on.",
    ),
    Setting(
        "OIDC_ISSUER",
        None,
        "Single sign-on: the OpenID provider's issuer (for Entra ID "
        "https://login.microsoftonline.com/<tenant id>/v2.0). Empty: no single sign-on.",
    ),
    Setting(
        "OIDC_DISCOVERY_URL",
        None,
        "Where the provider's settings are read. Empty: the issuer followed by "
        "/.well-known/openid-configuration.",
    ),
    Setting("OIDC_CLIENT_ID", None, "The app's client (application) id at the provider."),
    Setting("OIDC_CLIENT_SECRET", None, "The app's client secret at the provider."),
    Setting("OIDC_SCOPES", "openid profile email", "Scopes asked for at sign-in."),
    Setting(
        "OIDC_PROVIDER_NAME",
        "your council account",
        "Shown on the sign-in button: 'Sign in with <name>'.",
    ),
    Setting(
        "OIDC_GROUPS_CLAIM",
        "groups",
        "The ID token claim that lists the person's groups (Entra ID: groups, or roles for "
        "app roles).",
    ),
    Setting(
        "OIDC_GROUP_ROLES",
        {},
        "Which group gives which role: a mapping of group (its id or name as the claim lists "
        "it) to worker, manager or admin. Someone in none of them is refused.",
    ),
    Setting(
        "OIDC_CREATE_ACCOUNTS",
        True,
        "Make an account at a person's first single sign-on when their groups give a role. "
        "Off: only accounts already linked (by their owner, signed in) may use it.",
    ),
    Setting(
        "OIDC_CLOCK_SKEW_SECONDS",
        60,
        "How far the provider's clock may differ from ours when ID tokens are checked.",
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
