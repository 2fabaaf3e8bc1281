"""Accounts in the database: creating one, and whether a username is taken (the caller commits)."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from storyboard.core import passwords
from storyboard.core.passwords import new_token
from storyboard.services.db import db
from storyboard.services.models import User


def hash_password(password: str) -> str:
    """Hash a password (or a PIN) with the parameters of the PASSWORD_HASH_PROFILE setting."""
    return passwords.hash_password(password, current_app.config["PASSWORD_HASH_PROFILE"])


def dummy_password_hash() -> str:
    """A hash to check when the username is unknown, so it takes as long as a wrong password."""
    return passwords.dummy_hash(current_app.config["PASSWORD_HASH_PROFILE"])


def create_user(
    username: str, display_name: str, password: str, role: str, manager_id: int | None = None
) -> User:
    """Add an account to the session (the caller commits)."""
    user = User(
        username=username,
        display_name=display_name,
        password_hash=hash_password(password),
        role=role,
        manager_id=manager_id,
        session_token=new_token(16),
    )
    db.session.add(user)
    return user


def username_taken(username: str) -> bool:
    """Return True when an account already has this username (case-insensitive)."""
    query = select(User.id).where(db.func.lower(User.username) == username.lower())
    return db.session.execute(query).first() is not None
