"""Family words kept on the tablet outlive an idle sign-out only for the same person, and are
never readable in the browser's storage.

Unsent words are kept encrypted; after sign-out, after an idle sign-out, after another
account signs in on the same browser, and after 12 hours, nothing readable of them (or of the
page) is left in localStorage, sessionStorage, IndexedDB or CacheStorage. The same person
signing in again after an idle sign-out gets them back and sends them; nobody else ever does.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from storyboard.services.accounts import create_user
from storyboard.services.db import db
from tests.browser import test_editor
from tests.browser.test_editor import PASSWORD, SAVED, current_card, make_story, open_editor
from tests.browser.test_editor import panels_of as rows_of

pytestmark = pytest.mark.browser
family = test_editor.family
WORDS = "Mum was poorly and Nan came to stay"
KEPT = "Signed out: kept on this tablet"

STORAGE = """async () => {
  const local = Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]);
  const session = Object.keys(sessionStorage).map(k => [k, sessionStorage.getItem(k)]);
  const cached = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      cached.push([request.url, await response.text()]);
    }
  }
  const databases = indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [];
  return {local, session, cached, databases};
}"""


def storage(page) -> dict:
    return page.evaluate(STORAGE)


def readable(page, words: str = WORDS) -> list[str]:
    """Where the words can be read in the browser's storage."""
    found = storage(page)
    places = [f"localStorage {k}" for k, v in found["local"] if words in (v or "")]
    places += [f"sessionStorage {k}" for k, v in found["session"] if words in (v or "")]
    places += [f"CacheStorage {url}" for url, body in found["cached"] if words in body]
    places += [f"IndexedDB {name}" for name in found["databases"]]
    return places


def kept_entries(page) -> list[str]:
    return [k for k, _ in storage(page)["local"] if k.endswith(":unsaved")]


def type_unsent(tablet, live_server, sign_in, sb_id) -> None:
    """Words typed while saves cannot get through: kept on the tablet, encrypted."""
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    page.context.route("**/api/panels/**", lambda route: route.abort())
    current_card(page).get_by_label("The words for this page").fill(WORDS)
    expect(page.locator("#save-state")).to_have_text("Offline: kept on this tablet", timeout=8000)
    page.wait_for_function("Object.keys(localStorage).some(k => k.endsWith(':unsaved'))")
    assert kept_entries(page) and readable(page) == [], "kept words must be encrypted"


def go_idle(live_app, page) -> None:
    """The server's idle limit passes; the editor's next contact finds the session over."""
    live_app.config["IDLE_MINUTES"] = 0
    page.wait_for_timeout(1100)
    page.context.unroute("**/api/panels/**")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#signed-out")).to_be_visible(timeout=8000)
    expect(page.locator("#save-state")).to_have_text(KEPT)
    live_app.config["IDLE_MINUTES"] = 30


def test_sign_out_deletes_the_kept_words(live_server, live_app, tablet, sign_in, family):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    type_unsent(tablet, live_server, sign_in, sb_id)
    page.get_by_role("button", name="Sign out").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    tablet.check("signed-out")
    assert kept_entries(page) == [] and readable(page) == []
    assert [k for k, _ in storage(page)["session"] if "key" in k] == []
    assert rows_of(live_app, sb_id)[0].text == ""


def test_after_idle_only_the_same_person_gets_the_words_back(
    live_server, live_app, tablet, sign_in, family
):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    type_unsent(tablet, live_server, sign_in, sb_id)
    go_idle(live_app, page)
    tablet.check("idle-signed-out")
    assert kept_entries(page), "the words wait, sealed, for the same person"
    assert readable(page) == []
    assert [k for k, _ in storage(page)["session"] if "key" in k] == []
    page.locator("#resignin-user").fill("wendy")
    page.locator("#resignin-password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in and save").tap()
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    assert rows_of(live_app, sb_id)[0].text == WORDS
    page.wait_for_function("!Object.keys(localStorage).some(k => k.endsWith(':unsaved'))")


# One orientation is enough here (behaviour, not layout); CI time is mostly browsers.
@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_another_account_signing_in_deletes_the_words(
    live_server, live_app, tablet, sign_in, family
):
    with live_app.app_context():
        create_user("bob", "Bob Worker", PASSWORD, "worker")
        db.session.commit()
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    type_unsent(tablet, live_server, sign_in, sb_id)
    go_idle(live_app, page)
    sign_in(tablet, "bob", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("bob-dashboard")
    page.wait_for_function("!Object.keys(localStorage).some(k => k.endsWith(':unsaved'))")
    assert readable(page) == []
    assert rows_of(live_app, sb_id)[0].text == ""
    # Wendy, back later, finds nothing of it: it was deleted, never sent by Bob.
    page.get_by_role("button", name="Sign out").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    open_editor(tablet, live_server, sign_in, sb_id, label="wendy-again")
    expect(current_card(page).get_by_label("The words for this page")).to_have_value("")


def test_words_older_than_twelve_hours_are_deleted(live_server, live_app, tablet, sign_in, family):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    type_unsent(tablet, live_server, sign_in, sb_id)
    page.evaluate("""() => Object.keys(localStorage).filter(k => k.endsWith(':unsaved'))
      .forEach(k => { const e = JSON.parse(localStorage.getItem(k));
        e.at = Date.now() - 13 * 3600 * 1000; localStorage.setItem(k, JSON.stringify(e)); })""")
    page.goto(f"{live_server.url}/")  # the editor is left (its saves still cannot get through)
    tablet.check("dashboard-later")
    assert kept_entries(page) == []
    page.context.unroute("**/api/panels/**")
    assert rows_of(live_app, sb_id)[0].text == ""
    page.goto(f"{live_server.url}/storyboards/{sb_id}")
    expect(page.locator("#save-state")).to_have_text(SAVED)
    tablet.check("editor-later")
    expect(current_card(page).get_by_label("The words for this page")).to_have_value("")


def test_a_lost_tablet_forgets_its_words_at_its_next_contact(
    live_server, live_app, tablet, sign_in, family
):
    from sqlalchemy import select

    from storyboard.core.passwords import new_token
    from storyboard.services.models import User

    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    type_unsent(tablet, live_server, sign_in, sb_id)
    with live_app.app_context():  # an admin presses "End every session" for Wendy
        db.session.scalar(select(User).where(User.username == "wendy")).session_token = new_token(
            16
        )
        db.session.commit()
    page.context.unroute("**/api/panels/**")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#signed-out")).to_be_visible(timeout=8000)
    tablet.check("lost-tablet")
    page.wait_for_function("!Object.keys(localStorage).some(k => k.endsWith(':unsaved'))")
    assert readable(page) == []
    assert rows_of(live_app, sb_id)[0].text == ""
