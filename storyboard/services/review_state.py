"""Where a version stands: who has seen it, who agreed, who asked for changes, is it approved.

A version is approved when the manager signed it off and every reviewer the worker marked as
required agreed; a request for changes from anyone holds it back until a new version answers
it. Decisions on a replaced (superseded) or already approved version are refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select

from storyboard.services.db import db
from storyboard.services.models import (
    Approval,
    AuditEvent,
    Comment,
    Panel,
    Revision,
    ShareLink,
    Storyboard,
    User,
    utcnow,
)

AGREE, CHANGES, SIGN_OFF = "agree", "changes", "sign_off"
DECISION_WORDS = {
    AGREE: "agreed",
    CHANGES: "asked for changes",
    SIGN_OFF: "signed off",
}
# A version's status is a code; the web layer says it in words (web/review/words.py).
APPROVED_REPLACED = "approved_replaced"
# Who a share link is for, as the worker picks it.
REVIEWER_ROLES = ("Mum", "Dad", "Parent", "Grandparent", "Carer", "Interpreter", "Manager", "Other")
MAX_TEXT = 4000  # characters in a comment, a request for changes or reading notes


class ReviewRefused(ValueError):
    """A decision that cannot be taken on this version; the message says why, plainly.

    `code` says which rule refused it ("replaced", "approved", "unknown", "no_details",
    "own_version"), so a page can say it in its own language (web/review/words.py)."""

    def __init__(self, message: str, code: str, number: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.number = number


@dataclass
class ReviewerState:
    """One share link and what its reviewer did with it."""

    link: ShareLink
    decision: Approval | None
    open: bool
    locked: bool
    revision: Revision | None = None

    @property
    def seen(self) -> bool:
        """True once the reviewer opened this version (a link that follows the storyboard
        has seen a newer version only once opened after it was sent)."""
        if not self.link.follows or self.revision is None:
            return self.link.first_viewed_at is not None
        viewed = self.link.last_viewed_at
        return viewed is not None and viewed >= self.revision.created_at


@dataclass
class VersionState:
    """Everything the worker's status shows for one version."""

    revision: Revision
    reviewers: list[ReviewerState]
    decisions: list[Approval]
    comments: list[Comment]
    signed_off: Approval | None
    changes: list[Approval]
    # The required reviewers who have not agreed yet, by name.
    waiting_names: list[str] = field(default_factory=list)

    @property
    def approved(self) -> bool:
        """True once this version was approved (it stays so when replaced)."""
        return self.revision.status == "approved"

    @property
    def superseded(self) -> bool:
        """True when a newer version replaced this one."""
        return self.revision.superseded_at is not None

    @property
    def open_comments(self) -> list[Comment]:
        """Comments nobody has marked as dealt with yet."""
        return [c for c in self.comments if c.resolved_at is None]

    @property
    def agreed(self) -> list[ReviewerState]:
        """The reviewers whose latest decision on this version is to agree."""
        return [r for r in self.reviewers if r.decision and r.decision.decision == AGREE]

    @property
    def waiting_for_sign_off(self) -> bool:
        """True until a manager has signed this version off."""
        return self.signed_off is None

    @property
    def waiting(self) -> bool:
        """True while a sign-off or a required reviewer's agreement is missing."""
        return self.waiting_for_sign_off or bool(self.waiting_names)

    @property
    def status_code(self) -> str:
        """The version's status: its own, or `APPROVED_REPLACED` once approved and replaced."""
        if self.approved and self.superseded:
            return APPROVED_REPLACED
        return self.revision.status


def link_is_open(link: ShareLink, now: datetime | None = None) -> bool:
    """True while a link may be used: not revoked and not expired."""
    now = now or utcnow()
    return link.revoked_at is None and link.expires_at > now


def earlier_revisions(revision: Revision):  # noqa: ANN201
    """The ids of the versions of the same storyboard sent before this one (a subquery)."""
    return select(Revision.id).where(
        Revision.storyboard_id == revision.storyboard_id, Revision.number < revision.number
    )


def links_of(revision: Revision) -> list[ShareLink]:
    """The share links of a version, oldest first: those made for it, and those made for an
    earlier version that follow the storyboard (they open each new version)."""
    earlier = earlier_revisions(revision)
    return list(
        db.session.scalars(
            select(ShareLink)
            .where(
                or_(
                    ShareLink.revision_id == revision.id,
                    and_(
                        ShareLink.follows.is_(True),
                        ShareLink.revision_id.in_(earlier),
                        # A link revoked before this version was sent never reached it.
                        or_(
                            ShareLink.revoked_at.is_(None),
                            ShareLink.revoked_at > revision.created_at,
                        ),
                    ),
                )
            )
            .order_by(ShareLink.id)
        )
    )


def version_state(revision: Revision) -> VersionState:
    """Collect the links, decisions and comments of a version and what they add up to."""
    now = utcnow()
    decisions = list(
        db.session.scalars(
            select(Approval).where(Approval.revision_id == revision.id).order_by(Approval.id)
        )
    )
    comments = list(
        db.session.scalars(
            select(Comment)
            .where(Comment.revision_id == revision.id)
            .order_by(Comment.panel_index, Comment.id)
        )
    )
    return state_of(revision, decisions, comments, links_of(revision), now)


def state_of(
    revision: Revision,
    decisions: list[Approval],
    comments: list[Comment],
    links: list[ShareLink],
    now: datetime,
) -> VersionState:
    """What a version's links, decisions (oldest first) and comments add up to (no queries:
    `version_state` loads them for one version, `review_lists` for many at once)."""
    latest: dict[int, Approval] = {}
    for decision in decisions:
        if decision.share_link_id is not None:
            latest[decision.share_link_id] = decision
    reviewers = [
        ReviewerState(
            link=link,
            decision=latest.get(link.id),
            open=link_is_open(link, now),
            locked=bool(link.locked_until and link.locked_until > now),
            revision=revision,
        )
        for link in links
    ]
    signed_off = next((d for d in reversed(decisions) if d.decision == SIGN_OFF), None)
    state = VersionState(
        revision=revision,
        reviewers=reviewers,
        decisions=decisions,
        comments=comments,
        signed_off=signed_off,
        changes=[d for d in decisions if d.decision == CHANGES],
    )
    # A required reviewer is a person, not a link: revoking their link (a lost phone) does not
    # waive their agreement. They agree through any of their links, a replacement included.
    agreed_names = {
        r.link.reviewer_name.strip().casefold()
        for r in reviewers
        if r.decision is not None and r.decision.decision == AGREE
    }
    waiting: dict[str, str] = {}
    for reviewer in reviewers:
        name = reviewer.link.reviewer_name.strip()
        if reviewer.link.required and name.casefold() not in agreed_names:
            waiting.setdefault(name.casefold(), name)
    state.waiting_names.extend(waiting.values())
    return state


def refresh_status(revision: Revision) -> str:
    """Work out the version's status again after a decision or a revoked link; return it."""
    if revision.superseded_at is not None or revision.status == "approved":
        return revision.status
    state = version_state(revision)
    if state.changes:
        revision.status = "changes"
    elif not state.waiting:
        revision.status = "approved"
        revision.storyboard.status = "approved"
    else:
        revision.status = "in_review"
    return revision.status


def check_can_decide(revision: Revision) -> None:
    """Refuse decisions on a replaced or already approved version, with a plain reason."""
    if revision.superseded_at is not None:
        raise ReviewRefused(
            f"Version {revision.number} has been replaced by a newer version, so it can no longer "
            "be agreed or changed. Please look at the newest version instead.",
            "replaced",
            revision.number,
        )
    if revision.status == "approved":
        raise ReviewRefused(
            f"Version {revision.number} is already approved.", "approved", revision.number
        )


# What changes a storyboard's words or pictures; whoever did one before a version was frozen
# wrote that version (every save is an audit row, `services.panels.save_panel`).
EDIT_ACTIONS = (
    "create_storyboard", "copy_storyboard", "import", "add_panel", "edit_panel", "save_scene",
    "delete_panel", "restore_panel", "duplicate_panel", "reorder_panels", "edit_family_words",
    "booklet_settings", "upload_image", "save_drawing", "send_for_review",
    "accept_copy_change",
)  # fmt: skip


def version_authors(revision: Revision) -> set[int]:
    """Everyone who made the storyboard or changed it before this version was frozen."""
    storyboard = revision.storyboard
    edited = select(AuditEvent.user_id).where(
        AuditEvent.storyboard_id == storyboard.id,
        AuditEvent.action.in_(EDIT_ACTIONS),
        AuditEvent.at <= revision.created_at,
        AuditEvent.user_id.is_not(None),
    )
    authors = set(db.session.scalars(edited.distinct()))
    authors |= {i for i in (storyboard.created_by_id, revision.created_by_id) if i is not None}
    return authors


def may_sign_off(revision: Revision, user: User) -> bool:
    """A manager signs off only what they neither made nor edited: a second pair of eyes."""
    return user.id not in version_authors(revision)


def record_decision(
    revision: Revision,
    decision: str,
    name: str,
    details: str | None = None,
    *,
    link: ShareLink | None = None,
    user: User | None = None,
) -> Approval:
    """Record a decision against the version's exact hash and update its status (caller commits)."""
    check_can_decide(revision)
    if decision not in DECISION_WORDS:
        raise ReviewRefused("That choice is not one we know.", "unknown")
    if decision == CHANGES and not (details or "").strip():
        raise ReviewRefused("Please say what you would like changed.", "no_details")
    if decision == SIGN_OFF and user is not None and not may_sign_off(revision, user):
        raise ReviewRefused(
            f"You made or edited version {revision.number}, so another manager must sign it "
            "off. You can still ask for changes.",
            "own_version",
            revision.number,
        )
    approval = Approval(
        revision_id=revision.id,
        share_link_id=link.id if link else None,
        user_id=user.id if user else None,
        reviewer_name=name,
        decision=decision,
        details=(details or "").strip() or None,
        revision_sha256=revision.sha256,
        hash_scheme=revision.hash_scheme,
    )
    db.session.add(approval)
    db.session.flush()
    refresh_status(revision)
    return approval


def draft_changed_since(storyboard: Storyboard, revision: Revision) -> bool:
    """A quick check for lists: was any panel saved after the version was made?"""
    latest = db.session.scalar(
        select(func.max(Panel.updated_at)).where(Panel.storyboard_id == storyboard.id)
    )
    return saved_after(latest, revision)


def saved_after(latest_save: datetime | None, revision: Revision) -> bool:
    """Whether a page saved at `latest_save` was saved after the version was made."""
    return latest_save is not None and latest_save > revision.created_at + timedelta(seconds=1)


def summary(storyboard: Storyboard) -> dict | None:
    """A one-line status for the dashboard and case page, or None before the first version."""
    revision = storyboard.revisions[-1] if storyboard.revisions else None
    if revision is None:
        return None
    return summary_of(version_state(revision), draft_changed_since(storyboard, revision))


def summary_of(state: VersionState, draft_changed: bool) -> dict:
    """The one-line status of a version's state (no queries)."""
    revision = state.revision
    live = [r for r in state.reviewers if r.link.revoked_at is None]
    return {
        "number": revision.number,
        "status": state.status_code,
        "approved": state.approved,
        "seen": sum(1 for r in live if r.seen),
        "reviewers": len(live),
        "agreed": len(state.agreed),
        "changes": len(state.changes),
        "signed_off": state.signed_off is not None,
        "open_comments": len(state.open_comments),
        "draft_changed": draft_changed,
        "ending_soon": ending_soon(state),
    }


ENDING_SOON = timedelta(days=2)


def ending_soon(state: VersionState, now: datetime | None = None) -> list[str]:
    """Reviewers who have not answered and whose link stops working within two days."""
    now = now or utcnow()
    if state.approved or state.superseded:
        return []
    return [
        r.link.reviewer_name
        for r in state.reviewers
        if r.open and r.decision is None and r.link.expires_at - now <= ENDING_SOON
    ]


def open_comments_by_panel(storyboard: Storyboard) -> dict[int, list[tuple[Comment, int]]]:
    """Comments not yet dealt with, by the live panel they were made on: (comment, version).

    A comment names a page of the version it was made on; that page is found again among
    the live panels by its id in the portable file (the same page however it was moved).
    """
    live = {
        (panel.extra or {}).get("id") or f"panel-{panel.id}": panel.id
        for panel in storyboard.panels
        if panel.deleted_at is None
    }
    found: dict[int, list[tuple[Comment, int]]] = {}
    for revision in storyboard.revisions:
        pages = (revision.document or {}).get("panels", [])
        query = select(Comment).where(
            Comment.revision_id == revision.id, Comment.resolved_at.is_(None)
        )
        for comment in db.session.scalars(query.order_by(Comment.id)):
            index = comment.panel_index
            if index is None or not 0 <= index < len(pages):
                continue
            panel_id = live.get(pages[index].get("id"))
            if panel_id is not None:
                found.setdefault(panel_id, []).append((comment, revision.number))
    return found
