"""The service worker script: served from the site root, never held by HTTP caches, allowed in
family mode; the editor page loads the script that registers it; the worker keeps only the
editor page and static files."""

from __future__ import annotations

import base64
import re
import time

from storyboard.core.paths import STATIC_DIR


def test_service_worker_is_served_from_the_root(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert "Content-Security-Policy" in response.headers
    assert response.get_data(as_text=True) == (STATIC_DIR / "js" / "sw.js").read_text()


def test_editor_page_loads_the_offline_script(client, auth, make_user, make_case, make_storyboard):
    user = make_user("alex")
    sb_id = make_storyboard(make_case("CR-1", user))
    auth.sign_in("alex")
    html = client.get(f"/storyboards/{sb_id}").get_data(as_text=True)
    tag = re.search(r'<script src="/static/js/offline\.js"[^>]*>', html).group(0)
    assert 'type="module"' in tag and f'data-user="{user}"' in tag
    assert 'data-sw="/sw.js"' in tag and 'data-signout="/signout"' in tag
    # Loaded before the editor's own scripts, which read the panel versions it may correct.
    assert html.index("js/offline.js") < html.index("js/editor/main.js")


def test_signed_out_pages_name_no_user(client):
    html = client.get("/signin").get_data(as_text=True)
    assert 'data-user=""' in html


def test_family_mode_may_fetch_the_worker(client, auth, make_user, make_case, make_storyboard):
    user = make_user("alex")
    sb_id = make_storyboard(make_case("CR-1", user))
    auth.sign_in("alex")
    client.post(f"/storyboards/{sb_id}/family-mode")
    assert client.get("/").status_code == 403
    assert client.get("/sw.js").status_code == 200


def test_worker_keeps_only_the_editor_page_and_static_files():
    source = (STATIC_DIR / "js" / "sw.js").read_text()
    page = re.search(r"var EDITOR_PAGE = /(.+)/;", source).group(1)
    asset = re.search(r"var ASSET = /(.+)/;", source).group(1)
    kept = re.compile(page.replace(r"\/", "/"))
    files = re.compile(asset.replace(r"\/", "/"))
    assert kept.match("/storyboards/12")
    assert files.match("/static/css/editor.css") and files.match("/static/js/offline.js")
    assert files.match("/static/js/editor/main.js") and files.match("/static/js/lib/http.js")
    assert files.match("/static/illustrations/mum-happy.svg")
    assert files.match("/static/fonts/Andika-Regular.ttf")
    for path in [
        "/signin",
        "/api/session",
        "/api/storyboards/12/panels",
        "/storyboards/12/preview",
        "/storyboards/12/export/pdf",
        "/storyboards/12/images/abc.jpg",
        "/storyboards/12/drawings/abc.svg",
        "/static/illustrations/catalogue.json",
        "/cases/3",
    ]:
        assert not kept.match(path) and not files.match(path), path


def test_the_offline_key_is_only_for_its_account_and_changes_when_sessions_end(
    app, client, auth, make_user
):
    assert "offline_key" not in client.get("/api/session").get_json()
    make_user("alex")
    make_user("bea")
    auth.sign_in("alex")
    first = client.get("/api/session").get_json()
    assert first["signed_in"] and len(base64.b64decode(first["offline_key"])) == 32
    # An idle sign-out and the next sign-in keep the key: the same person reads the words.
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 31 * 60
    client.get("/")
    auth.sign_in("alex")
    assert client.get("/api/session").get_json()["offline_key"] == first["offline_key"]
    # Signing out on purpose ends every session, and the key with it.
    auth.sign_out()
    auth.sign_in("alex")
    again = client.get("/api/session").get_json()["offline_key"]
    assert again != first["offline_key"]
    auth.sign_out()
    auth.sign_in("bea")
    assert client.get("/api/session").get_json()["offline_key"] not in (again, first["offline_key"])


def test_a_tablet_whose_sessions_were_ended_is_told_to_forget(app, client, auth, make_user):
    alex = make_user("alex")
    auth.sign_in("alex")
    with app.app_context():
        from storyboard.core.passwords import new_token
        from storyboard.services.db import db
        from storyboard.services.models import User

        db.session.get(User, alex).session_token = new_token(16)  # "End every session"
        db.session.commit()
    saved = client.patch(
        "/api/panels/1", json={"version": 1}, headers={"Accept": "application/json"}
    )
    assert saved.status_code == 401 and saved.get_json()["forget"] is True
    auth.sign_in("alex")
    client.get("/")
    # An idle sign-out is not an ending on purpose: nothing to forget.
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 31 * 60
    idle = client.patch(
        "/api/panels/1", json={"version": 1}, headers={"Accept": "application/json"}
    )
    assert idle.status_code == 401 and idle.get_json()["forget"] is False


def test_the_sign_in_page_after_sessions_ended_tells_the_tablet_to_forget(
    app, client, auth, make_user
):
    alex = make_user("alex")
    auth.sign_in("alex")
    with app.app_context():
        from storyboard.core.passwords import new_token
        from storyboard.services.db import db
        from storyboard.services.models import User

        db.session.get(User, alex).session_token = new_token(16)
        db.session.commit()
    response = client.get("/")
    assert "ended=1" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-forget-words="yes"' in page
    assert "data-forget-words" not in client.get("/signin").get_data(as_text=True)
