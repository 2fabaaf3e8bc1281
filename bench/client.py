"""A signed-in browser for the benchmarks: one kept-alive connection, the session cookie, and
the form token, speaking to the app as the editor's scripts do (JSON with X-CSRFToken)."""

from __future__ import annotations

import http.client
import json
import re
import secrets
import time
import urllib.parse
from http.cookies import SimpleCookie

_TOKEN = re.compile(rb'name="csrf-token" content="([^"]+)"|name="csrf_token"[^>]*value="([^"]+)"')


class Browser:
    """One person's browser on one app server."""

    def __init__(self, base: str, timeout: float = 30) -> None:
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self._conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        """Close the connection (the next request opens another)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, bytes]:
        """Send one request on the kept-alive connection; return the status and body."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method not in ("GET", "HEAD") and self.csrf:
            headers["X-CSRFToken"] = self.csrf
        for attempt in (1, 2):
            reused = self._conn is not None
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A kept-alive connection the server had closed while idle: open another,
                # once, as browsers do. A new connection's failure is the caller's to see.
                self.close()
                if attempt == 2 or not reused:
                    raise
                continue
            for value in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(value)
                for name, morsel in cookie.items():
                    self.cookies[name] = morsel.value
            if response.headers.get("Connection", "").lower() == "close":
                self.close()
            return response.status, data
        raise AssertionError("unreachable")

    def get(self, path: str) -> tuple[int, bytes]:
        """GET a page."""
        return self.request("GET", path, headers={"Accept": "text/html"})

    def timed_get(self, path: str) -> tuple[float, int, bytes]:
        """GET a page: seconds from sending to the last byte, status, body."""
        start = time.perf_counter()
        status, body = self.get(path)
        return time.perf_counter() - start, status, body

    def send_json(self, method: str, path: str, data: dict) -> tuple[int, dict]:
        """Send JSON as the editor's scripts do; return the status and the JSON answer."""
        status, body = self.request(
            method,
            path,
            None if method == "GET" else json.dumps(data).encode(),
            {"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            return status, json.loads(body)
        except ValueError:
            return status, {}

    def upload(self, path: str, field: str, filename: str, data: bytes) -> tuple[int, dict]:
        """Send a file as a form does (multipart), with the form token; the JSON answer."""
        boundary = "bench" + secrets.token_hex(12)
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        status, answer = self.request(
            "POST",
            path,
            body,
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Accept": "application/json",
            },
        )
        try:
            return status, json.loads(answer)
        except ValueError:
            return status, {}

    def sign_in(self, username: str, password: str) -> None:
        """Sign in through the real form (its CSRF token), then keep the page's token."""
        _, page = self.get("/signin")
        match = _TOKEN.search(page)
        if match is None:
            raise RuntimeError("no form token on the sign-in page")
        token = (match.group(1) or match.group(2)).decode()
        form = urllib.parse.urlencode(
            {"csrf_token": token, "username": username, "password": password}
        ).encode()
        status, _ = self.request(
            "POST", "/signin", form, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302:
            raise RuntimeError(f"sign-in answered {status}")
        status, session = self.send_json("GET", "/api/session", {})
        if not session.get("signed_in"):
            raise RuntimeError("not signed in after the sign-in form")
        self.csrf = session["csrf_token"]
