"""The reviewer's page in the family's language, on a phone (issue 15, "Done when"): opened in
Arabic (right to left, no English left around the story), switched to Polish on the page with
a half-written comment kept, switched back, and agreed in Arabic; the PIN page in Polish;
what changed since the last look, pictures named in Arabic, on a phone and a tablet."""

from __future__ import annotations

import re
from functools import cache

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Page, expect
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import Approval, Panel
from storyboard.story.wording import TRANSLATIONS
from tests.conftest import PASSWORD
from tests.fixtures.factories import make_link, send, worker_with_sam
from tests.test_page_translations import SAME_AS_ENGLISH, family_strings, key

pytestmark = pytest.mark.browser
# The family's words (the story, the reviewer's name, what they type), the languages' own
# names in the switcher, and the check code are theirs: everything else is the page's.
THEIRS = (
    ".reading-title, .reading-heading, .reading-text, .reading-speaker, #intro-title, "
    ".code, #page-language, .comment-body, textarea, bdi, .diff-words"
)


@cache
def english_fragments() -> list[str]:
    """The fixed English words of the family pages' strings, each to look for on a page (read
    once: the catalogue holds the staff pages' strings too)."""
    fragments = set()
    family = family_strings()
    for message in read_po((TRANSLATIONS / "messages.pot").open("rb")):
        if not message.id or key(message.id) not in family:
            continue
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            for part in re.split(r"%\(\w+\)[sd]|[“”()\[\].,:;?]", text):
                if re.search(r"[A-Za-z]{2}", part) and part.strip() not in SAME_AS_ENGLISH["*"]:
                    fragments.add(part.strip())
    return sorted(fragments, key=len, reverse=True)


def page_words(page: Page) -> str:
    """The page's visible words without the family's own."""
    return page.evaluate(
        """(theirs) => {
            const copy = document.body.cloneNode(true);
            copy.querySelectorAll(theirs).forEach((e) => e.remove());
            copy.querySelectorAll('.visually-hidden')
                .forEach((e) => e.replaceWith(' ' + e.textContent + ' '));
            document.body.appendChild(copy);
            copy.style.position = 'absolute';
            const text = copy.innerText;
            copy.remove();
            return text;
        }""",
        THEIRS,
    )


def english_left(page: Page) -> list[str]:
    """The English words of the family pages' strings still on the page."""
    words = page_words(page)
    return [
        f for f in english_fragments() if re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", words)
    ]


def _link(live_app, **fields) -> tuple[int, str]:  # noqa: ANN001, ANN003
    sid = worker_with_sam(live_app)
    live_app.config["WTF_CSRF_ENABLED"] = False  # the test's own client posts the forms
    worker = live_app.test_client()
    worker.post("/signin", data={"username": "ann", "password": PASSWORD})
    assert send(worker, sid, confirm_private="yes").status_code == 302
    token = make_link(worker, sid, **fields)
    live_app.config["WTF_CSRF_ENABLED"] = True
    return sid, token


def _switch(page: Page, language: str, button: str) -> None:
    page.locator("#page-language").select_option(language)
    page.get_by_role("button", name=button, exact=True).tap()


@pytest.mark.parametrize("viewport_name", ["phone"], indirect=True)
def test_a_reviewer_reads_switches_and_agrees_in_arabic_on_a_phone(
    live_server, live_app, tablet, viewport_name
):
    _, token = _link(live_app, language="ar", reviewer_name="مريم")
    page = tablet.page
    page.goto(f"{live_server.url}/r/{token}")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="هل توافق على هذه النسخة؟")).to_be_visible()
    expect(page.get_by_text("مرحبًا مريم.")).to_be_visible()
    assert english_left(page) == []
    assert not re.search(r"[A-Za-z]", page_words(page))  # no Latin letter at all
    # The whole page mirrors: the brand on the right, the language switch on the left.
    brand = page.locator(".reviewer-header .brand").bounding_box()
    switch = page.locator(".language-switch").bounding_box()
    assert brand["x"] > switch["x"]
    tablet.check("reviewer-arabic")

    box = page.locator("#comment-0")
    box.fill("ما زلت أكتب هذا")
    _switch(page, "pl", "تغيير")
    expect(html).to_have_attribute("lang", "pl")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", name="Czy zgadzasz się z tą wersją?")).to_be_visible()
    expect(page.locator("#comment-0")).to_have_value("ما زلت أكتب هذا")
    assert english_left(page) == []
    tablet.check("reviewer-polish")

    _switch(page, "ar", "Zmień")
    expect(html).to_have_attribute("dir", "rtl")
    page.get_by_role("button", name="أوافق على هذه النسخة").tap()
    expect(page.get_by_text("شكرًا لك. سُجلت موافقتك على هذه النسخة.")).to_be_visible()
    expect(page.locator(".decision .flash-success")).to_contain_text("وافقت على هذه النسخة في")
    assert english_left(page) == []
    tablet.check("reviewer-arabic-agreed")
    with live_app.app_context():
        approval = db.session.scalar(select(Approval))
        assert (approval.decision, approval.reviewer_name) == ("agree", "مريم")


@pytest.mark.parametrize("viewport_name", ["phone"], indirect=True)
def test_the_pin_page_in_polish_on_a_phone(live_server, live_app, tablet, viewport_name):
    _, token = _link(live_app, language="pl", pin="4821")
    page = tablet.page
    page.goto(f"{live_server.url}/r/{token}")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("heading", name="Wpisz swój PIN")).to_be_visible()
    assert english_left(page) == []
    tablet.check("pin-polish")
    page.get_by_label("PIN").fill("0000")
    page.get_by_role("button", name="Otwórz historię").tap()
    expect(page.locator("#pin-errors")).to_contain_text("Możesz spróbować jeszcze 4 razy")
    assert english_left(page) == []
    tablet.check("pin-polish-wrong")


@pytest.mark.parametrize("viewport_name", ["phone", "portrait"], indirect=True)
def test_what_changed_names_the_pictures_in_arabic(live_server, live_app, tablet, viewport_name):
    sid, token = _link(live_app, language="ar", reviewer_name="مريم", follows="yes")
    page = tablet.page
    assert live_app.test_client().get(f"/r/{token}").status_code == 200  # version 1 seen
    home = {"src": "library:home", "alt": "A house with a yellow door, two windows and a chimney."}
    with live_app.app_context():
        panel = db.session.scalar(
            select(Panel).where(Panel.storyboard_id == sid, Panel.position == 1)
        )
        panel.scene = {"pictures": [home, {"src": "library:grandma"}, {"src": "emoji:1F600"}]}
        panel.text = panel.text + " Nan picks Sam up from school."
        db.session.commit()
    live_app.config["WTF_CSRF_ENABLED"] = False
    worker = live_app.test_client()
    worker.post("/signin", data={"username": "ann", "password": PASSWORD})
    assert send(worker, sid, "Nan", confirm_private="yes").status_code == 302
    live_app.config["WTF_CSRF_ENABLED"] = True
    page.goto(f"{live_server.url}/r/{token}")
    changed = page.locator("#what-changed")
    expect(changed.get_by_role("heading")).to_have_text("ما الذي تغيّر منذ آخر مرة نظرت فيها")
    expect(changed).to_contain_text("المنزل")
    expect(changed).to_contain_text("جدة")
    expect(changed).to_contain_text("😀")
    assert english_left(page) == []
    said = changed.evaluate(
        "(e) => { const c = e.cloneNode(true); c.querySelectorAll('.diff-words, bdi')"
        ".forEach((x) => x.remove()); return c.innerText; }"
    )  # fmt: skip
    assert not re.search(r"[A-Za-z]", said), said
    changed.scroll_into_view_if_needed()
    tablet.check("what-changed-arabic")
