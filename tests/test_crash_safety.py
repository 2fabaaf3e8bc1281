"""Crash safety: an app server SIGKILLed in the middle of saves and photo uploads loses
nothing it acknowledged, and the database it leaves passes its integrity check.

A real server (`bench.servers`, the one way the benchmarks serve the app) on the test's
database takes two streams at once, each a signed-in browser session: autosaves of the pages
of a storyboard and photo uploads. After a few of each are acknowledged the server and its
workers are killed at once (no shutdown), requests in flight. It is started again on the same
database: every acknowledged save is there (or a later one, sent but never answered), every
acknowledged photo is there and served byte for byte under its hash, and new saves work.
"""

from __future__ import annotations

import hashlib
import io
import threading
import time

import pytest
from PIL import Image as PILImage
from sqlalchemy import select, text

from bench.client import Browser
from bench.servers import start_server
from storyboard.services.db import db
from storyboard.services.models import Blob, Image, Panel
from tests.conftest import PASSWORD

# The server's key: `storyboard serve` off SQLite refuses one under 32 characters.
KEY = "crash-test-secret-key-long-enough-for-serve"


def a_photo(n: int) -> bytes:
    """A small PNG that no other `n` makes."""
    picture = PILImage.new("RGB", (40, 30), (n % 256, (n * 7) % 256, (n * 13) % 256))
    picture.putpixel((n % 40, 0), (255 - n % 256, 0, 0))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


class Stream(threading.Thread):
    """Requests one after another until stopped or the server goes; notes what was answered."""

    def __init__(self, base: str, step) -> None:  # noqa: ANN001 - a callable
        super().__init__(daemon=True)
        self.browser = Browser(base, timeout=10)
        self.browser.sign_in("ann", PASSWORD)
        self.step = step
        self.acked = 0
        self.failure: str | None = None  # how the kill ended the stream
        self.wrong: str | None = None  # an answer that was not the one expected
        self.stop = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            try:
                self.step(self.browser, n)
            except OSError as error:  # the server was killed: this request was not answered
                self.failure = type(error).__name__
                return
            except AssertionError as error:
                self.wrong = str(error)
                return
            n += 1
            self.acked += 1


@pytest.fixture
def server(app, tmp_path):  # noqa: ANN001, ANN201
    """Start app servers on the test's database; every one is killed at the end."""
    started = []

    def start():  # noqa: ANN202
        one = start_server(
            app.config["DATABASE_URL"], tmp_path / "instance", KEY,
            workers=1, threads=4, log=tmp_path / "server.log",
        )  # fmt: skip
        started.append(one)
        return one

    yield start
    for one in started:
        one.kill()


def test_a_killed_server_loses_no_acknowledged_save_or_photo(app, server, review):
    sid = review["storyboard"]
    with app.app_context():
        pages = [p.id for p in db.session.scalars(select(Panel).where(Panel.storyboard_id == sid))]
    first = server()
    versions = dict.fromkeys(pages, 1)
    acked: dict[int, str] = {}  # page -> the words of its last acknowledged save
    sent: dict[int, str] = {}  # page -> the words sent last (answered or not)
    photos: list[str] = []  # the names answered for acknowledged uploads

    def save(browser: Browser, n: int) -> None:
        page = pages[n % len(pages)]
        words = f"Words of save {n}."
        sent[page] = words
        status, body = browser.send_json(
            "PATCH", f"/api/panels/{page}", {"version": versions[page], "text": words}
        )
        assert status == 200, body
        versions[page] = body["panel"]["version"]
        acked[page] = words

    def upload(browser: Browser, n: int) -> None:
        status, body = browser.upload(
            f"/api/storyboards/{sid}/images", "photo", f"photo{n}.png", a_photo(n)
        )
        assert status == 201, body
        photos.append(body["url"].rsplit("/", 1)[1])

    streams = [Stream(first.base, save), Stream(first.base, upload)]
    for stream in streams:
        stream.start()
    deadline = time.monotonic() + 15
    while min(s.acked for s in streams) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.kill()  # mid-stream: each stream has a request in flight or about to be
    for stream in streams:
        stream.stop.set()
        stream.join(timeout=15)
    assert not any(s.is_alive() for s in streams)
    assert [s.wrong for s in streams] == [None, None]
    assert min(s.acked for s in streams) >= 5, "too few requests answered before the kill"

    again = server()
    with app.app_context():
        db.session.remove()
        stored = {
            p.id: p.text for p in db.session.scalars(select(Panel).where(Panel.id.in_(pages)))
        }
        for page, words in acked.items():
            # The last answered save, or the one sent after it that the kill cut off.
            assert stored[page] in (words, sent[page]), page
        images = {row.sha256: row for row in db.session.scalars(select(Image))}
        for name in photos:
            digest = name.split(".")[0]
            assert digest in images, "an acknowledged photo is missing"
            blob = db.session.get(Blob, digest)
            assert blob is not None and hashlib.sha256(blob.data).hexdigest() == digest
        if db.engine.dialect.name == "sqlite":
            assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []
        else:
            orphans = db.session.execute(
                text(
                    "SELECT count(*) FROM images LEFT JOIN blobs ON blobs.sha256 = images.sha256"
                    " WHERE blobs.sha256 IS NULL"
                )
            ).scalar()
            assert orphans == 0
    # The server started again serves the photos and takes new saves.
    browser = Browser(again.base)
    browser.sign_in("ann", PASSWORD)
    for name in photos:
        status, data = browser.get(f"/storyboards/{sid}/images/{name}")
        assert status == 200 and hashlib.sha256(data).hexdigest() == name.split(".")[0]
    _, state = browser.send_json("GET", f"/api/storyboards/{sid}/panels", {})
    current = {p["id"]: p["version"] for p in state["panels"]}
    status, _ = browser.send_json(
        "PATCH", f"/api/panels/{pages[0]}", {"version": current[pages[0]], "text": "After."}
    )
    assert status == 200
