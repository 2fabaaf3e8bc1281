"""Benchmark: 50 editors autosaving every 2 seconds for a minute, then every save checked.

A new site (SQLite with one app server, or PostgreSQL with two) gets an account, a case and
a storyboard of 10 pages per editor (`sites.seed`). Each simulated editor is a thread with
its own browser session: it signs in through the real form (argon2id, CSRF), reads its
form token from `/api/session`, then sends the editor's autosave (`PATCH /api/panels/<id>`,
the page's words and its version, X-CSRFToken) every 2 seconds, one page after another,
starting at a random moment of the first 2 seconds. With two app servers the editors are
shared between them, as a load balancer would.

Measured at the client: each save's time from sending to the last byte of the answer (p50,
p95, p99), errors (anything but 200), throughput. Afterwards the database must hold, for
every page, the words and version of the last save acknowledged, and one `edit_panel`
audit row per acknowledged save (each is written in the save's transaction): no save lost.
Target on a 2-core machine: p95 under 150 ms, no errors, no lost saves.

Run: PYTHONPATH=. .venv/bin/python bench/bench_load.py [--postgres] [--editors 50]
     [--seconds 60] [--servers N] [--workers N] [--threads N]
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from client import Browser  # noqa: E402
from servers import start_server  # noqa: E402
from sites import PASSWORD, app_for, seed, site  # noqa: E402

PAGES = 10


@dataclass
class Editor:
    """One simulated editor: their pages, and what the server acknowledged."""

    number: int
    username: str
    panels: list[int]
    base: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # panel id -> (words, version) of the last acknowledged save; and how many were.
    acked: dict[int, tuple[str, int]] = field(default_factory=dict)
    saves: int = 0
    signed_in: bool = False

    def run(self, interval: float, versions: dict[int, int]) -> None:
        """Sign in, wait for the start, then autosave one page after another every
        `interval` seconds until the window closes."""
        browser = Browser(self.base, timeout=30)
        with signing_in:  # a few at a time: each is argon2id's 64 MiB, and not what is timed
            browser.timeout = 300
            browser.sign_in(self.username, PASSWORD)
            browser.close()
            browser.timeout = 30
        self.signed_in = True
        ready.wait()
        until = WINDOW["until"]
        next_at = time.monotonic() + random.uniform(0, interval)  # noqa: S311 - spread only
        n = 0
        while True:
            pause = next_at - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            if time.monotonic() >= until:
                break
            next_at += interval
            panel = self.panels[n % len(self.panels)]
            words = f"Save {n} of editor {self.number}: {secrets.token_hex(8)}"
            n += 1
            start = time.perf_counter()
            try:
                status, body = browser.send_json(
                    "PATCH", f"/api/panels/{panel}", {"version": versions[panel], "text": words}
                )
            except OSError as error:
                self.errors.append(type(error).__name__)
                browser.close()
                continue
            self.latencies.append(time.perf_counter() - start)
            if status != 200:
                self.errors.append(f"HTTP {status} {body.get('error', '')}".strip())
                if status == 409 and "panel" in body:
                    versions[panel] = body["panel"]["version"]
                continue
            versions[panel] = body["panel"]["version"]
            self.acked[panel] = (words, versions[panel])
            self.saves += 1
        browser.close()


ready = threading.Event()  # set once every editor is signed in
signing_in = threading.Semaphore(2)
WINDOW = {"until": 0.0}  # when the editors stop, set before `ready`


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def check_saves(app, editors: list[Editor]) -> list[str]:  # noqa: ANN001 - a Flask app
    """What the database lacks of the acknowledged saves (nothing, when none was lost)."""
    from sqlalchemy import func, select

    from storyboard.services.db import db
    from storyboard.services.models import AuditEvent, Panel

    problems = []
    with app.app_context():
        ids = [p for e in editors for p in e.panels]
        rows = {
            p.id: (p.text, p.version)
            for p in db.session.scalars(select(Panel).where(Panel.id.in_(ids)))
        }
        audited = dict(
            db.session.execute(
                select(AuditEvent.object_id, func.count())
                .where(AuditEvent.action == "edit_panel", AuditEvent.object_id.in_(ids))
                .group_by(AuditEvent.object_id)
            ).all()
        )
        for editor in editors:
            for panel, saved in editor.acked.items():
                if rows.get(panel) != saved:
                    problems.append(f"page {panel}: the last acknowledged save is not there")
            expected = editor.saves
            found = sum(audited.get(p, 0) for p in editor.panels)
            if found != expected:
                problems.append(f"editor {editor.number}: {expected} saves, {found} audit rows")
        db.engine.dispose()
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL, not SQLite")
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between saves")
    parser.add_argument("--servers", type=int, help="app servers (1 on SQLite, 2 on PostgreSQL)")
    parser.add_argument("--workers", type=int, default=1, help="processes per app server")
    parser.add_argument("--threads", type=int, default=4, help="threads per process")
    options = parser.parse_args()
    kind = "postgresql" if options.postgres else "sqlite"
    servers_n = options.servers or (2 if options.postgres else 1)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp, site(kind, Path(tmp)) as s:
        app = app_for(s)
        seeded = seed(
            app, storyboards=options.editors, panels_per=PAGES, per_case=1,
            workers=options.editors, audit_per_storyboard=0,
        )  # fmt: skip
        servers = [
            start_server(
                s.url,
                s.instance,
                s.secret_key,
                workers=options.workers,
                threads=options.threads,
                log=Path(tmp) / f"server{n}.log",
            )  # fmt: skip
            for n in range(servers_n)
        ]
        try:
            # Editor n is worker n; its case n + 1 holds storyboard n + 1, pages from n*10+1.
            editors = [
                Editor(
                    n,
                    seeded.workers[n],
                    [n * PAGES + p + 1 for p in range(PAGES)],
                    servers[n % servers_n].base,
                )  # fmt: skip
                for n in range(options.editors)
            ]
            versions = {p: 1 for e in editors for p in e.panels}

            def go(editor: Editor) -> None:
                try:
                    editor.run(options.interval, versions)
                except Exception as error:  # noqa: BLE001 - reported, never hidden
                    editor.errors.append(f"{type(error).__name__}: {error}")

            # Sign everyone in first (argon2id costs 64 MiB and a moment each), then start.
            threads = []
            for editor in editors:
                thread = threading.Thread(target=go, args=(editor,), daemon=True)
                thread.start()
                threads.append(thread)
                time.sleep(0.05)
            while sum(1 for e in editors if e.signed_in or e.errors) < len(editors):
                time.sleep(0.2)
            load_before = os.getloadavg()[0]
            started = time.monotonic()
            WINDOW["until"] = started + options.seconds
            ready.set()
            for thread in threads:
                thread.join(timeout=options.seconds + 120)
            elapsed = time.monotonic() - started
            load_after = os.getloadavg()[0]
        finally:
            for server in servers:
                server.stop()
        problems = check_saves(app, editors)
    latencies = [t * 1000 for e in editors for t in e.latencies]
    errors = [x for e in editors for x in e.errors]
    saves = sum(e.saves for e in editors)
    print(
        f"\n[load, {kind}, {servers_n} app server(s) x {options.workers} processes x "
        f"{options.threads} threads] {options.editors} editors, a save every "
        f"{options.interval:g} s for {options.seconds:g} s"
    )
    print(f"load average {load_before:.2f} before, {load_after:.2f} after, {os.cpu_count()} cores")
    if latencies:
        p50, p95, p99 = (percentile(latencies, q) for q in (0.5, 0.95, 0.99))
        print(
            f"saves sent {len(latencies)}, acknowledged {saves}, {saves / elapsed:.1f} saves/s; "
            f"latency p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, max "
            f"{max(latencies):.1f} ms"
        )
    print(f"errors {len(errors)}" + (f": {sorted(set(errors))[:5]}" if errors else ""))
    print("lost saves: " + ("none" if not problems else f"{len(problems)}: {problems[:5]}"))
    if latencies:
        met = percentile(latencies, 0.95) < 150 and not errors and not problems
        print("target (p95 < 150 ms, no errors, no lost saves): " + ("met" if met else "NOT met"))


if __name__ == "__main__":
    main()
