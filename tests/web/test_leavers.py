"""A worker leaves: turning their account off hands their cases (and a manager's team) to one
colleague in the same step, audited, so no family's case is left with no one to open it."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Case, User


def account_form(client, user_id, **changes):
    page = client.get(f"/admin/users/{user_id}")
    soup = BeautifulSoup(page.data, "html.parser")
    form = soup.find("form")
    data = {}
    for field in form.find_all(["input", "select"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = "y"
        else:
            data[name] = field.get("value", "")
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    return soup, client.post(f"/admin/users/{user_id}", data=data)


def cases_of(app, username):
    with app.app_context():
        user = db.session.scalar(select(User).filter_by(username=username))
        return sorted(c.reference for c in user.cases)


def test_turning_a_leaver_off_needs_someone_to_take_their_cases(
    app, client, auth, make_user, make_case
):
    make_user("root", role="admin")
    meg = make_user("meg", role="manager")
    ann = make_user("ann", manager=meg)
    bea = make_user("bea", manager=meg)
    make_case("CR-1", ann)
    make_case("CR-2", ann, bea)
    auth.sign_in("root")
    soup, refused = account_form(client, ann, active=None)
    options = [o.get_text() for o in soup.find(id="hand_to").find_all("option")]
    assert options[1] == "Meg (their manager)", "the leaver's manager is offered first"
    assert refused.status_code == 400
    assert "Choose who takes over" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, ann).active, "nothing was changed"
    _, done = account_form(client, ann, active=None, hand_to=str(bea))
    assert done.status_code == 302
    assert cases_of(app, "bea") == ["CR-1", "CR-2"] and cases_of(app, "ann") == []
    with app.app_context():
        assert not db.session.get(User, ann).active
        event = db.session.scalar(select(AuditEvent).filter_by(action="hand_over"))
        assert event.object_id == ann and event.details["to_user"] == bea
        assert len(event.details["cases"]) == 2
        # Every case still has an active worker.
        for case in db.session.scalars(select(Case)):
            assert any(w.active for w in case.workers), case.reference
    page = client.get("/admin/users")
    assert "no active worker" not in page.get_data(as_text=True)


def test_a_leaving_manager_hands_their_team_to_another_manager(
    app, client, auth, make_user, make_case
):
    make_user("root", role="admin")
    meg = make_user("meg", role="manager")
    otto = make_user("otto", role="manager")
    ann = make_user("ann", manager=meg)
    make_case("CR-9", meg)
    auth.sign_in("root")
    _, refused = account_form(client, meg, active=None, hand_to=str(ann))
    assert refused.status_code == 400 and "choose a manager" in refused.get_data(as_text=True)
    _, done = account_form(client, meg, active=None, hand_to=str(otto))
    assert done.status_code == 302
    with app.app_context():
        assert db.session.get(User, ann).manager_id == otto
        moved = db.session.scalars(
            select(AuditEvent).filter_by(action="edit_user", object_id=ann)
        ).all()
        assert moved and moved[-1].details["team_to"] == otto, "shown to both managers"
    assert cases_of(app, "otto") == ["CR-9"]


def test_cases_left_behind_earlier_are_shown_and_can_still_be_handed_over(
    app, client, auth, make_user, make_case
):
    make_user("root", role="admin")
    ann = make_user("ann")
    bea = make_user("bea")
    make_case("CR-5", ann)
    with app.app_context():
        db.session.get(User, ann).active = False  # turned off before hand-overs existed
        db.session.commit()
    auth.sign_in("root")
    assert "1 case has no active worker" in client.get("/admin/users").get_data(as_text=True)
    _, done = account_form(client, ann, hand_to=str(bea), active=None)
    assert done.status_code == 302
    assert cases_of(app, "bea") == ["CR-5"]
    assert "no active worker" not in client.get("/admin/users").get_data(as_text=True)


def test_a_taker_from_the_leavers_own_team_answers_to_the_leavers_manager(
    app, client, auth, make_user, make_case
):
    make_user("root", role="admin")
    boss = make_user("boss", role="manager")
    mo = make_user("mo", role="manager", manager=boss)
    max_ = make_user("max", role="manager", manager=mo)
    make_case("CR-3", mo)
    auth.sign_in("root")
    _, done = account_form(client, mo, active=None, hand_to=str(max_))
    assert done.status_code == 302
    with app.app_context():
        assert db.session.get(User, max_).manager_id == boss, "never left with no manager"
    assert cases_of(app, "max") == ["CR-3"]
