"""Links that follow the storyboard: one link per reviewer, for every version sent.

A following link opens the newest version sent for review, keeps its PIN, says what changed
since the reviewer last looked, and works for its `days` after each version is sent (so it
stays revocable and still ends). Answers and comments belong to the version they were given
on. A link that does not follow opens its own version only, as links always did.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import Revision, ShareLink, utcnow
from storyboard.services.review_state import earlier_revisions
from storyboard.story.diff import PanelDiff, diff_printed


def current_revision(link: ShareLink) -> Revision:
    """The version a link opens now: the newest sent, for a link that follows."""
    own = db.session.get(Revision, link.revision_id)
    if not link.follows:
        return own
    newest = db.session.scalar(
        select(Revision)
        .where(Revision.storyboard_id == own.storyboard_id)
        .order_by(Revision.number.desc())
        .limit(1)
    )
    return newest or own


def carry_links(revision: Revision) -> list[ShareLink]:
    """After a new version is sent: each following link of the storyboard that still works
    (not revoked, not expired: a link left to run out stays out) now opens it, and works for
    its days from now. Returns those links."""
    now = utcnow()
    earlier = earlier_revisions(revision)
    links = db.session.scalars(
        select(ShareLink)
        .where(
            ShareLink.follows.is_(True),
            ShareLink.revoked_at.is_(None),
            ShareLink.expires_at > now,
            ShareLink.revision_id.in_(earlier),
        )
        .order_by(ShareLink.id)
    ).all()
    for link in links:
        link.expires_at = max(link.expires_at, now + timedelta(days=link.days or 7))
    return list(links)


def note_seen(link: ShareLink, revision: Revision) -> None:
    """Remember that the reviewer opened this version (and which one they had seen before)."""
    if link.seen_revision_id != revision.id:
        link.before_revision_id = link.seen_revision_id
        link.seen_revision_id = revision.id


def changed_since(link: ShareLink, revision: Revision, load) -> tuple[int, list[PanelDiff]] | None:  # noqa: ANN001
    """What changed between the version the reviewer saw before and this one: (its number,
    the pages that changed), or None when they have seen no other version."""
    if link.seen_revision_id != revision.id or not link.before_revision_id:
        return None
    before = db.session.get(Revision, link.before_revision_id)
    if before is None or before.storyboard_id != revision.storyboard_id:
        return None
    diffs = diff_printed(load(before).story, load(revision).story)
    return before.number, [d for d in diffs if d.change != "same"]
