"""The editor's "Read this page aloud" box as the server draws it, and what autosave answers
about a page's recording (the browser side is tests/browser/test_recording.py)."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from tests.fixtures.sounds import record
from tests.web.test_recordings import send, story  # noqa: F401  (the fixture)

JSON = {"Accept": "application/json"}


def recorder_of(client, story, panel):  # noqa: F811
    page = client.get(f"/storyboards/{story['id']}")
    assert page.status_code == 200
    soup = BeautifulSoup(page.data, "html.parser")
    return soup.select_one(f"#panel-{panel} [data-recorder]")


def test_each_page_has_a_recorder_naming_the_case_people(client, auth, story):  # noqa: F811
    auth.sign_in("ann")
    box = recorder_of(client, story, story["panel"])
    assert box.h3.get_text(" ", strip=True).startswith("Read this page aloud")
    reader = box.select_one("select[data-rec-reader]")
    choices = {o["value"]: o.get_text(strip=True) for o in reader.select("option")}
    assert choices == {"": "Not said", str(story["mum"]): "Mum (Kerry Baker)"}, "no 'agreed'"
    assert box.select_one('[data-rec="record"]').name == "button"
    assert box.select_one('[data-rec-part="start"]').get("hidden") is None
    assert box.select_one('[data-rec-part="done"]').has_attr("hidden")
    assert json.loads(box["data-recording"]) is None
    assert box["data-record-url"] == (
        f"/api/storyboards/{story['id']}/panels/{story['panel']}/recording"
    )
    assert box.select_one("[data-rec-status]")["aria-live"] == "polite"


def test_a_recorded_page_shows_its_player_reader_and_length(client, auth, story):  # noqa: F811
    auth.sign_in("ann")
    made = send(client, story, record("webm", "libopus", 2.0), speaker=str(story["mum"]))
    sha = made.get_json()["recording"]["sha256"]
    box = recorder_of(client, story, story["panel"])
    assert box.select_one('[data-rec-part="start"]').has_attr("hidden")
    assert box.select_one('[data-rec-part="done"]').get("hidden") is None
    assert box.audio["src"] == f"/storyboards/{story['id']}/recordings/{sha}.m4a"
    assert client.get(box.audio["src"]).status_code == 200
    assert box.select_one("[data-rec-about]").get_text(strip=True) == (
        "Read by Mum (Kerry Baker), 0:02 long."
    )
    assert box.select_one("[data-rec-changed]").has_attr("hidden")
    assert json.loads(box["data-recording"])["sha256"] == sha
    # The other page has none.
    other = recorder_of(client, story, story["second"])
    assert other.audio.get("src") is None


def test_saving_new_words_says_the_recording_may_not_match(client, auth, story):  # noqa: F811
    auth.sign_in("ann")
    sha = send(client, story, record("webm", "libopus")).get_json()["recording"]["sha256"]
    url = f"/api/panels/{story['panel']}"
    same = client.patch(url, json={"version": 1, "text": "Sam lives here."}, headers=JSON)
    assert same.get_json()["recording"]["words_changed"] is False
    assert same.get_json()["recording"]["url"].endswith(f"/{sha}.m4a")
    version = same.get_json()["panel"]["version"]
    words = {"version": version, "text": "Sam lives here with Nan."}
    saved = client.patch(url, json=words, headers=JSON)
    assert saved.status_code == 200
    assert saved.get_json()["recording"]["sha256"] == sha
    assert saved.get_json()["recording"]["words_changed"] is True
    note = recorder_of(client, story, story["panel"]).select_one("[data-rec-changed]")
    assert note.get("hidden") is None and "may not match the words any more" in note.text
    # A page with no recording says so.
    other = client.patch(f"/api/panels/{story['second']}", json={"version": 1, "text": "Hi"},
                         headers=JSON)  # fmt: skip
    assert other.get_json()["recording"] is None
