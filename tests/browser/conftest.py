"""Browser tests: the app on a live local server, Debian's Chromium through Playwright,
tablet viewports with touch, and an accessibility check (axe-core) of every page visited.

These tests fail, never skip, when Chromium is missing: CI installs it (see .ci/run).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright
from werkzeug.serving import make_server

from storyboard import create_app
from tests.conftest import app_config

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {
    "portrait": {"width": 768, "height": 1024},
    "landscape": {"width": 1024, "height": 768},
}
# Not in every test: a test that is also about phones asks for this by its own `viewport_name`.
PHONE = {"phone": {"width": 390, "height": 844}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
_axe = Axe()


class LiveServer:
    """The app served on a free local port in a background thread."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        # As `storyboard run` does: links handed out carry the address being served.
        app.config["PUBLIC_URL"] = self.url
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._thread.join(timeout=5)


@pytest.fixture
def live_app(tmp_path: Path, migrated_sqlite: Path) -> Flask:
    """The app on its own migrated database, with CSRF on as in real use."""
    return create_app(app_config(tmp_path, migrated_sqlite, WTF_CSRF_ENABLED=True))


@pytest.fixture
def live_server(live_app: Flask) -> Iterator[LiveServer]:
    """The app served on localhost."""
    server = LiveServer(live_app)
    yield server
    server.stop()
    with live_app.app_context():
        from storyboard.services.db import db

        db.engine.dispose()


@pytest.fixture(scope="session")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport_name(request: pytest.FixtureRequest) -> str:
    """Each browser test runs on a tablet in portrait and in landscape."""
    return request.param


class AuditedPage:
    """Tracks the pages a test loads; each must pass axe with no serious or critical issue,
    and no script on them may fail (an uncaught error, or the CSP refusing a script)."""

    opened: ClassVar[list[AuditedPage]] = []

    def __init__(self, page: Page, name: str) -> None:
        self.page = page
        self.name = name
        self.loaded: list[str] = []
        self.audited: set[str] = set()
        self.shots = 0
        self.script_errors: list[str] = []
        page.on("load", lambda p: self.loaded.append(p.url))
        page.on("pageerror", lambda error: self.script_errors.append(f"{page.url}: {error}"))
        page.on("console", self._console)
        AuditedPage.opened.append(self)

    def _console(self, message: ConsoleMessage) -> None:
        # Only the script rules: a framed preview refused by frame-ancestors is not a script error.
        if message.type == "error" and "script-src" in message.text:
            self.script_errors.append(f"{self.page.url}: {message.text}")

    def check(self, label: str) -> None:
        """Run axe on the current page and keep a screenshot to look at."""
        self.page.wait_for_load_state("load")
        results = _axe.run(self.page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(n["target"]) for n in v["nodes"][:3])
            for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")
        ]
        assert not bad, f"accessibility problems on {label}: " + "; ".join(bad)
        self.audited.add(self.page.url)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        self.page.screenshot(path=SCREENSHOTS / f"{self.name}-{self.shots:02d}-{label}.png")

    def unaudited(self) -> list[str]:
        """Pages that were loaded but never checked."""
        return [url for url in self.loaded if url not in self.audited]


@pytest.fixture
def tablet(
    chromium: Browser, viewport_name: str, request: pytest.FixtureRequest
) -> Iterator[AuditedPage]:
    """A touch tablet page (a phone's where the test's `viewport_name` asks for one); the test
    fails if it leaves a visited page unchecked by axe, or if a script fails on any page the
    test opened."""
    AuditedPage.opened = []
    context = chromium.new_context(
        viewport={**VIEWPORTS, **PHONE}[viewport_name], has_touch=True, device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    audited = AuditedPage(page, f"{request.node.originalname}-{viewport_name}")
    yield audited
    context.close()
    missed = audited.unaudited()
    assert not missed, f"pages visited without an accessibility check: {missed}"
    failed = [error for opened in AuditedPage.opened for error in opened.script_errors]
    assert not failed, "script errors in the browser: " + "; ".join(failed)


def sign_in_at(tablet: AuditedPage, url: str, username: str, password: str) -> None:
    """Sign in through the real form of the app served at `url`, with a finger."""
    page = tablet.page
    page.goto(url + "/signin")
    tablet.check("sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").tap()


@pytest.fixture
def sign_in(live_server: LiveServer) -> Callable[[AuditedPage, str, str], None]:
    """Sign in through the real form."""

    def do(tablet: AuditedPage, username: str, password: str) -> None:
        sign_in_at(tablet, live_server.url, username, password)

    return do
