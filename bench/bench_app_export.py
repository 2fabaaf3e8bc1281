"""Benchmark: the app's exports of a 12-page booklet, timed at an HTTP client of a real server.

A temporary instance (SQLite) holds copies of sam-12.json, each with its pictures moved by a
hair (a fraction of a pixel in print), so no copy's scenes were ever drawn before, and one
frozen version. `storyboard run` serves it as it would serve a worker; this process signs in
through the real form and, after one export of a spare copy in every format (the server warm:
every renderer imported, fonts loaded), measures:

1. first exports: in each round, each format (the order rotated round by round) of a copy
   never exported, from sending the request to its last byte. Target: under 1 s each.
2. kept version exports: the version exported in each format once (drawn, then kept in the
   database), then `repeat` times more, each checked byte for byte against the first.
   Target: under 100 ms.

Nothing the story says is printed. It waits for a quiet machine like bench_formats.py does,
and prints the loads it measured at.

Run: .venv/bin/python bench/bench_app_export.py [--repeat N] [--max-load L]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench_formats import FIXTURE, QUIET, ROOT, STORYBOARD, wait_for_quiet

FORMATS = ("html", "docx", "pdf", "png")
PASSWORD = "a bench password, long enough"  # noqa: S105 - a throwaway instance


def nudged(doc: dict, copy: int) -> dict:
    """The fixture with every picture moved right by `copy` ten-thousandths of the scene."""
    doc = json.loads(json.dumps(doc).replace("library:house", "library:home"))
    for panel in doc["panels"]:
        for picture in panel.get("pictures", []):
            picture["x"] = round(float(picture.get("x", 0)) + copy / 10000, 6)
    return doc


def make_instance(folder: Path, copies: int) -> tuple[dict[str, str], list[int], int]:
    """Migrate a new instance, add a worker, a case, the copies and a version of the last one.

    Returns the server's environment, the copies' storyboard ids and the versioned one's id.
    """
    env = {**os.environ, "STORYBOARD_INSTANCE_PATH": str(folder / "instance")}
    env.pop("STORYBOARD_DATABASE_URL", None)
    subprocess.run([STORYBOARD, "db", "upgrade"], env=env, check=True, capture_output=True)
    os.environ["STORYBOARD_INSTANCE_PATH"] = env["STORYBOARD_INSTANCE_PATH"]
    sys.path.insert(0, str(ROOT))
    from storyboard import create_app
    from storyboard.services.accounts import create_user
    from storyboard.services.db import db
    from storyboard.services.models import Case
    from storyboard.services.storydoc import import_storyfile
    from storyboard.services.versions import freeze
    from storyboard.story.storyfile import loads

    app = create_app()
    source = json.loads(FIXTURE.read_text(encoding="utf-8"))
    with app.app_context():
        worker = create_user("bench", "Bench Worker", PASSWORD, "worker")
        case = Case(reference="BENCH-1", family_name="The Bench family", workers=[worker])
        db.session.add(case)
        db.session.flush()
        ids = []
        for copy in range(copies + 1):
            data = json.dumps(nudged(source, copy)).encode()
            storyboard = import_storyfile(case, loads(data), worker)
            db.session.flush()
            ids.append(storyboard.id)
        versioned = ids.pop()
        freeze(db.session.get(type(storyboard), versioned), worker, "bench")
        db.session.commit()
        db.engine.dispose()
    return env, ids, versioned


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """A signed-in browser: cookies, the sign-in form's CSRF token, and a timed GET."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[float, bytes]:
        start = time.perf_counter()
        with self.opener.open(self.base + path, timeout=120) as response:
            body = response.read()
            if response.status != 200:
                raise SystemExit(f"GET {path.split('?')[0]}: HTTP {response.status}")
        return time.perf_counter() - start, body

    def sign_in(self) -> None:
        _, page = self.get("/signin")
        token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page).group(1).decode()
        form = urllib.parse.urlencode(
            {"csrf_token": token, "username": "bench", "password": PASSWORD}
        ).encode()
        with self.opener.open(self.base + "/signin", data=form, timeout=60) as response:
            response.read()
        _, home = self.get("/")
        if b"signout" not in home:
            raise SystemExit("could not sign in")


def serve(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [STORYBOARD, "run", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/signin", timeout=5):  # noqa: S310 - ours
                return server, base
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def export_path(storyboard_id: int, fmt: str, version: int | None = None) -> str:
    where = f"/versions/{version}" if version else ""
    return f"/storyboards/{storyboard_id}{where}/export/{fmt}?checked=yes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds (median)")
    parser.add_argument("--max-load", type=float, default=1.0, help="wait for this load first")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-app-") as tmp:
        copies = 1 + options.repeat * len(FORMATS)
        env, ids, versioned = make_instance(Path(tmp), copies)
        server, base = serve(env)
        try:
            client = Client(base)
            client.sign_in()
            spare, fresh = ids[0], iter(ids[1:])
            for fmt in FORMATS:  # the server warm: every renderer imported
                client.get(export_path(spare, fmt))
            load = wait_for_quiet(options.max_load)
            print(f"\n[app exports] load average {load:.2f} on {os.cpu_count()} cores", flush=True)
            QUIET.restart()
            first: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
            sizes: dict[str, int] = {}
            for n in range(options.repeat):
                QUIET()
                for fmt in FORMATS[n % 4 :] + FORMATS[: n % 4]:
                    seconds, body = client.get(export_path(next(fresh), fmt))
                    first[fmt].append(seconds)
                    sizes[fmt] = len(body)
            kept: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
            drawn: dict[str, float] = {}
            for fmt in FORMATS:
                drawn[fmt], original = client.get(export_path(versioned, fmt, 1))
                for _ in range(options.repeat):
                    seconds, again = client.get(export_path(versioned, fmt, 1))
                    if again != original:
                        raise SystemExit(f"the kept {fmt} export differs from the first")
                    kept[fmt].append(seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\n1. first export of a 12-page booklet, at the client, median of {options.repeat}")
    print(f"{'format':<7} {'median s':>8} {'min s':>6} {'max s':>6} {'KB':>6}  target < 1 s")
    for fmt in FORMATS:
        runs = first[fmt]
        median = statistics.median(runs)
        verdict = "met" if median < 1 else "NOT met"
        print(
            f"{fmt:<7} {median:>8.2f} {min(runs):>6.2f} {max(runs):>6.2f}"
            f" {sizes[fmt] // 1024:>6}  {verdict}"
        )
    print(f"\n2. a version's kept export, served again, median of {options.repeat}")
    print(f"{'format':<7} {'first s':>8} {'kept ms':>8} {'max ms':>7}  target < 100 ms")
    for fmt in FORMATS:
        median = statistics.median(kept[fmt]) * 1000
        verdict = "met" if median < 100 else "NOT met"
        print(
            f"{fmt:<7} {drawn[fmt]:>8.2f} {median:>8.1f} {max(kept[fmt]) * 1000:>7.1f}  {verdict}"
        )
    print(QUIET.report())
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
