"""Another site cannot sign the user out by posting to our sign-in form."""

from __future__ import annotations

from playwright.sync_api import expect

from storyboard.services.accounts import create_user
from storyboard.services.db import db
from tests.conftest import PASSWORD

ATTACKER = "http://attacker.test/"


def test_a_cross_site_post_to_sign_in_leaves_the_session_alone(
    live_server, live_app, tablet, sign_in
):
    with live_app.app_context():
        create_user("ann", "Ann", PASSWORD, "worker")
        db.session.commit()
    page = tablet.page
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")

    # Another site's page, in the same browser, posts a form to our sign-in.
    other = page.context.new_page()
    form = (
        f'<form method="post" action="{live_server.url}/signin">'
        '<input name="username" value="mallory"><input name="password" value="x">'
        "<button>Go</button></form>"
    )
    other.route(ATTACKER, lambda route: route.fulfill(content_type="text/html", body=form))
    other.goto(ATTACKER)
    with other.expect_navigation():
        other.get_by_role("button", name="Go").click()
    other.close()

    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("still-signed-in")
