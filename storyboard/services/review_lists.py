"""The one-line review status of many storyboards at once, for the dashboard and a case page.

The same status as `review_state.summary`, worked out from rows loaded together: five
queries whatever the number of storyboards (their versions, the latest versions' decisions,
comments and links, and each storyboard's latest page save), never a few per storyboard.
They are plain rows of the columns a status line reads, not ORM objects: a manager's page of
200 storyboards reads some 800 of them, and making each an object was most of its time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import Row, func, select

from storyboard.services.db import db
from storyboard.services.models import Approval, Comment, Panel, Revision, ShareLink, utcnow
from storyboard.services.review_state import saved_after, state_of, summary_of

# The columns `review_state.state_of` and `summary_of` read, and no more.
REVISION = (
    Revision.id, Revision.storyboard_id, Revision.number, Revision.created_at, Revision.status,
    Revision.superseded_at,
)  # fmt: skip
DECISION = (Approval.id, Approval.revision_id, Approval.share_link_id, Approval.decision)
COMMENT = (Comment.id, Comment.revision_id, Comment.resolved_at)
LINK = (
    ShareLink.id, ShareLink.revision_id, ShareLink.follows, ShareLink.required,
    ShareLink.reviewer_name, ShareLink.revoked_at, ShareLink.expires_at, ShareLink.locked_until,
    ShareLink.first_viewed_at, ShareLink.last_viewed_at,
)  # fmt: skip


def _reaches(link: Row, latest: Row, numbers: dict[int, int]) -> bool:
    """Whether a link opens this version: made for it, or made for an earlier one of the
    same storyboard and following it (and not revoked before this version was sent); the
    rule of `review_state.links_of`."""
    if link.revision_id == latest.id:
        return True
    made_for = numbers.get(link.revision_id)
    return (
        bool(link.follows)
        and made_for is not None
        and made_for < latest.number
        and (link.revoked_at is None or link.revoked_at > latest.created_at)
    )


def summaries(storyboard_ids: list[int]) -> dict[int, dict | None]:
    """Each storyboard's review status line (None before its first version), by id."""
    if not storyboard_ids:
        return {}
    revisions = db.session.execute(
        select(*REVISION).where(Revision.storyboard_id.in_(storyboard_ids))
    ).all()
    latest: dict[int, Row] = {}
    numbers: dict[int, dict[int, int]] = defaultdict(dict)  # storyboard -> revision -> number
    for revision in revisions:
        numbers[revision.storyboard_id][revision.id] = revision.number
        current = latest.get(revision.storyboard_id)
        if current is None or revision.number > current.number:
            latest[revision.storyboard_id] = revision
    latest_ids = [r.id for r in latest.values()]
    decisions: dict[int, list[Row]] = defaultdict(list)
    for decision in db.session.execute(
        select(*DECISION).where(Approval.revision_id.in_(latest_ids)).order_by(Approval.id)
    ):
        decisions[decision.revision_id].append(decision)
    comments: dict[int, list[Row]] = defaultdict(list)
    for comment in db.session.execute(
        select(*COMMENT)
        .where(Comment.revision_id.in_(latest_ids))
        .order_by(Comment.panel_index, Comment.id)
    ):
        comments[comment.revision_id].append(comment)
    of_storyboard = {revision.id: revision.storyboard_id for revision in revisions}
    links: dict[int, list[Row]] = defaultdict(list)  # storyboard -> its links
    for link in db.session.execute(
        select(*LINK).where(ShareLink.revision_id.in_(of_storyboard)).order_by(ShareLink.id)
    ):
        links[of_storyboard[link.revision_id]].append(link)
    saves: dict[int, datetime | None] = dict(
        db.session.execute(
            select(Panel.storyboard_id, func.max(Panel.updated_at))
            .where(Panel.storyboard_id.in_(storyboard_ids))
            .group_by(Panel.storyboard_id)
        ).all()
    )
    now = utcnow()
    out: dict[int, dict | None] = dict.fromkeys(storyboard_ids)
    for storyboard_id, revision in latest.items():
        mine = numbers[storyboard_id]
        reaching = [link for link in links[storyboard_id] if _reaches(link, revision, mine)]
        state = state_of(revision, decisions[revision.id], comments[revision.id], reaching, now)
        out[storyboard_id] = summary_of(state, saved_after(saves.get(storyboard_id), revision))
    return out
