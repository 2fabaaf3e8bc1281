"""Pages answer pages to any client that does not ask for JSON first; scripts asking get JSON."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("accept", ["*/*", "", "text/html", "text/html, application/json"])
def test_a_page_answers_a_redirect_to_sign_in_unless_json_is_preferred(client, accept):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/signin")


@pytest.mark.parametrize("accept", ["*/*", "text/html,*/*;q=0.8"])
def test_a_missing_page_is_a_page_for_curl_and_browsers(client, accept):
    response = client.get("/no-such-page", headers={"Accept": accept})
    assert response.status_code == 404
    assert response.mimetype == "text/html"


@pytest.mark.parametrize("accept", ["application/json", "application/json, */*;q=0.1"])
def test_scripts_that_prefer_json_get_json(client, accept):
    response = client.get("/api/storyboards/1/panels", headers={"Accept": accept})
    assert response.status_code == 401
    assert response.get_json()["error"] == "signed_out"
    missing = client.get("/no-such-page", headers={"Accept": accept})
    assert missing.status_code == 404 and missing.is_json
