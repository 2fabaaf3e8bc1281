"""Roles, enforced in one place: who sees which case, and what strangers get."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import Case, Person

PROTECTED = ["/", "/cases/new", "/cases/1", "/admin/users", "/admin/users/1"]


@pytest.mark.parametrize("path", PROTECTED)
def test_pages_need_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/signin?next=")


def test_scripts_get_401_json_not_a_redirect(client):
    response = client.get("/", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.json["error"] == "signed_out"


def case_titles(html: bytes) -> list[str]:
    """The family names listed on the dashboard."""
    soup = BeautifulSoup(html, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".case-card h2 a")]


def test_worker_sees_only_assigned_cases(client, auth, make_user, make_case):
    ann = make_user("ann")
    bob = make_user("bob")
    mine = make_case("C-1", ann, family_name="Ann's family")
    theirs = make_case("C-2", bob, family_name="Bob's family")
    auth.sign_in("ann")
    assert case_titles(client.get("/").data) == ["Ann's family"]
    assert client.get(f"/cases/{mine}").status_code == 200
    # Another worker's case looks exactly like a case that does not exist.
    assert client.get(f"/cases/{theirs}").status_code == 404
    assert client.get("/cases/9999").status_code == 404
    assert (
        client.post(f"/cases/{theirs}", data={"name": "X", "relationship": "Y"}).status_code == 404
    )


def test_manager_sees_the_teams_cases(client, auth, make_user, make_case):
    meg = make_user("meg", role="manager")
    ann = make_user("ann", manager=meg)
    outsider = make_user("zed")
    make_case("C-1", ann, family_name="Team case")
    other = make_case("C-2", outsider, family_name="Other team")
    auth.sign_in("meg")
    assert case_titles(client.get("/").data) == ["Team case"]
    assert client.get(f"/cases/{other}").status_code == 404


def test_worker_cannot_remove_a_person_from_anothers_case(app, client, auth, make_user, make_case):
    ann = make_user("ann")
    bob = make_user("bob")
    theirs = make_case("C-2", bob)
    with app.app_context():
        person = Person(case_id=theirs, name="Sarah", relationship_="Mum")
        db.session.add(person)
        db.session.commit()
        person_id = person.id
    make_case("C-1", ann)
    auth.sign_in("ann")
    assert client.post(f"/cases/{theirs}/people/{person_id}/delete").status_code == 404
    with app.app_context():
        assert db.session.get(Person, person_id) is not None
        assert db.session.scalar(select(Case).where(Case.id == theirs)) is not None
