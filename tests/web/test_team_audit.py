"""The team's audit log: a manager filters every row about their team, and exports it."""

from __future__ import annotations

import csv
import io

from bs4 import BeautifulSoup

from tests.conftest import PASSWORD


def _actions(page) -> list[str]:
    soup = BeautifulSoup(page.data, "html.parser")
    return [row.find_all("td")[1].get_text() for row in soup.select(".audit-table tbody tr")]


def test_a_manager_filters_and_exports_the_teams_audit(
    app, client, auth, make_user, make_case, make_storyboard
):
    meg = make_user("meg", role="manager")
    ann = make_user("ann", manager=meg)
    otto = make_user("otto", role="manager")
    olly = make_user("olly", manager=otto)
    ours = make_case("CR-1", ann)
    theirs = make_case("CR-2", olly)
    auth.sign_in("ann")
    client.get(f"/cases/{ours}")
    auth.sign_out()
    for n in range(11):  # ann's account is paused: a lockout is a row too
        client.post(
            "/signin", data={"username": "ann", "password": "wrong password"},
            environ_base={"REMOTE_ADDR": f"10.9.0.{n}"},
        )  # fmt: skip
    auth.sign_in("olly")
    client.get(f"/cases/{theirs}")
    auth.sign_out()

    auth.sign_in("meg")
    page = client.get("/audit")
    assert page.status_code == 200
    actions = _actions(page)
    assert "view case" in actions and "sign in failed" in actions and "sign in paused" in actions
    assert "CR-2" not in page.get_data(as_text=True)  # another team's case is not listed
    soup = BeautifulSoup(page.data, "html.parser")
    assert [o.get_text() for o in soup.select("#case option")][1:] == ["CR-1 · The Test family"]
    only_views = client.get("/audit?action=view_case")
    assert set(_actions(only_views)) == {"view case"}
    assert len(_actions(only_views)) == 1  # ann's view, not olly's
    exported = client.get("/audit.csv?action=sign_in_failed")
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    assert rows[0][0] == "when (UTC)" and {r[1] for r in rows[1:]} == {"sign_in_failed"}
    assert len(rows) == 1 + 10
    nothing = client.get("/audit?since=2001-01-01&until=2001-01-02")
    assert _actions(nothing) == []
    assert client.get("/audit?since=not-a-date").status_code == 200  # ignored, not a crash


def test_workers_and_admins_have_no_team_audit(client, auth, make_user):
    make_user("ann")
    make_user("root", role="admin")
    for name in ("ann", "root"):
        auth.sign_in(name)
        assert client.get("/audit").status_code == 403
        assert client.get("/audit.csv").status_code == 403
        auth.sign_out()
    assert PASSWORD
