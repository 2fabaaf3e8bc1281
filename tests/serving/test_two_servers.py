"""Two `storyboard serve` processes on one database behave as one server.

Everything a second server must see lives in the database: the session (signed with the one
shared key), sign-in and share-link limits, a link's PIN lockout, photos, frozen versions and
their kept exports. Each server has its own empty instance folder, and it stays empty.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from storyboard.services import blobs
from storyboard.services.db import db
from storyboard.services.models import ExportFile, Revision
from tests.conftest import PASSWORD
from tests.fixtures.pictures import make
from tests.fixtures.servers import Browser, server_env, start, stop, wait_until_up

pytestmark = pytest.mark.db

PUBLIC_URL = "https://stories.example.test"


@pytest.fixture
def two_servers(app, tmp_path):
    """Servers A and B on the test's database, each with its own instance folder."""
    settings = {
        "SIGNIN_MAX_FAILURES": 3,
        "REVIEW_MAX_BAD_LINKS": 2,
        "PUBLIC_URL": PUBLIC_URL,
    }
    url = app.config["DATABASE_URL"]
    servers = [
        start(server_env(url, tmp_path / f"instance-{n}", **settings), tmp_path / f"{n}.log",
              "--workers", "1", "--threads", "2")
        for n in "ab"
    ]  # fmt: skip
    try:
        wait_until_up(*servers)
        yield servers
    finally:
        stop(*servers)
    for n in "ab":
        folder = tmp_path / f"instance-{n}"
        left = sorted(p.name for p in folder.rglob("*")) if folder.exists() else []
        assert left == [], f"server {n} kept files of its own: {left}"


def test_two_servers_on_one_database_behave_as_one(app, make_user, make_case, make_storyboard,
                                                   two_servers):  # fmt: skip
    a, b = two_servers
    ann = make_user("ann")
    make_user("meg", role="manager")
    case_id = make_case("CR-1", ann)
    sid = make_storyboard(case_id)

    # Signed in on A, the same browser is signed in on B.
    worker = Browser()
    assert worker.get(b, f"/cases/{case_id}").status == 302
    token = worker.form_token(a, "/signin")
    signed_in = worker.post(a, "/signin", {"username": "ann", "password": PASSWORD}, token)
    assert signed_in.status == 302
    assert worker.get(b, f"/cases/{case_id}").status == 200
    token = worker.form_token(b, f"/cases/{case_id}")

    # Failed sign-ins count on both servers: three, then the fourth is paused, right or not.
    intruder = Browser()
    for server in (a, b, a):
        tried = intruder.post(server, "/signin", {"username": "meg", "password": "nope"},
                              intruder.form_token(server, "/signin"))  # fmt: skip
        assert tried.status == 401
    paused = intruder.post(b, "/signin", {"username": "meg", "password": PASSWORD},
                           intruder.form_token(b, "/signin"))  # fmt: skip
    assert paused.status == 429 and "Too many sign-in attempts" in paused.text

    # A photo uploaded through A is served by B.
    uploaded = worker.request(
        a, "POST", f"/api/storyboards/{sid}/images",
        form={"kind": "photo"}, files={"photo": ("garden.jpg", make.gps_jpeg(), "image/jpeg")},
        headers={"X-CSRFToken": token, "Accept": "application/json"},
    )  # fmt: skip
    assert uploaded.status == 201, uploaded.text
    picture = worker.get(b, json.loads(uploaded.body)["url"])
    assert picture.status == 200 and picture.headers["Content-Type"] == "image/jpeg"
    assert picture.body[:2] == b"\xff\xd8"

    # Frozen on A, exported on B; the kept export is what A then serves.
    sent = worker.post(a, f"/storyboards/{sid}/review/send", {"reason": "first draft"}, token)
    assert sent.status == 302 and sent.headers["Location"].endswith(
        f"/storyboards/{sid}/versions/1"
    )
    exported = worker.get(b, f"/storyboards/{sid}/versions/1/export/json")
    assert exported.status == 200 and b"Sam" in exported.body
    with app.app_context():
        revision = db.session.scalar(select(Revision))
        kept = db.session.scalar(select(ExportFile).where(ExportFile.revision_id == revision.id))
        assert kept is not None and blobs.get(kept.blob_sha256) == exported.body
    assert worker.get(a, f"/storyboards/{sid}/versions/1/export/json").body == exported.body

    # A link with a PIN, made on A: wrong PINs on both servers lock it on both.
    made = worker.post(a, f"/storyboards/{sid}/versions/1/links", {
        "reviewer_name": "Sarah", "reviewer_role": "Mum", "required": "yes", "days": "7",
        "pin": "2468",
    }, token)  # fmt: skip
    assert made.status == 200
    url = made.soup().find("input", id="share-url")["value"]
    assert url.startswith(PUBLIC_URL + "/r/")
    link = url.removeprefix(PUBLIC_URL)
    reviewer = Browser()
    pin_token = reviewer.form_token(b, link)
    statuses = [
        reviewer.post(server, f"{link}/pin", {"pin": "1111"}, pin_token).status
        for server in (a, b, a, b, a)
    ]
    assert statuses == [400, 400, 400, 400, 429]
    locked = reviewer.post(b, f"{link}/pin", {"pin": "2468"}, pin_token)
    assert locked.status == 429

    # Wrong links from one address count on both servers.
    wrong = "/r/" + "x" * 43
    assert [reviewer.get(s, wrong).status for s in (a, b, a)] == [404, 404, 429]
