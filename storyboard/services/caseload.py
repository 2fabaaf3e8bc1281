"""The dashboard's list: a page of the cases an account may read, with who works on each and
its storyboards, in three queries however many there are.

Plain rows of the columns the page shows, not ORM objects: a manager's page has 50 cases
and 200 storyboards, and making (and, with `load_only`, instrumenting) an object for each
cost more than the queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from storyboard.services.access import visible_cases
from storyboard.services.db import db
from storyboard.services.models import Case, Storyboard, User, case_workers


@dataclass(frozen=True)
class StoryLine:
    """A storyboard as the dashboard lists it."""

    id: int
    title: str
    status: str


@dataclass
class CaseLine:
    """A case as the dashboard lists it."""

    id: int
    reference: str
    family_name: str
    workers: list[str] = field(default_factory=list)  # display names
    storyboards: list[StoryLine] = field(default_factory=list)  # in their order in the case


def caseload_page(user: User, page: int, per_page: int) -> tuple[list[CaseLine], bool]:
    """Page `page` (from 1) of the cases `user` may read, newest first, and whether there is
    a next page."""
    rows = db.session.execute(
        visible_cases(user)
        .with_only_columns(Case.id, Case.reference, Case.family_name)
        .order_by(Case.created_at.desc(), Case.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page + 1)
    ).all()
    more = len(rows) > per_page
    cases = [CaseLine(r.id, r.reference, r.family_name) for r in rows[:per_page]]
    by_id = {case.id: case for case in cases}
    if not by_id:
        return cases, more
    for case_id, name in db.session.execute(
        select(case_workers.c.case_id, User.display_name)
        .join(User, User.id == case_workers.c.user_id)
        .where(case_workers.c.case_id.in_(by_id))
        .order_by(case_workers.c.case_id, case_workers.c.user_id)
    ):
        by_id[case_id].workers.append(name)
    for row in db.session.execute(
        select(Storyboard.case_id, Storyboard.id, Storyboard.title, Storyboard.status)
        .where(Storyboard.case_id.in_(by_id))
        .order_by(Storyboard.case_id, Storyboard.number, Storyboard.id)
    ):
        by_id[row.case_id].storyboards.append(StoryLine(row.id, row.title, row.status))
    return cases, more
