"""The editor survives a reload with no wi-fi: the service worker answers with its kept copy of
the page, the words kept on the tablet are put back over it and sent when the connection
returns. Kept pages are deleted on sign-out, and in family mode only the locked story is kept.
The council's colours and logo are kept too, and a change to them reaches the tablet once it
is back online."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import func, select

from storyboard.pictures.logo import clean_logo
from storyboard.services import council
from storyboard.services.db import db
from storyboard.services.models import AuditEvent
from tests.browser import test_editor
from tests.browser.test_editor import SAVED, current_card, make_story, open_editor, panels_of

pytestmark = pytest.mark.browser
family = test_editor.family  # the worker and cases fixture
OFFLINE = "Offline: kept on this tablet"
KEPT_PAGES = """() => caches.keys().then(names => Promise.all(
    names.filter(n => n.startsWith("wp-pages-"))
      .map(n => caches.open(n).then(c => c.keys()).then(rs => rs.map(r => new URL(r.url).pathname)))
  )).then(lists => [].concat(...lists).sort())"""


def kept_pages(page) -> list[str]:
    return page.evaluate(KEPT_PAGES)


def wait_for(check, timeout: float = 8.0):
    """Poll `check()` until it returns something true."""
    end = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > end:
            return value
        time.sleep(0.1)


def controlled_editor(tablet, sb_id: int) -> None:
    """Wait for the service worker, reload once so it controls the page and keeps a copy."""
    page = tablet.page
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    expect(page.locator("#save-state")).to_have_text(SAVED)
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert wait_for(lambda: f"/storyboards/{sb_id}" in kept_pages(page))


def assert_cannot_open_offline(page, url: str) -> None:
    """Offline, `url` gets the browser's error page (in a tab of its own: no page to audit)."""
    page.context.set_offline(True)
    tab = page.context.new_page()
    try:
        with pytest.raises(Exception, match=r"net::ERR_"):
            tab.goto(url)
    finally:
        tab.close()
        page.context.set_offline(False)


def views(app, sb_id: int) -> int:
    with app.app_context():
        query = select(func.count()).where(
            AuditEvent.action == "view_storyboard", AuditEvent.storyboard_id == sb_id
        )
        return db.session.scalar(query)


def test_offline_reload_keeps_the_words_and_sends_them(
    live_server, live_app, tablet, sign_in, family
):
    sb_id = make_story(live_app, family["case"])
    first = panels_of(live_app, sb_id)[0]
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    controlled_editor(tablet, sb_id)
    box = current_card(page).get_by_label("The words for this page")
    # Saved online after the page was kept: the kept page is now one version behind.
    box.fill("Saved before the wi-fi went.")
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    assert panels_of(live_app, sb_id)[0].version == first.version + 1

    page.context.set_offline(True)
    box.fill("Typed at the kitchen table with no wi-fi.")
    expect(page.locator("#save-state")).to_have_text(OFFLINE, timeout=8000)
    seen = views(live_app, sb_id)
    page.reload()
    # The page came from the tablet, not the server, and the typed words are back over it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam’s story")
    box = current_card(page).get_by_label("The words for this page")
    expect(box).to_have_value("Typed at the kitchen table with no wi-fi.")
    expect(page.locator("#save-state")).to_have_text(OFFLINE, timeout=8000)
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert views(live_app, sb_id) == seen
    tablet.check("offline-reloaded")
    assert panels_of(live_app, sb_id)[0].text == "Saved before the wi-fi went."

    page.context.set_offline(False)
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=15000)
    row = panels_of(live_app, sb_id)[0]
    assert row.text == "Typed at the kitchen table with no wi-fi."
    assert row.version == first.version + 2
    assert page.evaluate("Object.keys(localStorage).filter(k => k.endsWith(':unsaved'))") == []


def test_sign_out_deletes_the_kept_pages(live_server, live_app, tablet, sign_in, family):
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    controlled_editor(tablet, sb_id)
    assert kept_pages(page) == [f"/storyboards/{sb_id}"]
    page.get_by_role("button", name="Sign out").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    tablet.check("signed-out")
    assert kept_pages(page) == []
    # Offline, the editor's address now has nothing kept to show.
    assert_cannot_open_offline(page, f"{live_server.url}/storyboards/{sb_id}")


# One orientation is enough here (behaviour, not layout); CI time is mostly browsers.
@pytest.mark.parametrize("viewport_name", ["landscape"], indirect=True)
def test_family_mode_keeps_only_the_locked_story(live_server, live_app, tablet, sign_in, family):
    first = make_story(live_app, family["case"])
    locked = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, first)
    controlled_editor(tablet, first)
    page.goto(f"{live_server.url}/storyboards/{locked}")
    expect(page.locator("#save-state")).to_have_text(SAVED)
    tablet.check("second-story")
    assert wait_for(lambda: len(kept_pages(page)) == 2)
    page.get_by_role("button", name="Hand to the family").tap()
    expect(page.get_by_role("status").first).to_contain_text("Family mode is on")
    tablet.check("family-mode")
    assert wait_for(lambda: kept_pages(page) == [f"/storyboards/{locked}"])
    # Offline, the other story cannot be opened from the tablet's copy either.
    assert_cannot_open_offline(page, f"{live_server.url}/storyboards/{first}")


# The band's colour and the logo's drawn width, as the tablet shows them.
COUNCIL_SHOWN = """() => {
  const band = document.querySelector(".council-band");
  const logo = document.querySelector(".council-logo");
  return {
    colour: band ? getComputedStyle(band).backgroundColor : null,
    logo: logo && logo.complete ? logo.naturalWidth : 0,
  };
}"""


def set_council(app, colour: str, logo_width: int) -> None:
    """The council's settings as an administrator saves them: a colour and a logo."""
    image = Image.new("RGB", (logo_width, 40), (255, 255, 255))
    image.paste((230, 170, 30), (4, 4, 36, 36))  # a mark, to see the logo is drawn
    out = io.BytesIO()
    image.save(out, "PNG")
    with app.app_context():
        council.save(
            name="Northshire County Council", primary=colour, accent=None, helplines=[],
            booklet_allowed=False, logo=clean_logo(out.getvalue()),
        )  # fmt: skip
        db.session.commit()


def forget_http_cache(page) -> None:
    """Empty the browser's HTTP cache, as Chromium does under storage pressure or when someone
    clears "cached images and files": only what the service worker kept is left."""
    session = page.context.new_cdp_session(page)
    session.send("Network.clearBrowserCache")
    session.detach()


KEPT_COUNCIL_CSS = """() => caches.keys().then(names => Promise.all(
    names.filter(n => n.startsWith("wp-assets-"))
      .map(n => caches.open(n).then(c => c.match(location.origin + "/council.css")))
  )).then(found => found.filter(Boolean)).then(rs => rs.length ? rs[0].text() : "")"""


def council_kept(page, colour: str) -> bool:
    """Wait until the tablet's kept council stylesheet holds `colour` (kept after the answer)."""
    return bool(wait_for(lambda: colour in page.evaluate(KEPT_COUNCIL_CSS)))


def council_shown(page) -> dict:
    page.wait_for_load_state("load")
    return page.evaluate(COUNCIL_SHOWN)


@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_the_council_colour_and_logo_are_kept_for_an_offline_reload(
    live_server, live_app, tablet, sign_in, family
):
    set_council(live_app, "#1d4f7a", 120)
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    controlled_editor(tablet, sb_id)
    assert council_shown(page) == {"colour": "rgb(29, 79, 122)", "logo": 120}
    assert council_kept(page, "#1d4f7a")

    forget_http_cache(page)
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam’s story")
    expect(page.locator(".council-name")).to_have_text("Northshire County Council")
    assert council_shown(page) == {"colour": "rgb(29, 79, 122)", "logo": 120}
    tablet.check("offline-council")
    page.context.set_offline(False)


@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_a_changed_council_setting_reaches_the_tablet_back_online(
    live_server, live_app, tablet, sign_in, family
):
    set_council(live_app, "#1d4f7a", 120)
    sb_id = make_story(live_app, family["case"])
    page = tablet.page
    open_editor(tablet, live_server, sign_in, sb_id)
    controlled_editor(tablet, sb_id)
    page.context.set_offline(True)
    # At the office, meanwhile, the administrator changes the colour and the logo.
    set_council(live_app, "#6b2d5c", 200)
    page.context.set_offline(False)
    page.reload()
    expect(page.locator("#save-state")).to_have_text(SAVED)
    assert council_shown(page) == {"colour": "rgb(107, 45, 92)", "logo": 200}
    tablet.check("council-changed")
    # The tablet kept the new ones: offline again, the editor shows them, not the old.
    assert council_kept(page, "#6b2d5c")
    forget_http_cache(page)
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam’s story")
    assert council_shown(page) == {"colour": "rgb(107, 45, 92)", "logo": 200}
    page.context.set_offline(False)
