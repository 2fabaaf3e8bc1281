"""First journey on a tablet: setup link, create a worker, sign in as the worker, create a case,
add a person, sign out."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.firstrun import issue_setup_token
from storyboard.services.models import Case, User

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"


def test_first_journey(live_server, tablet, sign_in):
    page = tablet.page
    token = issue_setup_token(live_server.app)

    page.goto(f"{live_server.url}/setup/{token}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create the first administrator")
    tablet.check("setup")
    page.get_by_label("Your name").fill("Pat Admin")
    page.get_by_label("Username").fill("pat")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create administrator").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("Accounts")
    expect(page.get_by_role("status")).to_contain_text("Your administrator account is ready")
    tablet.check("accounts")
    page.get_by_label("Name", exact=True).fill("Wendy Worker")
    page.get_by_label("Username").fill("wendy")
    page.get_by_label("Role").select_option("worker")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").tap()
    expect(page.get_by_role("status")).to_have_text("Account wendy created.")
    expect(page.get_by_role("cell", name="Wendy Worker")).to_be_visible()
    tablet.check("worker-created")
    page.get_by_role("button", name="Sign out").tap()
    expect(page.get_by_role("status")).to_have_text("You are signed out.")
    tablet.check("signed-out")

    sign_in(tablet, "wendy", "wrong password")
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    tablet.check("wrong-password")
    sign_in(tablet, "wendy", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    expect(page.get_by_text("You have no cases yet")).to_be_visible()
    tablet.check("dashboard-empty")

    page.get_by_role("link", name="New case").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("New case")
    tablet.check("new-case")
    page.get_by_role("button", name="Create case").tap()
    expect(page.locator("#reference-errors")).to_have_text("This field is required.")
    tablet.check("new-case-error")
    page.get_by_label("Case reference").fill("CR-2041")
    page.get_by_label("Family", exact=True).fill("The Okafor family")
    page.get_by_role("button", name="Create case").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("The Okafor family")
    tablet.check("case")
    page.get_by_label("Name", exact=True).fill("Grace")
    page.get_by_label("Who they are to the child").fill("Mum")
    page.get_by_role("button", name="Add person").tap()
    expect(page.locator(".people-list")).to_contain_text("Grace")
    tablet.check("case-with-person")

    page.get_by_role("link", name="My cases", exact=True).tap()
    expect(page.get_by_role("link", name="The Okafor family")).to_be_visible()
    tablet.check("dashboard")
    page.get_by_role("button", name="Sign out").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    tablet.check("end")

    with live_server.app.app_context():
        case = db.session.scalar(select(Case))
        assert case.reference == "CR-2041"
        assert [w.username for w in case.workers] == ["wendy"]
        assert [p.name for p in case.people] == ["Grace"]
        assert db.session.scalar(select(User.role).where(User.username == "pat")) == "admin"


def test_worker_cannot_open_another_workers_case(live_server, live_app, tablet, sign_in):
    from storyboard.services.accounts import create_user

    with live_app.app_context():
        ann = create_user("ann", "Ann", PASSWORD, "worker")
        bob = create_user("bob", "Bob", PASSWORD, "worker")
        db.session.add(Case(reference="CR-1", family_name="Bob's family", workers=[bob]))
        db.session.commit()
        case_id = db.session.scalar(select(Case.id))
        assert ann.id
    page = tablet.page
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    response = page.goto(f"{live_server.url}/cases/{case_id}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_text("Bob's family")).to_have_count(0)
    tablet.check("not-found")
