"""Accounts in the database: creating one, and whether a username is taken (the caller commits)."""

from __future__ import annotations

from sqlalchemy import select

from storyboard.core.passwords import hash_password, new_token
from storyboard.services.db import db
from storyboard.services.models import User


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
