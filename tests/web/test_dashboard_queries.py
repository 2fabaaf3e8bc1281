"""The dashboard and a case page ask the database a fixed number of questions, however many
storyboards there are, and say the same review status as one storyboard's own summary."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event, select

from storyboard.services.db import db
from storyboard.services.models import Comment, ShareLink, Storyboard, utcnow
from storyboard.services.review_lists import summaries
from storyboard.services.review_state import summary
from tests.fixtures.factories import edit_panels, make_link, send


@contextmanager
def counted(app):
    statements: list[str] = []

    def note(conn, cursor, statement, *args):  # noqa: ANN001, ANN002
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)


def add_stories(app, client, make_storyboard, case_id, count):  # noqa: ANN001, ANN201
    """Storyboards in every state: never sent, sent with links (one following, one revoked,
    comments, a decision), sent twice, edited since."""
    ids = []
    for i in range(count):
        sid = make_storyboard(case_id, child_name=f"Child {i}")
        ids.append(sid)
        if i % 4 == 0:
            continue
        assert send(client, sid).status_code == 302
        token = make_link(client, sid, follows="yes", reviewer_name=f"Mum {case_id}-{i}")
        make_link(client, sid, reviewer_name=f"Dad {case_id}-{i}", required="")
        client.post(f"/r/{token}/comment", data={"panel": "1", "name": "Mum", "body": "Hm."})
        if i % 4 == 2:
            with app.app_context():
                link = db.session.scalars(
                    select(ShareLink).where(ShareLink.reviewer_name == f"Dad {case_id}-{i}")
                ).one()
                link.revoked_at = link.created_at
                db.session.commit()
            edit_panels(app, sid, f"Changed {i}.")
            again = send(client, sid, "second")
            page = client.get(again.headers["Location"]).get_data(as_text=True)
            assert "Version 2" in page, [line for line in page.splitlines() if "flash" in line]
        if i % 4 == 3:  # edited a minute after it was sent
            with app.app_context():
                for panel in db.session.get(Storyboard, sid).panels:
                    panel.text, panel.updated_at = f"Edited {i}.", utcnow() + timedelta(minutes=1)
                db.session.commit()
    return ids


def test_the_dashboard_asks_the_same_number_of_questions_for_4_or_12_storyboards(
    app, client, review, make_storyboard, make_case
):
    first = add_stories(app, client, make_storyboard, review["case"], 4)
    with counted(app) as few:
        assert client.get("/").status_code == 200
    other = make_case("CR-78", review["ann"])
    add_stories(app, client, make_storyboard, other, 8)
    with counted(app) as many:
        page = client.get("/")
        assert page.status_code == 200
    assert len(many) == len(few), "\n".join(many)
    assert page.data.count(b"review-line") == 9  # 12 storyboards, 3 never sent
    with counted(app) as four:
        assert client.get(f"/cases/{review['case']}").status_code == 200
    with counted(app) as eight:
        assert client.get(f"/cases/{other}").status_code == 200
    assert len(four) == len(eight), "a case page too"
    del first


def test_the_lines_say_what_each_storyboards_own_summary_says(app, client, review, make_storyboard):
    ids = add_stories(app, client, make_storyboard, review["case"], 8)
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Comment))
        together = summaries(ids)
        alone = {sid: summary(db.session.get(Storyboard, sid)) for sid in ids}
    assert together == alone
    assert sum(1 for line in together.values() if line is None) == 2
    assert any(line and line["draft_changed"] for line in together.values())
    assert any(line and line["number"] == 2 for line in together.values()), together


def test_a_managers_dashboard_asks_the_same_number_of_questions_for_one_or_three_workers(
    app, client, auth, review, make_user, make_case, make_storyboard
):
    add_stories(app, client, make_storyboard, review["case"], 2)
    auth.sign_out()
    auth.sign_in("meg")
    with counted(app) as one:
        page = client.get("/")
        assert page.get_data(as_text=True).count("case-card") == 1
    for name in ("una", "ned"):
        worker = make_user(name, manager=review["meg"])
        both = make_case(f"CR-{name}", worker, review["ann"])  # two workers on one case
        add_stories(app, client, make_storyboard, both, 3)
    with counted(app) as three:
        page = client.get("/")
    text = page.get_data(as_text=True)
    assert text.count("case-card") == 3 and "Ann, Una" in text and "Ann, Ned" in text
    assert len(three) == len(one), "\n".join(three)
