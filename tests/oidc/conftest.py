"""A real OpenID provider for the single sign-on tests, and an app set up to use it.

The provider is the certified `oidc-provider` package for Node.js, installed from the lock
file beside this one (`npm ci --prefix tests/oidc`), started once per test run on a free port
of 127.0.0.1 by `provider.mjs`. Without Node.js the tests are skipped on a developer's
machine and fail in CI; without the installed package they fail with the command to run.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from storyboard import create_app
from storyboard.services.db import db
from tests.conftest import TEST_DATABASE_URL, _empty_all_tables, app_config

HERE = Path(__file__).resolve().parent
APP_URL = "http://localhost"
CALLBACK = f"{APP_URL}/signin/sso/callback"
CLIENT_ID, CLIENT_SECRET = "storyboard", "storyboard-test-secret"
OTHER_ID, OTHER_SECRET = "another-council-app", "another-test-secret"
GROUPS = {"g-workers": "worker", "g-managers": "manager", "g-admins": "admin"}
# People at the provider, by login (their subject): Ann and her namesake share an email.
USERS = {
    "sub-ann": {"name": "Ann Lee", "preferred_username": "ann@council.example",
                "email": "ann@council.example", "groups": ["g-workers"]},
    "sub-ann-twin": {"name": "Ann Lee", "preferred_username": "ann@council.example",
                     "email": "ann@council.example", "groups": ["g-workers"]},
    "sub-meg": {"name": "Meg Manager", "preferred_username": "meg@council.example",
                "email": "meg@council.example", "groups": ["g-workers", "g-managers"]},
    "sub-root": {"name": "Ada Admin", "preferred_username": "ada@council.example",
                 "email": "ada@council.example", "groups": ["g-admins"]},
    "sub-finance": {"name": "Fin Ance", "preferred_username": "fin@council.example",
                    "email": "fin@council.example", "groups": ["g-finance"]},
}  # fmt: skip


@dataclass(frozen=True)
class Provider:
    """The running provider."""

    issuer: str

    def settings(self) -> dict[str, object]:
        """The app's settings for this provider."""
        return {
            "OIDC_ISSUER": self.issuer,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_PROVIDER_NAME": "Test Council",
            "OIDC_GROUP_ROLES": GROUPS,
            "PUBLIC_URL": APP_URL,
        }


def _setup() -> str:
    client = {"redirect_uris": [CALLBACK], "grant_types": ["authorization_code"]}
    clients = [
        {**client, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
        {**client, "client_id": OTHER_ID, "client_secret": OTHER_SECRET},
    ]
    return json.dumps({"clients": clients, "users": USERS})


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    """Start the provider once for the run; it stops when its standard input closes."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js is missing: CI must run the single sign-on tests (.ci/run)")
        pytest.skip("Node.js is not installed: the single sign-on tests need it (see README)")
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("The test provider is not installed: run npm ci --prefix tests/oidc")
    log = (tmp_path_factory.mktemp("oidc") / "provider.log").open("w")
    process = subprocess.Popen(
        [node, "provider.mjs"],
        cwd=HERE,
        env={**os.environ, "OIDC_TEST_SETUP": _setup()},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 20)
        line = process.stdout.readline() if ready else ""
        if not line:
            pytest.fail(f"The test provider did not start; see {log.name}")
        yield Provider(json.loads(line)["issuer"])
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def app(tmp_path: Path, migrated_sqlite: Path, oidc_provider: Provider) -> Iterator[Flask]:
    """The app on its own migrated database, with single sign-on at the test provider."""
    app = create_app(app_config(tmp_path, migrated_sqlite, **oidc_provider.settings()))
    yield app
    with app.app_context():
        if TEST_DATABASE_URL:
            _empty_all_tables()
        db.engine.dispose()


def _submit_form(browser: requests.Session, url: str, html: str, login: str):  # noqa: ANN202
    """Fill and send the provider's page: its sign-in form (login, any password) or consent."""
    form = BeautifulSoup(html, "html.parser").find("form")
    assert form is not None, "the provider showed a page with no form"
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    if "login" in data:
        data.update(login=login, password="anything")
    return browser.post(urljoin(url, form["action"]), data=data, allow_redirects=False)


def through_provider(url: str, login: str, browser: requests.Session | None = None) -> str:
    """Follow the provider's pages from `url` as `login`; the address it sends back to us."""
    browser = browser or requests.Session()
    response = browser.get(url, allow_redirects=False, timeout=10)
    for _ in range(12):
        if response.is_redirect:
            url = urljoin(url, response.headers["Location"])
            if url.startswith(APP_URL + "/"):
                return url
            response = browser.get(url, allow_redirects=False, timeout=10)
        else:
            assert response.status_code == 200, response.text[:300]
            response = _submit_form(browser, url, response.text, login)
    raise AssertionError("the provider never sent the browser back")


def start(client: FlaskClient, path: str = "/signin/sso", method: str = "GET") -> str:
    """Ask the app to sign in; the provider's address it sends the browser to."""
    response = client.open(path, method=method)
    assert response.status_code == 302, response.status_code
    location = response.headers["Location"]
    assert location.startswith("http://127.0.0.1:"), location
    return location


def sso_sign_in(client: FlaskClient, login: str, path: str = "/signin/sso", method: str = "GET"):  # noqa: ANN201
    """A whole sign-in: the app, the provider's pages, and back; the app's last answer."""
    back = through_provider(start(client, path, method), login)
    return client.get(back)


def query(url: str) -> dict[str, str]:
    """The query string of `url`, one value per name."""
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
