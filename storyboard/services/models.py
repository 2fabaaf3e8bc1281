"""ORM classes: accounts, cases, storyboards, pictures, review and the audit log."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from storyboard.services.db import db
from storyboard.story.hashing import CURRENT_SCHEME

ROLES = ("worker", "manager", "admin")
STORYBOARD_STATUSES = ("draft", "in_review", "approved", "archived")
REVISION_STATUSES = ("in_review", "changes", "approved", "superseded")
DECISIONS = ("agree", "changes", "sign_off")


def utcnow() -> datetime:
    """Return the current time in UTC (stored without zone, always UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


case_workers = Table(
    "case_workers",
    db.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    # The key starts with the case; a worker's cases are found by this one.
    Index("ix_case_workers_user_id", "user_id"),
)


class User(UserMixin, db.Model):
    """A person who signs in: a worker, a manager (who leads a team) or an admin."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Changing this signs the user out everywhere (password change, deactivation).
    session_token: Mapped[str] = mapped_column(String(64))
    # Sign-in codes (TOTP, services/codes.py): the secret sealed under SECRET_KEY, set while
    # being confirmed and kept once on; on from `totp_enabled_at`; the last time step used,
    # so one code never signs in twice.
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(DateTime)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # The language of the app's own pages for this person (None: English; web/i18n.py).
    page_language: Mapped[str | None] = mapped_column(String(8))

    manager: Mapped[User | None] = relationship(remote_side="User.id", back_populates="team")
    team: Mapped[list[User]] = relationship(back_populates="manager")
    cases: Mapped[list[Case]] = relationship(secondary=case_workers, back_populates="workers")
    identities: Mapped[list[SsoIdentity]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def get_id(self) -> str:
        """Identify the session by user and session token, so old sessions can be ended."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        """Deactivated accounts cannot sign in."""
        return bool(self.active)


class SsoIdentity(db.Model):
    """A person at the council's OpenID provider (issuer and subject), linked to one account.

    The only link between a sign-in at the provider and an account: never the email address,
    which the provider may let people change or reuse.
    """

    __tablename__ = "sso_identities"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship(back_populates="identities")


class SetupToken(db.Model):
    """A one-time link that creates the first administrator."""

    __tablename__ = "setup_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class SignInAttempt(db.Model):
    """One sign-in try, kept to throttle repeated failures (no password is stored)."""

    __tablename__ = "sign_in_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Case(db.Model):
    """A family the local authority works with, known by its case reference."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    # Not unique: refusing a taken reference told a worker that a case they cannot see exists.
    reference: Mapped[str] = mapped_column("case_reference", String(40), index=True)
    # The column that held the reference until migration 0007; SQLite cannot drop its UNIQUE
    # constraint without copying the table, so it holds a placeholder unique to the row.
    unique_slot: Mapped[str] = mapped_column(
        "reference", String(40), unique=True, default=lambda: "case-" + secrets.token_hex(12)
    )
    family_name: Mapped[str] = mapped_column(String(120))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    workers: Mapped[list[User]] = relationship(secondary=case_workers, back_populates="cases")
    people: Mapped[list[Person]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Person.id"
    )
    storyboards: Mapped[list[Storyboard]] = relationship(
        back_populates="case", order_by="Storyboard.number"
    )


class Person(db.Model):
    """Someone in the child's life, in the words the family uses."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    relationship_: Mapped[str] = mapped_column("relationship", String(120))
    # "she", "he", "they", or the person's own words (never rewritten).
    pronouns: Mapped[str | None] = mapped_column(String(40))
    # What the child calls them; the booklet prints this, never the full name.
    known_as: Mapped[str | None] = mapped_column(String(120))
    # family, professional (the worker, a teacher: can be a speaker) or child (a child of
    # the case, whose story a storyboard may tell; `age` is theirs).
    kind: Mapped[str] = mapped_column(String(16), default="family", server_default="family")
    age: Mapped[int | None] = mapped_column(Integer)
    # The language they read best (one of story.languages.KNOWN, or None: not asked) and
    # whether they need an interpreter. Case data for the worker: never in the storyfile, so
    # never in a version's hash.
    preferred_language: Mapped[str | None] = mapped_column(String(35))
    needs_interpreter: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    case: Mapped[Case] = relationship(back_populates="people")


class Storyboard(db.Model):
    """One child's Words & Pictures story within a case; panels hold its pages."""

    __tablename__ = "storyboards"
    __table_args__ = (UniqueConstraint("case_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    child_name: Mapped[str] = mapped_column(String(80))
    child_age: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(35), default="en")
    title: Mapped[str] = mapped_column(String(200))
    # A bilingual booklet: the second language (BCP 47; None: one language) and the title in it.
    second_language: Mapped[str | None] = mapped_column(String(35))
    title_2: Mapped[str | None] = mapped_column(Text)
    purpose: Mapped[str | None] = mapped_column(String(200))
    template: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    page_size: Mapped[str] = mapped_column(String(10), default="A4")
    minimal: Mapped[bool] = mapped_column(Boolean, default=False)
    family_words: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # Fields of the portable file that have no column of their own are kept here.
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("storyboards.id", ondelete="SET NULL"))
    # The child of the case whose story this is (their pronouns, age and relations). No
    # foreign key (SQLite adds one only by copying the table): removing a person clears it.
    child_person_id: Mapped[int | None] = mapped_column(Integer)
    # The worker chose to print the council's name and logo on the About page (never by
    # default: a booklet found at home must not say who made it unless the worker decides).
    show_council: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    case: Mapped[Case] = relationship(back_populates="storyboards")
    child_person: Mapped[Person | None] = relationship(
        primaryjoin="foreign(Storyboard.child_person_id) == Person.id", viewonly=True
    )
    panels: Mapped[list[Panel]] = relationship(
        back_populates="storyboard", cascade="all, delete-orphan", order_by="Panel.position"
    )
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="storyboard", order_by="Revision.number"
    )


class Panel(db.Model):
    """One page of the story; `version` rises on each save to detect two editors."""

    __tablename__ = "panels"
    id: Mapped[int] = mapped_column(primary_key=True)
    storyboard_id: Mapped[int] = mapped_column(
        ForeignKey("storyboards.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10), default="text")
    heading: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    # The heading and words in the storyboard's second language; its steps (`steps_2`) and
    # what 10 means (`scale.ten_means_2`) live in `extra`, a voice's and a picture's `_2`
    # words in the voice and the picture, each beside its first-language twin.
    heading_2: Mapped[str | None] = mapped_column(Text)
    text_2: Mapped[str | None] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(60))
    voices: Mapped[list[Any]] = mapped_column(JSON, default=list)
    scene: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    # Plain-words hints the worker dismissed for this panel: advice only, so kept apart from
    # the words and outside the version check (dismissing never conflicts with typing).
    dismissed_hints: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The page read aloud: a Recording's hash, who reads it (a Person id), how long it is, and
    # the hash of the page's words when it was recorded (they may have changed since).
    # Outside the panel's `version`: recording never conflicts with typing; `audio_sha256`
    # is what a new recording must say it replaces.
    audio_sha256: Mapped[str | None] = mapped_column(String(64))
    audio_speaker: Mapped[str | None] = mapped_column(String(60))
    audio_seconds: Mapped[float | None] = mapped_column(Float)
    audio_words: Mapped[str | None] = mapped_column(String(64))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    storyboard: Mapped[Storyboard] = relationship(back_populates="panels")


class CopyChange(db.Model):
    """A rewrite proposed when a story was copied for a sibling, for the worker to decide."""

    __tablename__ = "copy_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    storyboard_id: Mapped[int] = mapped_column(
        ForeignKey("storyboards.id", ondelete="CASCADE"), index=True
    )
    panel_id: Mapped[int | None] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    # Where: "title", "heading", "text", "steps.2", "voices.0.text", "speaker", ...
    field: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer, default=0)
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(200))
    # open, accepted, kept (the words stay as they are), or gone (the words changed since).
    state: Mapped[str] = mapped_column(String(10), default="open")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)


class Blob(db.Model):
    """Bytes kept in the database under their SHA-256: photos, drawings, frozen versions, exports.

    One store for every installation (SQLite or PostgreSQL), written in the same transaction as
    the rows that name it, so a backup of the database is a backup of everything.
    """

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(80))
    byte_size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CouncilSettings(db.Model):
    """The council's own name: one row, edited by an administrator (`services/council.py`)."""

    __tablename__ = "council_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    # A cleaned PNG in the blob store (an SVG upload is drawn to PNG first), with its size.
    logo_sha256: Mapped[str | None] = mapped_column(String(64))
    logo_width: Mapped[int | None] = mapped_column(Integer)
    logo_height: Mapped[int | None] = mapped_column(Integer)
    primary_colour: Mapped[str | None] = mapped_column(String(7))
    accent_colour: Mapped[str | None] = mapped_column(String(7))
    # [{"name", "number", "notes"}], in the order the editor offers them.
    helplines: Mapped[list[Any]] = mapped_column(JSON, default=list)
    booklet_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Rises on every save: the stylesheet's and logo's addresses carry it, so caches follow.
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Image(db.Model):
    """An uploaded photo or child's drawing, re-encoded and stored under its content hash."""

    __tablename__ = "images"
    __table_args__ = (UniqueConstraint("storyboard_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    storyboard_id: Mapped[int] = mapped_column(
        ForeignKey("storyboards.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    byte_size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="photo")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Recording(db.Model):
    """A page read aloud, cleaned (mono AAC in MP4, no metadata) and kept under its hash."""

    __tablename__ = "recordings"
    __table_args__ = (UniqueConstraint("storyboard_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    storyboard_id: Mapped[int] = mapped_column(
        ForeignKey("storyboards.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    seconds: Mapped[float] = mapped_column(Float)
    byte_size: Mapped[int] = mapped_column(Integer)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Drawing(db.Model):
    """A finger drawing kept as vector strokes, placed on scenes like any picture."""

    __tablename__ = "drawings"
    id: Mapped[int] = mapped_column(primary_key=True)
    storyboard_id: Mapped[int] = mapped_column(
        ForeignKey("storyboards.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(40), unique=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    strokes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Revision(db.Model):
    """A frozen, numbered version: the portable file's content and its hash, never changed."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("storyboard_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    storyboard_id: Mapped[int] = mapped_column(
        ForeignKey("storyboards.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(64))
    # How `sha256` was worked out (storyboard.story.hashing); recorded hashes never change.
    hash_scheme: Mapped[int] = mapped_column(Integer, default=CURRENT_SCHEME, server_default="1")
    # The frozen portable file (a zip): its name in the blob store. Never replaced.
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="in_review")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime)

    storyboard: Mapped[Storyboard] = relationship(back_populates="revisions")


class ExportFile(db.Model):
    """A version's export already made, kept so the same download is not drawn again.

    `settings` names everything the bytes depend on besides the frozen file: the format's
    options, the print settings, whether it is marked Draft, and the booklet's layout version.
    """

    __tablename__ = "export_files"
    __table_args__ = (UniqueConstraint("revision_id", "format", "settings"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), index=True
    )
    format: Mapped[str] = mapped_column(String(16))
    settings: Mapped[str] = mapped_column(String(200))
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ShareLink(db.Model):
    """A link for one named reviewer of one version; only the token's hash is stored."""

    __tablename__ = "share_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    reviewer_name: Mapped[str] = mapped_column(String(120))
    reviewer_role: Mapped[str] = mapped_column(String(40))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    pin_failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_viewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_viewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # A link that follows the storyboard opens the newest version sent for review (same link,
    # same PIN), and works for `days` after each version is sent. Others open one version.
    follows: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    days: Mapped[int | None] = mapped_column(Integer)
    # The version the reviewer last opened, and the one they had opened before it (what
    # "what changed since you last looked" compares). Plain ids: no table copy on SQLite.
    seen_revision_id: Mapped[int | None] = mapped_column(Integer)
    before_revision_id: Mapped[int | None] = mapped_column(Integer)
    # The language of the reviewer's pages, chosen by the worker (None: links made before,
    # whose pages follow the browser's languages).
    language: Mapped[str | None] = mapped_column(String(12))


class Approval(db.Model):
    """A decision on a version (agree, ask for changes, manager sign-off) with its hash."""

    __tablename__ = "approvals"
    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), index=True
    )
    share_link_id: Mapped[int | None] = mapped_column(
        ForeignKey("share_links.id", ondelete="SET NULL")
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewer_name: Mapped[str] = mapped_column(String(120))
    decision: Mapped[str] = mapped_column(String(16))
    details: Mapped[str | None] = mapped_column(Text)
    revision_sha256: Mapped[str] = mapped_column(String(64))
    hash_scheme: Mapped[int] = mapped_column(Integer, default=CURRENT_SCHEME, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Comment(db.Model):
    """A reviewer's or worker's comment on one panel of one version."""

    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), index=True
    )
    panel_index: Mapped[int | None] = mapped_column(Integer)
    # The panel's id in the frozen document ("panel-12"), stable across versions.
    panel_key: Mapped[str | None] = mapped_column(String(60))
    share_link_id: Mapped[int | None] = mapped_column(
        ForeignKey("share_links.id", ondelete="SET NULL")
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ReadingRecord(db.Model):
    """A record that the booklet was read with the child: when, by whom, with notes."""

    __tablename__ = "reading_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    storyboard_id: Mapped[int] = mapped_column(
        ForeignKey("storyboards.id", ondelete="CASCADE"), index=True
    )
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id", ondelete="SET NULL"))
    read_on: Mapped[date] = mapped_column(Date)
    read_by: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class JargonTerm(db.Model):
    """A local jargon term an admin added, with its plain alternative for children."""

    __tablename__ = "jargon_terms"
    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(120), unique=True)
    plain: Mapped[str] = mapped_column(String(300))
    acronym: Mapped[bool] = mapped_column(Boolean, default=False)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(db.Model):
    """One row of the append-only audit log: who did what to which record, never the text."""

    __tablename__ = "audit_events"
    # Rate limits on share links count recent rows by address and by link. The audit pages
    # read the newest rows of an action, a case, a storyboard or an account, a page at a time
    # (migration 0016), and a storyboard's trail the rows naming it.
    __table_args__ = (
        Index("ix_audit_events_address_at", "address", "at"),
        Index("ix_audit_events_share_link_id_at", "share_link_id", "at"),
        Index("ix_audit_events_action_at", "action", "at"),
        Index("ix_audit_events_case_id_at", "case_id", "at"),
        Index("ix_audit_events_storyboard_id_at", "storyboard_id", "at"),
        Index("ix_audit_events_user_id_at", "user_id", "at"),
        Index("ix_audit_events_object", "object_type", "object_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    share_link_id: Mapped[int | None] = mapped_column(
        ForeignKey("share_links.id", ondelete="SET NULL")
    )
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(Integer)
    # Indexed with the time (ix_audit_events_case_id_at, ..._storyboard_id_at).
    case_id: Mapped[int | None] = mapped_column(Integer)
    storyboard_id: Mapped[int | None] = mapped_column(Integer)
    address: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit row."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_audit_change(mapper, connection, target) -> None:  # noqa: ANN001
    """The audit log only grows; the database triggers in the migration enforce it too."""
    raise AppendOnlyError("audit events cannot be changed or deleted")
