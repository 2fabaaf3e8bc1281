"""Every route x every role, against the rules written in docs/security.md.

For each route in `app.url_map` (the test fails on one the rules do not name) and each role,
a request for a record that exists and the same request for one that does not. A role the
rules let in must get past the guard; a role they keep out must get the same answer for both,
status, body and headers, so nothing tells it whether the record exists. Every response
carries the security headers. Then CSRF: with tokens on, every state-changing request
without one is refused and changes nothing, and no GET changes anything.
"""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, url_for
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select

from storyboard import create_app
from storyboard.services.accounts import create_user
from storyboard.services.db import db
from storyboard.services.models import Case, Drawing, Person, Storyboard
from storyboard.web.security import RECORDING_PERMISSIONS, SECURITY_HEADERS
from tests.conftest import PASSWORD, app_config
from tests.fixtures.factories import add_storyboard, make_link, send
from tests.fixtures.sounds import record

RULES_FILE = Path(__file__).resolve().parents[2] / "docs" / "security.md"
ROLES = (
    "anonymous", "unassigned", "assigned", "other_manager", "team_manager", "admin",
    "reviewer_elsewhere", "family_tablet",
)  # fmt: skip
SIGNED_IN = {
    "unassigned": "una", "assigned": "ann", "other_manager": "otto", "team_manager": "meg",
    "admin": "root", "family_tablet": "ann",
}  # fmt: skip
STAFF = {"unassigned", "assigned", "other_manager", "team_manager", "family_tablet"}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
MISSING = 99999
# Headers that may differ between two answers without saying anything about the record.
VOLATILE = {"Date", "Set-Cookie", "Content-Length", "Last-Modified", "ETag", "Expires"}


def rules() -> dict[str, tuple[str, bool]]:
    """Endpoint -> (who, family) from the table in docs/security.md."""
    found = {}
    for line in RULES_FILE.read_text(encoding="utf-8").splitlines():
        row = re.match(r"^\| `([a-z_.]+)` \| ([a-z-]+) \| (family)? *\|$", line)
        if row:
            found[row.group(1)] = (row.group(2), row.group(3) == "family")
    return found


def allowed(who: str, family: bool, role: str, names_storyboard: bool) -> bool:
    """Whether the rules let `role` in (the record asked for belongs to the case)."""
    if role == "family_tablet" and (not family or names_storyboard):
        # A locked tablet: family routes only, and only for its own storyboard (not this one).
        return who == "anyone" and family
    return {
        "anyone": True,
        "signed-in": role in SIGNED_IN,
        "staff": role in STAFF,
        "admin": role == "admin",
        "case": role in ("assigned", "team_manager"),
        "case-manager": role == "team_manager",
        "manager": role in ("team_manager", "other_manager"),
    }[who]


@dataclass
class World:
    app: Flask
    database: Path
    snapshot: Path
    clients: dict[str, FlaskClient]
    existing: dict[str, object]
    missing: dict[str, object]
    locked: int

    def restore(self) -> None:
        """Put the database back as it was after setup (a request changed something)."""
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()
        for suffix in ("-wal", "-shm"):
            Path(str(self.database) + suffix).unlink(missing_ok=True)
        shutil.copyfile(self.snapshot, self.database)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#3366aa").save(buffer, "PNG")
    return buffer.getvalue()


def _signed_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/signin", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302, username
    return client


def build_world(tmp_path: Path, migrated_sqlite: Path, **settings: object) -> World:
    """Two teams, a case with every kind of record, and a client per role."""
    config = app_config(tmp_path, migrated_sqlite, **settings)
    database = tmp_path / "matrix.sqlite3"
    shutil.copyfile(migrated_sqlite, database)
    config["DATABASE_URL"] = f"sqlite:///{database}"  # its own file, restored between requests
    app = create_app(config)
    with app.app_context():
        create_user("root", "Root", PASSWORD, "admin")
        meg = create_user("meg", "Meg", PASSWORD, "manager")
        otto = create_user("otto", "Otto", PASSWORD, "manager")
        db.session.flush()
        ann = create_user("ann", "Ann", PASSWORD, "worker", meg.id)
        una = create_user("una", "Una", PASSWORD, "worker", meg.id)
        olly = create_user("olly", "Olly", PASSWORD, "worker", otto.id)
        case = Case(reference="CR-1", family_name="The Lees", workers=[ann])
        other_case = Case(reference="CR-2", family_name="The Okafors", workers=[olly])
        db.session.add_all([case, other_case])
        db.session.flush()
        person = Person(case_id=case.id, name="Grace", relationship_="Mum")
        db.session.add(person)
        story = add_storyboard(case.id)
        db.session.commit()
        db.session.expire(case)
        locked = add_storyboard(case.id, child_name="Josh")
        elsewhere = add_storyboard(other_case.id, child_name="Ada")
        db.session.commit()
        ids = {
            "case": case.id, "person": person.id, "story": story.id, "locked": locked.id,
            "elsewhere": elsewhere.id, "ann": ann.id, "una": una.id,
            "panel": story.panels[1].id,
        }  # fmt: skip
    worker = _signed_in(app, "ann")
    recorded = worker.post(
        f"/api/storyboards/{ids['story']}/panels/{ids['panel']}/recording",
        data={"audio": (io.BytesIO(record("webm", "libopus", 0.5)), "page.webm")},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    assert recorded.status_code == 201, recorded.data[:200]
    recording = recorded.get_json()["recording"]["sha256"]
    send(worker, ids["story"])
    token = make_link(worker, ids["story"])
    upload = worker.post(
        f"/api/storyboards/{ids['story']}/images",
        data={"photo": (io.BytesIO(_png()), "p.png"), "kind": "photo"},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    assert upload.status_code in (200, 201), upload.data[:200]
    image_name = upload.get_json()["src"].rpartition("/")[2]
    stroke = {"color": "#2f6fb3", "size": 10, "erase": False, "points": [[10, 10], [90, 60]]}
    drawn = worker.post(f"/api/storyboards/{ids['story']}/drawings", json={"strokes": [stroke]})
    assert drawn.status_code == 201
    reviewer = app.test_client()
    reviewer.post(f"/r/{token}/comment", data={"panel": "2", "name": "Sarah", "body": "Nice."})
    admin = _signed_in(app, "root")
    admin.post("/admin/jargon", data={"term": "TAF", "plain": "a meeting about help"})
    olly_client = _signed_in(app, "olly")
    send(olly_client, ids["elsewhere"])
    other_token = make_link(olly_client, ids["elsewhere"])
    with app.app_context():
        from storyboard.services.models import Comment, JargonTerm, ShareLink

        comment = db.session.scalar(select(Comment.id))
        term = db.session.scalar(select(JargonTerm.id))
        link = db.session.scalar(select(ShareLink.id).where(ShareLink.reviewer_name == "Sarah"))
        key = db.session.scalar(select(Drawing.key).where(Drawing.storyboard_id == ids["story"]))
        assert comment and term and link and key
    existing = {
        "case_id": ids["case"], "storyboard_id": ids["story"], "panel_id": ids["panel"],
        "person_id": ids["person"], "term_id": term, "user_id": ids["ann"], "number": 1,
        "comment_id": comment, "link_id": link, "key": key, "name": image_name,
        "token": token, "code": "1F600", "filename": "css/app.css", "sha256": recording,
    }  # fmt: skip
    missing = {
        **existing,
        **{k: MISSING for k, v in existing.items() if isinstance(v, int)},
        "key": "d" * 16, "name": "0" * 64 + ".png", "token": "x" * 43, "sha256": "0" * 64,
    }  # fmt: skip
    clients = {"anonymous": app.test_client()}
    for role, username in SIGNED_IN.items():
        clients[role] = _signed_in(app, username)
    assert clients["family_tablet"].post(f"/storyboards/{ids['locked']}/family-mode").status_code
    clients["reviewer_elsewhere"] = app.test_client()
    assert clients["reviewer_elsewhere"].get(f"/r/{other_token}").status_code == 200
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    snapshot = tmp_path / "snapshot.sqlite3"
    shutil.copyfile(database, snapshot)
    return World(app, database, snapshot, clients, existing, missing, ids["locked"])


def _url(app: Flask, rule, values: dict[str, object]) -> str:  # noqa: ANN001
    args = {name: values[name] for name in rule.arguments if name != "fmt"}
    if "fmt" in rule.arguments:
        args["fmt"] = "svg" if rule.endpoint == "pictures.scene_render" else "html"
    with app.test_request_context():
        return url_for(rule.endpoint, **args)


def _send(client: FlaskClient, method: str, url: str):  # noqa: ANN202
    if url.startswith("/api/"):
        return client.open(url, method=method, json={}, headers={"Accept": "application/json"})
    return client.open(url, method=method, data={})


def _shape(response, url: str) -> tuple:  # noqa: ANN001
    """What a client can learn from an answer, with the path it asked for taken out."""
    body = response.get_data().replace(url.encode(), b"<path>")
    quoted = url.replace("/", "%2F").encode()
    body = body.replace(quoted, b"<path>")
    # The form token is random per session, not per record.
    body = re.sub(rb'(csrf-token" content="|name="csrf_token" value=")[^"]+', rb"\1<token>", body)
    headers = sorted(
        (k, v.replace(url, "<path>")) for k, v in response.headers.items() if k not in VOLATILE
    )
    return response.status_code, body, headers


def _check_headers(response, where: str) -> None:  # noqa: ANN001
    """The headers every answer carries; pictures and the framed booklet have stricter CSPs."""
    for name, value in SECURITY_HEADERS.items():
        if name == "X-Frame-Options":  # the booklet is framed by our own reading page
            assert response.headers.get(name) in ("DENY", "SAMEORIGIN"), where
        elif name == "Permissions-Policy" and "microphone=(self)" in response.headers[name]:
            # Only the editor's page, which records pages read aloud, may use the microphone.
            assert response.headers[name] == RECORDING_PERMISSIONS, where
            assert where.endswith("GET /storyboards/<int:storyboard_id>"), where
        elif name != "Content-Security-Policy":
            assert response.headers.get(name) == value, f"{where}: {name}"
    policy = dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] in ("'self'", "'none'"), where
    assert "unsafe" not in policy.get("script-src", ""), where
    assert policy.get("object-src", "'none'") == "'none'" or policy["default-src"] == "'none'"
    assert policy["base-uri"] == "'none'", where
    assert policy["frame-ancestors"] in ("'none'", "'self'"), where
    assert "http" not in response.headers["Content-Security-Policy"], where
    if response.mimetype in ("text/html", "application/json"):
        assert "no-store" in response.headers.get("Cache-Control", ""), where


def _denied(response) -> bool:  # noqa: ANN001
    location = response.headers.get("Location", "")
    return response.status_code in (401, 403, 404) or (
        response.status_code == 302 and location.startswith("/signin?next=")
    )


def test_every_route_is_in_the_rules(tmp_path):
    app = create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "x", "TESTING": True})
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    written = rules()
    assert sorted(endpoints - written.keys()) == [], "routes missing from docs/security.md"
    assert sorted(written.keys() - endpoints) == [], "rules for routes that do not exist"


def test_every_role_gets_in_exactly_where_the_rules_say(tmp_path, migrated_sqlite):
    world = build_world(tmp_path, migrated_sqlite)
    written = rules()
    checked = 0
    problems: list[str] = []
    for rule in sorted(world.app.url_map.iter_rules(), key=lambda r: r.rule):
        who, family = written[rule.endpoint]
        names_storyboard = bool({"storyboard_id", "panel_id"} & rule.arguments)
        names_record = bool(rule.arguments - {"fmt", "filename", "code"})
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for role in ROLES:
                client = world.clients[role]
                cookie = client.get_cookie("storyboard_session")
                here = f"{role} {method} {rule.rule}"
                answers = []
                for values in (world.existing, world.missing):
                    url = _url(world.app, rule, values)
                    response = _send(client, method, url)
                    _check_headers(response, here)
                    answers.append((url, response))
                    checked += 1
                    if method in UNSAFE or rule.endpoint == "accounts.sign_out":
                        world.restore()
                    if cookie is not None:  # undo a sign-out or a family-mode lock
                        client.set_cookie("storyboard_session", cookie.value)
                (url, found), (missing_url, absent) = answers
                if allowed(who, family, role, names_storyboard):
                    if who != "anyone" and _denied(found):
                        problems.append(f"{here}: let in by the rules, got {found.status_code}")
                elif not _denied(found):
                    problems.append(f"{here}: kept out by the rules, got {found.status_code}")
                elif names_record and _shape(found, url) != _shape(absent, missing_url):
                    problems.append(f"{here}: the answer shows whether the record exists")
    assert not problems, "\n".join(problems)
    assert checked > 900


def test_the_family_tablet_uses_its_own_storyboard(tmp_path, migrated_sqlite):
    world = build_world(tmp_path, migrated_sqlite)
    tablet = world.clients["family_tablet"]
    locked = world.locked
    for path in [f"/storyboards/{locked}", f"/storyboards/{locked}/read"]:
        assert tablet.get(path).status_code == 200, path
    panels = tablet.get(f"/api/storyboards/{locked}/panels").get_json()["panels"]
    saved = tablet.patch(
        f"/api/panels/{panels[0]['id']}", json={"version": panels[0]["version"], "text": "Hi."}
    )
    assert saved.status_code == 200


# What a GET may write: records of the request itself, not changes to anything.
LOGS = {"audit_events", "sign_in_attempts", "export_files", "blobs"}
# When a reviewer opened a link, and which version (for "what changed since you last looked").
VIEW_RECORDS = {"first_viewed_at", "last_viewed_at", "seen_revision_id", "before_revision_id"}


def _fingerprint(app: Flask) -> dict[str, list]:
    """Every row of every table but the logs a request may add to (audit, sign-in tries)."""
    with app.app_context():
        rows = {}
        for table in db.metadata.sorted_tables:
            if table.name in LOGS:
                continue
            columns = [c for c in table.columns if c.name not in VIEW_RECORDS]
            rows[table.name] = [tuple(r) for r in db.session.execute(select(*columns)).all()]
        db.session.remove()
        return rows


def test_csrf_guards_every_state_change_and_no_get_changes_anything(tmp_path, migrated_sqlite):
    world = build_world(tmp_path, migrated_sqlite)
    world.app.config["WTF_CSRF_ENABLED"] = True  # as in real use, from here on
    before = _fingerprint(world.app)
    refused = 0
    for rule in world.app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for role in ("assigned", "team_manager", "admin"):
                url = _url(world.app, rule, world.existing)
                response = _send(world.clients[role], method, url)
                if method in UNSAFE and rule.endpoint != "accounts.sign_in":
                    assert response.status_code in (400, 403), f"{role} {method} {url}"
                    refused += 1
    assert _fingerprint(world.app) == before
    assert refused > 60
    # The sign-in form needs its token too (no one can be signed in by another site).
    response = world.app.test_client().post(
        "/signin", data={"username": "ann", "password": PASSWORD}
    )
    assert response.status_code == 400


def test_only_the_rules_stories_exist(tmp_path, migrated_sqlite):
    # A guard for the test itself: the records it asks for exist, so a refusal means refused.
    world = build_world(tmp_path, migrated_sqlite)
    with world.app.app_context():
        assert db.session.get(Storyboard, world.existing["storyboard_id"]) is not None
        assert db.session.get(Storyboard, MISSING) is None
