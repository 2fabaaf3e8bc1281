"""Long lists a page at a time: the team's audit log, a storyboard's trail and the dashboard
show a page of rows, newest first, with links to the next page that keep the filters, and
ask the database the same number of questions however long the list."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from bs4 import BeautifulSoup
from sqlalchemy import event, insert

from storyboard.services.audit_trail import PER_PAGE
from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Case, User
from storyboard.web.cases import CASES_PER_PAGE

START = datetime(2026, 1, 1)


def add_events(app, count, **fields):  # noqa: ANN001, ANN003
    """`count` audit rows, one a minute from START, numbered in `details`."""
    with app.app_context():
        rows = [
            {"at": START + timedelta(minutes=n), "action": "export", "details": {"n": n}, **fields}
            for n in range(count)
        ]
        db.session.execute(insert(AuditEvent), rows)
        db.session.commit()


def numbers(page) -> list[int]:
    """The `n` of each row shown (the details column), top to bottom."""
    soup = BeautifulSoup(page.data, "html.parser")
    cells = [row.find_all("td")[3].get_text() for row in soup.select(".audit-table tbody tr")]
    return [int(c.split(":")[1].strip(" }")) for c in cells if c.startswith('{"n"')]


def link(page, rel: str) -> str | None:
    found = BeautifulSoup(page.data, "html.parser").select_one(f"nav.pages a[rel={rel}]")
    return found["href"] if found else None


def counted(app, client, path):  # noqa: ANN001, ANN201
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def note(conn, cursor, statement, *args):  # noqa: ANN001, ANN002
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        page = client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert page.status_code == 200
    return page, len(statements)


def test_the_team_audit_pages_through_every_row_newest_first_keeping_the_filters(
    app, client, auth, review
):
    add_events(app, 2 * PER_PAGE + 30, case_id=review["case"], user_id=review["ann"])
    add_events(app, 5, case_id=review["case"], user_id=review["ann"], action="view_case")
    auth.sign_out()
    auth.sign_in("meg")
    first = client.get("/audit?action=export")
    assert numbers(first) == list(range(2 * PER_PAGE + 29, PER_PAGE + 29, -1))
    assert link(first, "first") is None
    assert "100 entries on this page, newest first" in first.get_data(as_text=True)
    assert "action=export" in link(first, "next")
    # Each view of the page is a row of the log: the next page still starts where this ended.
    second = client.get(link(first, "next"))
    assert numbers(second) == list(range(PER_PAGE + 29, 29, -1))
    last = client.get(link(second, "next"))
    assert numbers(last) == list(range(29, -1, -1)) and link(last, "next") is None
    assert numbers(client.get(link(last, "first"))) == numbers(first)
    for nonsense in ("-4", "x", "99999999999999999999"):
        assert numbers(client.get(f"/audit?action=export&before={nonsense}")) == numbers(first)
    # The CSV still holds every row the filters keep.
    exported = client.get("/audit.csv?action=export").data.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(exported)))) == 1 + 2 * PER_PAGE + 30


def test_the_team_audit_asks_the_same_questions_for_a_short_or_long_log(
    app, client, auth, review, make_case
):
    auth.sign_out()
    auth.sign_in("meg")
    add_events(app, 3, case_id=review["case"], user_id=review["ann"])
    _, few = counted(app, client, "/audit")
    with app.app_context():
        ann = db.session.get(User, review["ann"])
        for n in range(30):
            db.session.add(Case(reference=f"CR-{n}", family_name="The Test family", workers=[ann]))
        db.session.commit()
    add_events(app, 3 * PER_PAGE, case_id=review["case"], user_id=review["meg"])
    page, many = counted(app, client, "/audit")
    assert len(BeautifulSoup(page.data, "html.parser").select(".audit-table tbody tr")) == PER_PAGE
    assert many == few, "one query a case or a row crept in"


def test_a_storyboards_trail_pages_through_its_rows(app, client, auth, review):
    sid = review["storyboard"]
    add_events(app, PER_PAGE + 7, case_id=review["case"], storyboard_id=sid)
    add_events(app, 3, case_id=review["case"], storyboard_id=sid + 1000)  # another storyboard's
    auth.sign_out()
    auth.sign_in("meg")
    first = client.get(f"/storyboards/{sid}/audit")
    assert numbers(first) == list(range(PER_PAGE + 6, 6, -1))
    second = client.get(link(first, "next"))
    assert numbers(second) == list(range(6, -1, -1)) and link(second, "next") is None
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/storyboards/{sid}/audit.csv").data.decode("utf-8-sig"))
        )
    )
    assert sum(1 for r in rows if r[1] == "export") == PER_PAGE + 7


def test_the_dashboard_shows_a_page_of_cases_newest_first(app, client, auth, make_user, make_case):
    ann = make_user("ann")
    with app.app_context():
        worker = db.session.get(User, ann)
        for n in range(CASES_PER_PAGE + 3):
            case = Case(reference=f"CR-{n}", family_name=f"Family {n}", workers=[worker])
            case.created_at = START + timedelta(days=n)
            db.session.add(case)
        db.session.commit()
    auth.sign_in("ann")

    def families(page) -> list[str]:
        soup = BeautifulSoup(page.data, "html.parser")
        return [h.get_text(strip=True) for h in soup.select(".case-card h2")]

    first = client.get("/")
    expected = [f"Family {n}" for n in range(CASES_PER_PAGE + 2, -1, -1)]
    assert families(first) == expected[:CASES_PER_PAGE]
    assert link(first, "prev") is None
    second = client.get(link(first, "next"))
    assert families(second) == expected[CASES_PER_PAGE:]
    assert link(second, "next") is None and link(second, "prev")
