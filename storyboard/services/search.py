"""Staff search: the cases and storyboards an account may open, found by a few words.

What is searched: a case's reference and family name, the names (and known-as names) of the
people in it, and each storyboard's title and child's name. Matching ignores case and accents
("zoe" finds "Zoë") the same way on SQLite and PostgreSQL, because it is done here in Python
on the names of the cases the account may read (`access.visible_cases`): a worker's caseload
or a team's, a few hundred cases at most, read in three queries whatever the number found.
The words searched for are never stored or logged.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from storyboard.services.access import visible_cases
from storyboard.services.db import db
from storyboard.services.models import Case, Person, Storyboard, User

MAX_QUERY_CHARS = 100  # longer than any name or reference; a longer query is pasted text
PER_PAGE = 20
MAX_RESULTS = 200  # cases; past this the words are too common to be worth paging through


def fold(text: str) -> str:
    """`text` with case and accents taken away, for comparing: "Zoë O'Brien" -> "zoe o'brien"."""
    if text.isascii():  # most names: nothing to take away but capitals
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(query: str) -> list[str]:
    return [fold(word) for word in query.split()]


def _matches(words: list[str], *texts: str | None) -> bool:
    """Whether every word is in one of `texts` (so "lee grace" finds Grace Lee)."""
    folded = fold(" ".join(t for t in texts if t))
    return all(word in folded for word in words)


@dataclass
class StoryHit:
    """A storyboard that matched."""

    id: int
    title: str
    child_name: str
    status: str


@dataclass
class CaseHit:
    """A case found, with what about it matched."""

    id: int
    reference: str
    family_name: str
    closed: bool
    created_at: datetime
    people: list[str] = field(default_factory=list)  # the people whose names matched
    storyboards: list[StoryHit] = field(default_factory=list)  # the ones that matched
    by_case: bool = False  # its reference or family name matched


@dataclass
class Results:
    """One page of what was found."""

    hits: list[CaseHit]
    total: int  # cases found, at most MAX_RESULTS
    capped: bool  # more than MAX_RESULTS cases matched
    more: bool  # a next page


def search(user: User, query: str, page: int = 1) -> Results:
    """The cases `user` may read that match every word of `query`, a page at a time: a
    reference matched exactly first, then the newest cases."""
    words = _words(query)
    if not words:
        return Results([], 0, False, False)
    visible = visible_cases(user).with_only_columns(Case.id)
    cases = db.session.execute(
        select(Case.id, Case.reference, Case.family_name, Case.closed_at, Case.created_at).where(
            Case.id.in_(visible)
        )
    ).all()
    people: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for row in db.session.execute(
        select(Person.case_id, Person.name, Person.known_as)
        .where(Person.case_id.in_(visible))
        .order_by(Person.id)
    ):
        people[row.case_id].append((row.name, row.known_as))
    boards: dict[int, list[StoryHit]] = defaultdict(list)  # the storyboards that matched
    for row in db.session.execute(
        select(
            Storyboard.case_id, Storyboard.id, Storyboard.title, Storyboard.child_name,
            Storyboard.status,
        )
        .where(Storyboard.case_id.in_(visible))
        .order_by(Storyboard.number, Storyboard.id)
    ):  # fmt: skip
        if _matches(words, row.title, row.child_name):
            boards[row.case_id].append(StoryHit(row.id, row.title, row.child_name, row.status))
    exact = fold(query.strip())
    found: list[CaseHit] = []
    for case in cases:
        hit = CaseHit(
            case.id, case.reference, case.family_name, case.closed_at is not None, case.created_at
        )
        hit.by_case = _matches(words, case.reference, case.family_name)
        hit.people = [
            f"{name} ({known_as})" if known_as else name
            for name, known_as in people[case.id]
            if _matches(words, name, known_as)
        ]
        hit.storyboards = boards[case.id]
        if hit.by_case or hit.people or hit.storyboards:
            found.append(hit)
    found.sort(key=lambda h: (h.created_at, h.id), reverse=True)
    found.sort(key=lambda h: fold(h.reference) != exact)  # stable: newest first within each
    capped = len(found) > MAX_RESULTS
    found = found[:MAX_RESULTS]
    start = (page - 1) * PER_PAGE
    end = start + PER_PAGE
    return Results(found[start:end], len(found), capped, end < len(found))
