"""Administrators manage accounts and open no case; team moves and role changes are shown."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import PASSWORD


def _dashboard_notices(client) -> list[str]:
    page = BeautifulSoup(client.get("/").data, "html.parser")
    return [li.get_text(" ", strip=True) for li in page.select("#team-changes li")]


def test_an_admin_opens_no_case_even_when_assigned(client, auth, make_user, make_case):
    root = make_user("root", role="admin")
    ann = make_user("ann")
    theirs = make_case("C-1", ann)
    assigned = make_case("C-2", root, family_name="Assigned to admin")
    auth.sign_in("root")
    assert client.get(f"/cases/{theirs}").status_code == 404
    assert client.get(f"/cases/{assigned}").status_code == 404
    page = client.get("/").get_data(as_text=True)
    assert "Assigned to admin" not in page
    assert "open no case" in page
    assert client.get("/cases/new").status_code == 403
    response = client.post("/cases/new", data={"reference": "C-9", "family_name": "The Lees"})
    assert response.status_code == 403


def test_making_a_manager_and_moving_a_worker_in_is_shown_to_both_managers(
    client, auth, make_user, make_case
):
    make_user("root", role="admin")
    meg = make_user("meg", role="manager")
    ann = make_user("ann", manager=meg)
    make_case("C-1", ann, family_name="Ann's family")
    auth.sign_in("root")
    # The admin makes a manager account they know the password of ...
    client.post(
        "/admin/users",
        data={
            "display_name": "Max Newman",
            "username": "max",
            "role": "manager",
            "manager_id": 0,
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    from storyboard.services.db import db
    from storyboard.services.models import User

    with client.application.app_context():
        max_id = db.session.query(User.id).filter_by(username="max").scalar()
    # ... and moves Ann into that team.
    response = client.post(
        f"/admin/users/{ann}",
        data={"display_name": "Ann", "role": "worker", "manager_id": max_id, "active": "y"},
    )
    assert response.status_code == 302
    auth.sign_out()
    # Ann's old manager sees it on her dashboard, and so does the new one.
    auth.sign_in("meg")
    notices = _dashboard_notices(client)
    assert any("Ann" in n and "moved from your team to Max Newman's team" in n for n in notices)
    assert any("Root" in n for n in notices)
    auth.sign_out()
    auth.sign_in("max")
    notices = _dashboard_notices(client)
    assert any("Ann" in n and "moved into your team from Meg's team" in n for n in notices)
    assert any("Max Newman" in n and "made a manager" in n for n in notices)


def test_a_role_change_in_a_team_is_shown_to_its_manager(client, auth, make_user):
    make_user("root", role="admin")
    meg = make_user("meg", role="manager")
    ann = make_user("ann", manager=meg)
    auth.sign_in("root")
    client.post(
        f"/admin/users/{ann}",
        data={"display_name": "Ann", "role": "manager", "manager_id": meg, "active": "y"},
    )
    auth.sign_out()
    auth.sign_in("meg")
    assert any("Ann" in n and "made a manager" in n for n in _dashboard_notices(client))


def test_a_worker_sees_no_team_changes(client, auth, make_user):
    meg = make_user("meg", role="manager")
    make_user("ann", manager=meg)
    auth.sign_in("ann")
    assert _dashboard_notices(client) == []
