"""Share links and QR codes use the configured PUBLIC_URL, never the request's Host header."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from storyboard import create_app
from tests.conftest import app_config
from tests.fixtures.factories import send


def _make_link(client, sid: int, host: str) -> BeautifulSoup:
    send(client, sid)
    # The same browser session, arriving under another host name.
    cookie = client.get_cookie("storyboard_session")
    client.set_cookie("storyboard_session", cookie.value, domain=host)
    data = {"reviewer_name": "Sarah", "reviewer_role": "Mum", "required": "yes", "days": "7"}
    response = client.post(
        f"/storyboards/{sid}/versions/1/links", data=data, base_url=f"http://{host}"
    )
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


def test_a_share_link_uses_public_url_whatever_host_the_request_named(
    tmp_path, migrated_sqlite, monkeypatch
):
    from storyboard.web.review import links

    config = app_config(tmp_path, migrated_sqlite, PUBLIC_URL="https://stories.example.gov.uk/")
    app = create_app(config)
    client = app.test_client()
    from storyboard.services.db import db
    from tests.conftest import PASSWORD
    from tests.fixtures.factories import worker_with_story

    sid = worker_with_story(app)
    client.post("/signin", data={"username": "ann", "password": PASSWORD})
    encoded: list[str] = []
    real_qr = links.qr_data_url
    monkeypatch.setattr(links, "qr_data_url", lambda text: encoded.append(text) or real_qr(text))
    soup = _make_link(client, sid, "evil.example.net")
    url = soup.find("input", id="share-url")["value"]
    assert url.startswith("https://stories.example.gov.uk/r/")
    assert encoded == [url]  # the QR code carries the same link
    assert soup.select_one("#unreachable-link") is None
    with app.app_context():
        db.engine.dispose()


def test_without_public_url_the_link_page_says_a_phone_cannot_open_it(client, review):
    soup = _make_link(client, review["storyboard"], "evil.example.net")
    url = soup.find("input", id="share-url")["value"]
    assert "evil.example.net" not in url
    assert url.startswith("http://localhost/r/")
    warning = soup.select_one("#unreachable-link").get_text(" ", strip=True)
    assert "a phone cannot open" in warning.lower()
    assert "STORYBOARD_PUBLIC_URL" in warning


@pytest.mark.parametrize(
    "value",
    ["stories.example.gov.uk", "https://x.example/some/path", "ftp://x.example", "https://"],
)
def test_a_public_url_that_is_not_an_address_stops_the_app_with_a_message(
    tmp_path, migrated_sqlite, value
):
    with pytest.raises(ValueError, match="PUBLIC_URL"):
        create_app(app_config(tmp_path, migrated_sqlite, PUBLIC_URL=value))
