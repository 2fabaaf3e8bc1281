"""Creating cases and adding the people in a child's life."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Case, Person


def test_worker_creates_a_case_and_is_assigned(app, client, auth, make_user):
    ann = make_user("ann")
    auth.sign_in("ann")
    response = client.post("/cases/new", data={"reference": "CR-1042", "family_name": "The Lees"})
    assert response.status_code == 302
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "CR-1042"))
        assert case.family_name == "The Lees"
        assert [w.id for w in case.workers] == [ann]
        assert response.headers["Location"] == f"/cases/{case.id}"
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "create_case" in actions


def test_a_reference_of_my_own_case_is_refused_with_message(
    app, client, auth, make_user, make_case
):
    ann = make_user("ann")
    make_case("CR-1", ann, family_name="The Lees")
    auth.sign_in("ann")
    response = client.post("/cases/new", data={"reference": "CR-1", "family_name": "The Leeses"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.select_one("#reference-errors").get_text(strip=True) == (
        "You already have a case with this reference: The Lees."
    )
    # What was typed stays in the form.
    assert soup.select_one("#family_name")["value"] == "The Leeses"


def test_a_reference_in_a_case_i_cannot_see_is_not_revealed(
    app, client, auth, make_user, make_case
):
    make_user("ann")
    bob = make_user("bob")
    make_case("CR-1", bob, family_name="Bob's family")
    auth.sign_in("ann")
    response = client.post("/cases/new", data={"reference": "CR-1", "family_name": "The Lees"})
    # The same answer as for a reference nobody uses: a new case of Ann's own.
    assert response.status_code == 302
    with app.app_context():
        cases = db.session.scalars(select(Case).where(Case.reference == "CR-1")).all()
        assert sorted(c.family_name for c in cases) == ["Bob's family", "The Lees"]


def test_missing_field_is_named_and_nothing_saved(app, client, auth, make_user):
    make_user("ann")
    auth.sign_in("ann")
    response = client.post("/cases/new", data={"reference": "", "family_name": "The Lees"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.select_one("#reference-errors").get_text(strip=True) == "This field is required."
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0


def test_five_megabyte_field_gets_a_clear_413(app, client, auth, make_user):
    make_user("ann")
    auth.sign_in("ann")
    response = client.post(
        "/cases/new", data={"reference": "CR-1", "family_name": "x" * (5 * 1024 * 1024)}
    )
    assert response.status_code == 413
    assert "too much to send in one go" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0


def test_manager_assigns_team_workers(app, client, auth, make_user):
    meg = make_user("meg", role="manager")
    ann = make_user("ann", manager=meg)
    make_user("zed")
    auth.sign_in("meg")
    page = BeautifulSoup(client.get("/cases/new").data, "html.parser")
    offered = [i["value"] for i in page.select("input[name=workers]")]
    assert sorted(offered) == sorted([str(meg), str(ann)])
    client.post("/cases/new", data={"reference": "CR-9", "family_name": "F", "workers": [ann]})
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "CR-9"))
        assert [w.id for w in case.workers] == [ann]


def test_add_and_remove_a_person(app, client, auth, make_user, make_case):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    auth.sign_in("ann")
    response = client.post(
        f"/cases/{case_id}",
        data={"name": "Sarah", "relationship": "Mum", "pronouns": "she/her"},
    )
    assert response.headers["Location"] == f"/cases/{case_id}#people"
    with app.app_context():
        person = db.session.scalar(select(Person))
        assert (person.name, person.relationship_, person.pronouns) == ("Sarah", "Mum", "she/her")
        person_id = person.id
    page = BeautifulSoup(client.get(f"/cases/{case_id}").data, "html.parser")
    assert "Sarah" in page.select_one(".people-list").get_text()
    client.post(f"/cases/{case_id}/people/{person_id}/delete")
    with app.app_context():
        assert db.session.get(Person, person_id) is None


def test_script_in_a_name_shows_as_text(app, client, auth, make_user, make_case):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    auth.sign_in("ann")
    client.post(
        f"/cases/{case_id}", data={"name": "<script>alert(1)</script>", "relationship": "Mum"}
    )
    html = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_booklet_prints_what_the_child_calls_someone_never_their_full_name(
    app, client, auth, make_user, make_case, make_storyboard
):
    from storyboard.services.models import Panel

    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    storyboard_id = make_storyboard(case_id)
    auth.sign_in("ann")
    for data in (
        {"name": "Kerry Baker", "relationship": "Mum"},
        {"name": "Patricia Smith", "relationship": "Nan", "known_as": "Nanny Pat"},
    ):
        assert client.post(f"/cases/{case_id}", data=data).status_code == 302
    with app.app_context():
        mum, nan = db.session.scalars(select(Person).order_by(Person.id)).all()
        assert (mum.known_as, nan.known_as) == (None, "Nanny Pat")
        panels = db.session.scalars(
            select(Panel).where(Panel.storyboard_id == storyboard_id).order_by(Panel.position)
        ).all()
        panels[2].speaker, panels[3].speaker = str(mum.id), str(nan.id)
        db.session.commit()
    case_page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Patricia Smith" in case_page and "Nanny Pat" in case_page  # the record keeps both
    booklet = client.get(f"/storyboards/{storyboard_id}/export/html").get_data(as_text=True)
    assert "Nanny Pat" in booklet and "Mum" in booklet
    assert "Baker" not in booklet and "Smith" not in booklet and "Patricia" not in booklet
    exported = client.get(f"/storyboards/{storyboard_id}/export/json").get_json()
    assert {"id": "nan", "name": "Patricia Smith", "role": "Nan", "known_as": "Nanny Pat"} in (
        exported["people"]
    )


def test_closing_and_reopening_a_case_starts_and_stops_its_retention_clock(
    app, client, auth, make_user, make_case
):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    auth.sign_in("ann")
    unsure = client.post(f"/cases/{case_id}/close", data={"action": "close"}, follow_redirects=True)
    assert "Tick the box" in unsure.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Case, case_id).closed_at is None
    page = client.post(
        f"/cases/{case_id}/close", data={"action": "close", "confirm": "yes"}, follow_redirects=True
    )
    assert "Case closed" in page.get_data(as_text=True)
    soup = BeautifulSoup(page.data, "html.parser")
    assert soup.select_one("#closing-heading").get_text().startswith("Closed on")
    with app.app_context():
        assert db.session.get(Case, case_id).closed_at is not None
    client.post(f"/cases/{case_id}/close", data={"action": "reopen"})
    with app.app_context():
        assert db.session.get(Case, case_id).closed_at is None
        actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "close_case" in actions and "reopen_case" in actions
