"""Family mode survives an idle sign-out and the sign-in that follows: the tablet stays locked."""

from __future__ import annotations

import time


def _go_idle(client) -> None:
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 31 * 60


def test_signing_in_again_after_idle_keeps_the_tablet_locked(
    client, auth, make_user, make_case, make_storyboard
):
    alex = make_user("alex")
    case_id = make_case("CR-1", alex)
    locked = make_storyboard(case_id)
    other = make_storyboard(case_id, child_name="Josh")
    auth.sign_in("alex")
    assert client.post(f"/storyboards/{locked}/family-mode").status_code == 302
    _go_idle(client)
    assert client.get(f"/storyboards/{locked}").status_code == 302  # signed out
    # The editor's "sign in again" box posts the sign-in form.
    response = auth.sign_in("alex")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/storyboards/{locked}"
    assert client.get(f"/storyboards/{locked}").status_code == 200
    for path in ["/", f"/cases/{case_id}", f"/storyboards/{other}", "/cases/new"]:
        page = client.get(path)
        assert page.status_code == 403, path
        assert "family mode" in page.get_data(as_text=True).lower()


def test_only_the_workers_password_unlocks_it_afterwards(
    client, auth, make_user, make_case, make_storyboard
):
    alex = make_user("alex")
    locked = make_storyboard(make_case("CR-1", alex))
    auth.sign_in("alex")
    client.post(f"/storyboards/{locked}/family-mode")
    _go_idle(client)
    client.get("/")
    auth.sign_in("alex")
    from tests.conftest import PASSWORD

    client.post(f"/storyboards/{locked}/family-mode/leave", data={"password": PASSWORD})
    assert client.get("/").status_code == 200
