"""The whole journey, one test per role, in the order it happens (issue 13): the worker makes
the story on a touch tablet, each parent reviews it on their phone, the manager signs it off,
the worker downloads every export and the test opens each file; then every page of the
journey at 200% text.

The tests share one app, one browser context per role and the state in `journey`, so they
run in this file's order; a later one fails (never skips) if an earlier one did not finish.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, expect

from storyboard import create_app
from storyboard.services.db import db
from storyboard.services.firstrun import issue_setup_token
from tests.browser.conftest import (
    PHONE,
    SCREENSHOTS,
    VIEWPORTS,
    AuditedPage,
    LiveServer,
    sign_in_at,
)
from tests.browser.exported import open_every_export
from tests.browser.guide import guide_shot
from tests.browser.reflow import ZOOMED, reflow_problems
from tests.browser.test_pictures import pick
from tests.browser.touch import Touch
from tests.conftest import PASSWORD, app_config
from tests.fixtures.pictures import make

pytestmark = pytest.mark.browser
PAGES = [
    "This is a story about Sam. Sam is seven and loves football.",
    "Sam lives with Mum and Dad and Biscuit the cat.",
    "Miss Khan, Sam's teacher, was worried because Sam was often tired and hungry.",
    "Sometimes Mum has poorly days and stays in bed.",
    "Mum and Dad love Sam very much and always take him to football.",
    "Nan comes round on poorly days and makes dinner.",
    "Sam will always have a grown-up who can look after him.",
    "Everyone agreed the plan together, and Sam feels safe.",
]
PARENTS = {"mum": ("Grace Okafor", "Mum", "2468"), "dad": ("Tunde Okafor", "Dad", "1357")}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Iterator[LiveServer]:
    """One app for the whole journey, with CSRF on as in real use."""
    app: Flask = create_app(
        app_config(tmp_path_factory.mktemp("journey"), migrated_sqlite, WTF_CSRF_ENABLED=True)
    )
    live = LiveServer(app)
    yield live
    live.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def journey() -> dict:
    """What each step leaves for the next: addresses, links, PINs."""
    return {}


@contextmanager
def _audited(browser: Browser, name: str, **options: object) -> Iterator[AuditedPage]:
    """A touch screen's page whose every page must pass axe, and no script may fail on."""
    context = browser.new_context(**{"has_touch": True, "device_scale_factor": 1, **options})
    page = context.new_page()
    page.set_default_timeout(10_000)
    audited = AuditedPage(page, name)
    try:
        yield audited
    finally:
        context.close()
    missed = audited.unaudited()
    assert not missed, f"pages visited without an accessibility check: {missed}"
    assert not audited.script_errors, "script errors: " + "; ".join(audited.script_errors)


@pytest.fixture(scope="module")
def worker(chromium: Browser) -> Iterator[AuditedPage]:
    """The worker's tablet, held upright to begin with."""
    with _audited(chromium, "journey-worker", viewport=VIEWPORTS["portrait"]) as audited:
        yield audited


@pytest.fixture(scope="module")
def manager(chromium: Browser) -> Iterator[AuditedPage]:
    """The manager's tablet, on its side."""
    with _audited(chromium, "journey-manager", viewport=VIEWPORTS["landscape"]) as audited:
        yield audited


def _heading(page, text: str) -> None:  # noqa: ANN001
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _first_start(server: LiveServer, tablet: AuditedPage) -> None:
    """The setup link, the administrator, then a manager and a worker in her team."""
    page = tablet.page
    page.goto(f"{server.url}/setup/{issue_setup_token(server.app)}")
    tablet.check("setup")
    page.get_by_label("Your name").fill("Pat Admin")
    page.get_by_label("Username").fill("pat")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create administrator").tap()
    _heading(page, "Accounts")
    tablet.check("accounts")
    accounts = (("Meg Manager", "meg", "manager"), ("Ann Worker", "ann", "worker"))
    for name, username, role in accounts:
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Username").fill(username)
        page.get_by_label("Role").select_option(role)
        if role == "worker":
            page.get_by_label("Team manager").select_option(label="Meg Manager")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_label("Type the password again").fill(PASSWORD)
        page.get_by_role("button", name="Create account").tap()
        expect(page.get_by_role("status")).to_have_text(f"Account {username} created.")
    page.get_by_role("button", name="Sign out").tap()
    expect(page.get_by_role("status")).to_have_text("You are signed out.")


def _add_person(page, kind: str, name: str, relationship: str, pronouns: str = "") -> None:  # noqa: ANN001
    page.get_by_role("group", name="Who is this?").get_by_label(kind).tap()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Who they are to the child").fill(relationship)
    if pronouns:
        page.get_by_role("group", name="Their pronouns").get_by_label(pronouns).tap()
    page.get_by_role("button", name="Add person").tap()
    expect(page.locator(".people-list")).to_contain_text(name)


def _card(page):  # noqa: ANN001, ANN202
    return page.locator(".panel-card:not([hidden])")


def _saved(page) -> None:  # noqa: ANN001
    expect(page.locator("#save-state")).to_have_attribute("data-state", "saved")


def _add_pictures(server: LiveServer, tablet: AuditedPage, touch: Touch) -> None:
    """A library picture, a finger drawing and a photo, on the page showing now."""
    page = tablet.page
    card = _card(page)
    pick(page, "nan", "grandma")
    expect(card.locator(".scene-item")).to_have_count(1)
    card.get_by_role("button", name="Draw").tap()
    pad = page.get_by_role("dialog", name="Draw a picture")
    box = pad.locator("canvas").bounding_box()
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    touch.path([(x + w * (0.55 + 0.02 * i), y + h * (0.5 + 0.02 * (i % 4))) for i in range(14)])
    expect(pad.locator("canvas")).to_have_attribute("data-strokes", "1")
    tablet.check("drawpad")
    pad.get_by_role("button", name="Put it in the picture").tap()
    expect(card.locator(".scene-item")).to_have_count(2)
    photo = Path(server.app.instance_path) / "kitchen.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(make.gps_jpeg((640, 480)))
    card.locator(".scene-file:not([capture])").set_input_files(str(photo))
    expect(card.locator(".scene-item")).to_have_count(3)
    card.get_by_role("button", name="Smaller").tap()  # the photo no longer hides Nan
    card.get_by_role("button", name="Smaller").tap()
    card.get_by_label("Words for people who cannot see the picture").fill("Our kitchen")
    _saved(page)


def test_worker_makes_the_story_on_a_tablet(server, worker, journey):
    page = worker.page
    touch = Touch(page)
    _first_start(server, worker)

    sign_in_at(worker, server.url, "ann", PASSWORD)
    _heading(page, "My cases")
    worker.check("dashboard-empty")
    page.get_by_role("link", name="New case").tap()
    _heading(page, "New case")
    worker.check("new-case")
    page.get_by_label("Case reference").fill("CR-2041")
    page.get_by_label("Family", exact=True).fill("The Okafor family")
    page.get_by_role("button", name="Create case").tap()
    _heading(page, "The Okafor family")
    journey["case"] = page.url
    worker.check("case")
    _add_person(page, "Family or a friend", "Grace Okafor", "Mum", "she / her")
    _add_person(page, "Family or a friend", "Tunde Okafor", "Dad", "he / him")
    _add_person(page, "A professional", "Ann Worker", "Social worker")
    expect(page.locator(".people-list li").filter(has_text="Ann Worker")).to_contain_text(
        "Professional"
    )
    worker.check("case-with-people")
    guide_shot(page, "01-case-and-people")

    page.get_by_role("link", name="Start a storyboard").tap()
    _heading(page, "Start a storyboard")
    journey["start"] = page.url
    page.get_by_label("Child's first name").fill("Sam")
    page.get_by_label("How old is the child?").fill("7")
    page.get_by_role("group", name="The child's pronouns").get_by_label("he / him").tap()
    worker.check("start")
    guide_shot(page, "02-start-a-story")
    page.get_by_role("button", name="Start the story").tap()
    expect(page.locator("#editor")).to_be_visible()
    journey["editor"] = page.url
    worker.check("editor")

    # Eight pages of words, turning the pages with the buttons; the tablet goes on its side.
    for number, words in enumerate(PAGES, start=1):
        if number == 4:
            page.set_viewport_size(VIEWPORTS["landscape"])
        card = _card(page)
        expect(card.locator(".panel-number")).to_have_text(str(number))
        if card.get_attribute("data-kind") == "scale":
            card.get_by_label("Words before the scale").fill(words)
            # Each person says where they are: Mum 6, the child 7.
            for who, value in (("Mum (Grace Okafor)", "6"), ("Me (Sam)", "7")):
                card.get_by_label("Who says where it is?").select_option(label=who)
                card.get_by_role("button", name="Add their number").tap()
                group = card.get_by_role("group", name=who)
                group.locator(".scale-choice").filter(has_text=value).tap()
        else:
            card.get_by_label("The words for this page").fill(words)
        _saved(page)
        if number == 2:
            _add_pictures(server, worker, touch)
            worker.check("editor-pictures")
            card.get_by_label("The words for this page").scroll_into_view_if_needed()
            guide_shot(page, "03-write-the-pages")
            card.locator(".scene-wrap").scroll_into_view_if_needed()
            guide_shot(page, "04-pictures")
        if number < len(PAGES):
            page.get_by_role("button", name="Next page").tap()
    # The preview beside the words shows the page as it will print.
    preview = page.frame_locator("#preview-frame")
    expect(preview.get_by_text(PAGES[-1])).to_be_visible()
    worker.check("editor-landscape")
    page.set_viewport_size(VIEWPORTS["portrait"])
    page.get_by_role("button", name="Previous page").tap()
    page.get_by_role("button", name="Next page").tap()
    worker.check("editor-portrait")

    # Read it with Sam.
    page.get_by_role("link", name="Read with Sam").tap()
    count = page.locator("#reader-count")
    expect(count).to_have_text(re.compile(r"^Page 1 of \d+$"))
    journey["read"] = page.url
    # A tap as the page's script starts may come before it listens: a person taps again.
    touch.tap_until(
        page.get_by_role("button", name="Next"), lambda: count.inner_text().startswith("Page 2")
    )
    expect(page.get_by_text(PAGES[1])).to_be_visible()
    worker.check("read")
    guide_shot(page, "05-read-with-the-child")
    page.go_back()
    expect(page.locator("#editor")).to_be_visible()

    # Send it for review, then one link for each parent, with a PIN.
    page.get_by_role("link", name="Versions and review").tap()
    _heading(page, "Versions and review")
    journey["hub"] = page.url
    page.get_by_label("Why this version?").fill("First draft to read with Mum and Dad")
    # The pages left empty are left out of the booklet, and the worker says that is right.
    page.get_by_label("Send anyway, with these panels empty").tap()
    worker.check("hub")
    guide_shot(page, "06-send-for-review")
    page.get_by_role("button", name="Send for review").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1 of")
    journey["version"] = page.url
    worker.check("version-1")
    journey["links"] = {}
    for who, (name, role, pin) in PARENTS.items():
        page.get_by_label("Reviewer's name").fill(name)
        page.get_by_label("Who they are").select_option(role)
        expect(page.get_by_label("Use this link for later versions too")).to_be_checked()
        page.get_by_label("PIN").fill(pin)
        page.get_by_role("button", name="Make link").tap()
        expect(page.get_by_role("img", name=f"QR code of the link for {name}")).to_be_visible()
        journey["links"][who] = page.locator("#share-url").input_value()
        worker.check(f"link-{who}")
        if who == "mum":
            guide_shot(page, "07-a-link-for-each-parent")
            # The page with the QR code at 200% text (the same layout as half the width).
            page.set_viewport_size(ZOOMED["viewport"])
            page.screenshot(path=SCREENSHOTS / "journey-200-worker-link.png")
            journey["link_reflow"] = reflow_problems(page)
            page.set_viewport_size(VIEWPORTS["portrait"])
        page.get_by_role("link", name="Done").tap()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1 of")
    expect(page.locator("#links")).to_contain_text("Tunde Okafor")
    worker.check("version-1-links")
    journey["worker_done"] = True


@pytest.mark.parametrize("who", list(PARENTS))
def test_each_parent_reviews_on_their_phone(server, chromium, journey, who):
    assert journey.get("worker_done"), "the worker's journey did not finish"
    with _audited(
        chromium, f"journey-{who}", viewport=PHONE["phone"], is_mobile=True, device_scale_factor=2
    ) as parent:
        _review(parent, journey, who)


def _review(parent: AuditedPage, journey: dict, who: str) -> None:
    """A parent opens their link, gives the PIN, reads, comments on a page and agrees."""
    name, role, pin = PARENTS[who]
    page = parent.page
    page.goto(journey["links"][who])
    parent.check("pin")
    page.get_by_label("PIN").fill(pin)
    page.get_by_role("button", name="Open the storyboard").tap()
    _heading(page, "Sam’s story")
    journey[f"review_{who}"] = page.url
    for words in PAGES:
        expect(page.get_by_text(words)).to_be_visible()
    family = page.get_by_role("article", name="My family")
    expect(family.get_by_role("img", name=re.compile("Our kitchen"))).to_be_visible()
    parent.check("read")
    if who == "mum":
        guide_shot(page, "08-a-parent-reads-on-their-phone")
    comment = f"{role} says: please add that Nan has a key."
    box = page.get_by_role("textbox", name="Your comment on this page").nth(5)
    box.fill(comment)
    page.get_by_role("button", name=re.compile("^Send comment on")).nth(5).tap()
    expect(page.get_by_role("status")).to_contain_text("Your comment was sent")
    expect(page.locator(".my-comments")).to_contain_text(comment)
    parent.check("commented")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="I agree with this version").tap()
    expect(page.locator("#decision")).to_contain_text("You agreed with this version")
    parent.check("agreed")
    journey[f"{who}_state"] = page.context.storage_state()


def test_the_manager_signs_it_off(server, manager, journey):
    assert journey.get("mum_state") and journey.get("dad_state"), "the parents did not answer"
    page = manager.page
    sign_in_at(manager, server.url, "meg", PASSWORD)
    _heading(page, "My cases")
    card = page.locator(".case-card").filter(has_text="The Okafor family")
    expect(card).to_contain_text("2 agreed")
    manager.check("dashboard")
    card.get_by_role("link", name=re.compile("^Version 1")).tap()
    _heading(page, "Versions and review")
    manager.check("hub")
    page.locator("#versions").get_by_role("link", name=re.compile("Version 1")).first.tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1 of")
    expect(page.locator("#status")).to_contain_text("Tunde Okafor")
    manager.check("version")
    page.get_by_role("button", name="Sign off version 1").tap()
    expect(page.get_by_role("status")).to_contain_text("You signed off version 1")
    expect(page.locator("#status")).to_contain_text("Approved")
    manager.check("signed-off")
    page.locator("#sign-off").scroll_into_view_if_needed()
    guide_shot(page, "09-the-manager-signs-off")
    journey["manager_state"] = page.context.storage_state()


def test_the_worker_downloads_every_export(server, worker, journey, tmp_path):
    assert journey.get("manager_state"), "the manager did not sign off"
    page = worker.page
    page.goto(journey["version"])
    expect(page.locator("#status")).to_contain_text("Approved")
    worker.check("version-approved")
    exports = page.locator("#export")
    if exports.get_by_label("I have checked these: they can be in the booklet").count():
        exports.get_by_label("I have checked these: they can be in the booklet").tap()
        exports.get_by_role("button", name="Show the downloads").tap()
    exports.scroll_into_view_if_needed()
    worker.check("exports")
    guide_shot(page, "10-export")
    open_every_export(page, page.locator("#export .export-list a"), tmp_path, PAGES)
    page.goto(journey["editor"] + "/exports")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Export")
    journey["export"] = page.url
    worker.check("export-page")


def test_every_page_of_the_journey_at_200_percent_text(server, chromium, worker, journey):
    assert journey.get("export"), "the journey did not finish"
    worker_pages = ["/", "case", "start", "editor", "read", "hub", "version", "export"]
    visits = [("signed-out", None, ["/signin"]), ("worker", worker.page.context.storage_state(),
              worker_pages), ("mum", journey["mum_state"], ["review_mum"]),
              ("manager", journey["manager_state"], ["/"])]  # fmt: skip
    failures = [f"worker-link: {p}" for p in journey["link_reflow"]]
    for role, state, names in visits:
        context = chromium.new_context(storage_state=state, has_touch=True, **ZOOMED)
        page = context.new_page()
        page.set_default_timeout(10_000)
        for name in names:
            page.goto(server.url + name if name.startswith("/") else journey[name])
            label = f"{role}-{name.strip('/') or 'home'}"
            page.screenshot(path=SCREENSHOTS / f"journey-200-{label}.png")
            failures += [f"{label}: {p}" for p in reflow_problems(page)]
        context.close()
    assert not failures, "at 200% text:\n" + "\n".join(failures)
