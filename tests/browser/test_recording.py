"""Reading a page aloud on the tablet: Chromium with a fake microphone that speaks a WAV made
by espeak-ng. Record, the red state and its level meter, play back, record again (and the
3-minute stop, shortened), delete, the words-changed note; and a recording made offline,
kept encrypted in IndexedDB, sent when the connection is back, and forgotten at sign-out.

Chromium loops the file, so each recording lasts as long as the test waits before Stop, and
the length the server stored is checked against the time the test measured."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, expect

from storyboard.services.db import db
from storyboard.services.models import Panel, Person
from tests.browser import test_editor
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_editor import SAVED, current_card, make_story, open_editor
from tests.fixtures.sounds import record as sound

pytestmark = pytest.mark.browser
family = test_editor.family
SPEECH = "Sam lives with Mum and Dad and Nan. On Fridays Nan takes Sam to the park to play."
KEPT = "Kept on this tablet; it will be sent when the connection is back."
CHANGED = "may not match the words any more"
# What IndexedDB holds of kept recordings: each entry's fields, and its sealed bytes.
KEPT_ENTRIES = """() => new Promise((resolve) => {
  const open = indexedDB.open("storyboard-recordings");
  open.onupgradeneeded = () => open.transaction.abort();
  open.onerror = () => resolve([]);
  open.onsuccess = () => {
    const all = open.result.transaction("kept").objectStore("kept").getAll();
    all.onsuccess = () => {
      open.result.close();
      resolve(all.result.map((e) => ({keys: Object.keys(e).sort(),
        bytes: Array.from(new Uint8Array(e.data))})));
    };
  };
})"""
DATABASES = "() => indexedDB.databases().then((all) => all.map((d) => d.name))"


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About five seconds of a voice reading a page, as a WAV for the fake microphone."""
    wav = tmp_path_factory.mktemp("voice") / "page.wav"
    subprocess.run(["espeak-ng", "-v", "en-gb", "-s", "150", "-w", str(wav), SPEECH], check=True)
    return wav


@pytest.fixture(scope="module")
def chromium(playwright: Playwright, speech: Path) -> Iterator[Browser]:
    """This module's Chromium: its microphone plays the WAV, and permission is never asked."""
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={speech}",
            "--autoplay-policy=no-user-gesture-required",
        ],
    )
    yield browser
    browser.close()


def page_row(app, panel_id: int) -> Panel:
    with app.app_context():
        row = db.session.get(Panel, panel_id)
        db.session.expunge(row)
        return row


def mum(app, case_id: int) -> int:
    with app.app_context():
        return db.session.query(Person.id).filter_by(case_id=case_id, name="Grace").scalar()


def other_tablet_records(app, panel_id: int, replaces: str) -> str:
    """Someone records the page on another tablet; returns that recording's hash."""
    from storyboard.services import recordings
    from storyboard.services.models import User

    with app.app_context():
        panel = db.session.get(Panel, panel_id)
        made = recordings.record(
            panel, sound("webm", "libopus", 1.0), db.session.query(User).first(),
            speaker=None, replaces=replaces, max_bytes=app.config["MAX_CONTENT_LENGTH"],
        )  # fmt: skip
        db.session.commit()
        return made.sha256


def open_second_page(tablet, live_server, live_app, sign_in, family):
    """The editor on the story's second page, its microphone allowed; returns its panel id."""
    sb_id = make_story(live_app, family["case"])
    tablet.page.context.grant_permissions(["microphone"])
    open_editor(tablet, live_server, sign_in, sb_id)
    tablet.page.get_by_role("button", name="Next page").tap()
    return int(current_card(tablet.page).get_attribute("data-panel-id"))


def record_for(page, recorder, seconds: float, start: str = "Record") -> float:
    """Tap Record (or the question's button), wait `seconds` from the red state, tap Stop;
    returns the seconds measured between the red state appearing and Stop."""
    recorder.get_by_role("button", name=start, exact=True).tap()
    expect(recorder.locator("[data-rec-clock]")).to_be_visible()
    began = time.monotonic()
    expect(recorder.get_by_role("status")).to_have_text(
        "Recording. Tap Stop when the page has been read."
    )
    # The level meter moves with the voice.
    bar = recorder.locator("[data-rec-level]").element_handle()
    page.wait_for_function("(bar) => parseFloat(bar.style.width) > 20", arg=bar)
    left = seconds - (time.monotonic() - began)
    if left > 0:
        page.wait_for_timeout(left * 1000)
    recorder.get_by_role("button", name="Stop").tap()
    return time.monotonic() - began


# Each journey once, one on each tablet orientation: the browser suite is most of CI's time.
@pytest.mark.parametrize("viewport_name", ["landscape"], indirect=True)
def test_read_a_page_aloud(live_server, live_app, tablet, sign_in, family):
    page = tablet.page
    panel_id = open_second_page(tablet, live_server, live_app, sign_in, family)
    card = current_card(page)
    recorder = card.locator("[data-recorder]")
    expect(recorder.get_by_role("heading", name="Read this page aloud")).to_be_visible()
    record = recorder.get_by_role("button", name="Record", exact=True)
    box = record.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48, "a finger-sized Record button"
    reader = recorder.get_by_label("Who is reading?")
    assert "Agreed together" not in reader.inner_text(), "a reader is a person"
    reader.select_option(label="Mum (Grace)")
    tablet.check("recorder-idle")

    # A tablet that refuses the microphone: the page says how to allow it.
    page.evaluate("""() => {
      window.realGetUserMedia = navigator.mediaDevices.getUserMedia;
      navigator.mediaDevices.getUserMedia =
        () => Promise.reject(new DOMException("no", "NotAllowedError"));
    }""")
    record.tap()
    expect(recorder.get_by_role("alert")).to_contain_text("set Microphone to Allow")
    page.evaluate("() => { navigator.mediaDevices.getUserMedia = window.realGetUserMedia; }")

    # Record about 4 seconds: the red state, then the player; the stored length is the time.
    recorder.get_by_role("button", name="Record", exact=True).tap()
    expect(recorder).to_have_class("recorder is-recording")
    expect(recorder.locator(".recorder-clock")).to_contain_text("Recording 0:0")
    tablet.check("recording")
    recorder.get_by_role("button", name="Stop").tap()  # (an axe check takes a while)
    expect(recorder.get_by_role("status")).to_have_text("Recording saved.", timeout=15000)
    first = page_row(live_app, panel_id).audio_sha256
    assert first

    recorder.get_by_role("button", name="Record again").tap()
    expect(recorder.get_by_role("group")).to_contain_text("replaces the one you have now")
    measured = record_for(page, recorder, 4.0, start="Record again")
    expect(recorder.get_by_role("status")).to_have_text("Recording saved.", timeout=15000)
    row = page_row(live_app, panel_id)
    assert row.audio_sha256 and row.audio_sha256 != first, "the new recording replaced it"
    assert abs(row.audio_seconds - measured) <= 0.1 * measured, (row.audio_seconds, measured)
    assert row.audio_speaker == str(mum(live_app, family["case"]))
    expect(recorder).to_contain_text("Read by Mum (Grace), 0:0")
    expect(recorder.locator("[data-rec-changed]")).to_be_hidden()

    # Play it back: the player has the stored recording, with its length, and it plays.
    audio = recorder.locator("audio")
    page.wait_for_function(
        "(a) => a.duration > 0 && isFinite(a.duration)", arg=audio.element_handle()
    )
    assert abs(audio.evaluate("(a) => a.duration") - row.audio_seconds) < 0.3
    assert audio.evaluate("(a) => a.src").endswith(f"/recordings/{row.audio_sha256}.m4a")
    audio.evaluate("(a) => a.play()")
    page.wait_for_function("(a) => a.currentTime > 0.5", arg=audio.element_handle())
    audio.evaluate("(a) => a.pause()")
    tablet.check("recorded")

    # Another tablet records this page meanwhile: theirs is shown, and mine can replace it.
    theirs = other_tablet_records(live_app, panel_id, row.audio_sha256)
    recorder.get_by_role("button", name="Record again").tap()
    record_for(page, recorder, 1.5, start="Record again")
    expect(recorder.get_by_role("alert")).to_contain_text("Another tablet recorded this page")
    expect(audio).to_have_attribute("src", re.compile(f"/recordings/{theirs}.m4a$"))
    assert page_row(live_app, panel_id).audio_sha256 == theirs
    recorder.get_by_role("button", name="Use my recording instead").tap()
    expect(recorder.get_by_role("status")).to_have_text("Recording saved.", timeout=15000)
    mine = page_row(live_app, panel_id).audio_sha256
    assert mine not in (theirs, row.audio_sha256)

    # Record again, kept short by the page limit (3:00 in use) to see it stop by itself.
    recorder.evaluate("(box) => box.setAttribute('data-max-seconds', '2')")
    recorder.get_by_role("button", name="Record again").tap()
    recorder.get_by_role("button", name="Record again").tap()  # the question's own button
    expect(recorder.get_by_role("alert")).to_contain_text("up to 0:02", timeout=8000)
    expect(recorder.get_by_role("status")).to_have_text("Recording saved.", timeout=15000)
    short = page_row(live_app, panel_id)
    assert short.audio_sha256 != mine and 1.7 < short.audio_seconds < 2.6

    # Changing the words: the recording may not match them any more.
    card.get_by_label("The words for this page").fill("Sam lives with Mum, Dad and the cat.")
    expect(page.locator("#save-state")).to_have_text(SAVED, timeout=8000)
    expect(recorder.locator("[data-rec-changed]")).to_contain_text(CHANGED)
    tablet.check("words-changed")

    # Delete, asked first; keeping it changes nothing.
    recorder.get_by_role("button", name="Delete the recording").tap()
    recorder.get_by_role("button", name="Keep the recording").tap()
    assert page_row(live_app, panel_id).audio_sha256 == short.audio_sha256
    recorder.get_by_role("button", name="Delete the recording").tap()
    recorder.get_by_role("button", name="Delete it").tap()
    expect(recorder.get_by_role("status")).to_have_text("Recording deleted.")
    expect(recorder.get_by_role("button", name="Record", exact=True)).to_be_focused()
    assert page_row(live_app, panel_id).audio_sha256 is None

    # The server refuses a recording: its own words are shown, and nothing is kept.
    refusal = {"error": "invalid", "message": "This recording has no sound in it. Record again."}
    page.context.route("**/recording", lambda route: route.fulfill(status=400, json=refusal))
    record_for(page, recorder, 1.0)
    expect(recorder.get_by_role("alert")).to_have_text(refusal["message"])
    expect(recorder.get_by_role("button", name="Record", exact=True)).to_be_visible()
    assert page.evaluate(DATABASES) == []


@pytest.mark.parametrize("viewport_name", ["portrait"], indirect=True)
def test_a_recording_made_offline_is_kept_encrypted_and_sent(
    live_server, live_app, tablet, sign_in, family
):
    page = tablet.page
    panel_id = open_second_page(tablet, live_server, live_app, sign_in, family)
    recorder = current_card(page).locator("[data-recorder]")
    assert page.evaluate(DATABASES) == [], "nothing is kept before there is something to keep"

    page.context.set_offline(True)
    record_for(page, recorder, 2.0)
    expect(recorder.get_by_role("status")).to_have_text(KEPT, timeout=8000)
    expect(recorder).to_contain_text("Not sent yet.")
    tablet.check("recording-kept")
    (entry,) = page.evaluate(KEPT_ENTRIES)
    assert entry["keys"] == ["at", "data", "id", "iv", "storyboard", "user"]
    sealed = bytes(entry["bytes"])
    assert len(sealed) > 5000 and sealed[:4] != b"\x1a\x45\xdf\xa3"
    assert b"OpusHead" not in sealed and b"webm" not in sealed, "the sound is encrypted"
    assert page_row(live_app, panel_id).audio_sha256 is None

    page.context.set_offline(False)
    expect(recorder.get_by_role("status")).to_have_text("Recording saved.", timeout=15000)
    sent = page_row(live_app, panel_id).audio_sha256
    assert sent and 1.6 < page_row(live_app, panel_id).audio_seconds < 3.0
    assert page.evaluate(DATABASES) == [], "sent: nothing is left on the tablet"

    # The server cannot be reached for recordings: the kept one outlives a reload, and is
    # forgotten when the worker signs out.
    page.context.route("**/recording", lambda route: route.abort())
    recorder.get_by_role("button", name="Record again").tap()
    record_for(page, recorder, 1.5, start="Record again")
    expect(recorder.get_by_role("status")).to_have_text(KEPT, timeout=8000)
    page.reload()
    expect(page.locator("#save-state")).to_have_text(SAVED)
    recorder = current_card(page).locator("[data-recorder]")
    expect(recorder.get_by_role("status")).to_have_text(KEPT, timeout=8000)
    expect(recorder.locator("audio")).to_have_attribute("src", re.compile("^blob:"))
    tablet.check("recording-kept-reloaded")
    assert len(page.evaluate(KEPT_ENTRIES)) == 1
    page.get_by_role("button", name="Sign out").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    tablet.check("signed-out")
    assert page.evaluate(DATABASES) == []
    assert page_row(live_app, panel_id).audio_sha256 == sent
