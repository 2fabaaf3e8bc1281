"""Benchmark: the pages a council opens most, on a site of 10,000 storyboards.

A new site (SQLite, or PostgreSQL with --postgres) is seeded with bulk inserts
(`sites.seed`: 100 workers in teams of 8 under 13 managers, 2,500 cases with their people,
10,000 storyboards of 10 pages, 5,000 versions and more with their links, decisions and
comments, and 500,000 audit rows), then served by one app server. Signed in through the real
form, a worker and the busiest team's manager open each page several times after two warm-up
requests; the time is from sending the request to the last byte.

Pages: the dashboard (a worker's 25 cases; the manager's team, 200 cases), a case page,
search (`/search`: a word in every case of the caseload, a child's name, a case reference),
the picture picker's search (which reads no table: what any request costs at that moment), a
storyboard's editor, the team's audit page (the newest entries, filtered by an action, by a
case, and the older entries its link opens) and a storyboard's audit trail.
Target: every page under 200 ms. Nothing the stories say is printed.

Run: PYTHONPATH=. .venv/bin/python bench/bench_size.py [--postgres] [--repeat N]
"""

from __future__ import annotations

import argparse
import html
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from client import Browser  # noqa: E402
from servers import start_server  # noqa: E402
from sites import PASSWORD, app_for, seed, site  # noqa: E402

TARGET_MS = 200


def pages(seeded) -> list[tuple[str, str, str]]:  # noqa: ANN001
    """(who, label, path) for each page timed."""
    owner = seeded.workers[(seeded.a_case - 1) % len(seeded.workers)]
    c = seeded.a_case - 1  # the seed's case number: reference CR-{100000 + c}, "Child {c}"
    return [
        ("worker", "dashboard, a worker (25 cases)", "/"),
        ("manager", "dashboard, a manager (team of 8)", "/"),
        ("worker", "a case page", f"/cases/{seeded.a_case}"),
        ("worker", "search, a worker: 'mum' (25 cases)", "/search?q=mum"),
        ("worker", "search, a worker: a child's name", f"/search?q=child+{c}"),
        ("manager", "search, a manager: 'mum' (200 cases)", "/search?q=mum"),
        ("manager", "search, a manager: a reference", f"/search?q=CR-{100000 + c}"),
        ("worker", "picture picker search (no table)", "/api/pictures?q=house"),
        ("worker", "a storyboard's editor", f"/storyboards/{seeded.a_storyboard}"),
        ("manager", "team audit page", "/audit"),
        ("manager", "team audit, one action", "/audit?action=export"),
        ("manager", "team audit, one case", f"/audit?case={seeded.a_case}"),
        ("manager", "team audit, older entries", "NEXT /audit"),
        ("manager", "a storyboard's audit trail", f"/storyboards/{seeded.a_storyboard}/audit"),
    ], owner


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL, not SQLite")
    parser.add_argument("--repeat", type=int, default=50, help="timed requests per page")
    parser.add_argument("--storyboards", type=int, default=10_000)
    options = parser.parse_args()
    kind = "postgresql" if options.postgres else "sqlite"
    with tempfile.TemporaryDirectory(prefix="bench-size-") as tmp, site(kind, Path(tmp)) as s:
        began = time.perf_counter()
        seeded = seed(app_for(s), storyboards=options.storyboards)
        seeding = time.perf_counter() - began
        print(
            f"[size, {kind}] seeded {seeded.storyboards} storyboards, {seeded.panels} pages, "
            f"{seeded.audit_rows} audit rows in {seeding:.1f} s",
            flush=True,
        )
        server = start_server(s.url, s.instance, s.secret_key, workers=1, threads=1)
        try:
            listed, owner = pages(seeded)
            manager = seeded.managers[(seeded.workers.index(owner)) // 8]
            people = {"worker": Browser(server.base), "manager": Browser(server.base)}
            people["worker"].sign_in(owner, PASSWORD)
            people["manager"].sign_in(manager, PASSWORD)
            print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
            print(f"\n{'page':<40} {'median ms':>9} {'p95 ms':>7} {'KB':>5}  target < 200 ms")
            worst = 0.0
            for who, label, path in listed:
                browser = people[who]
                if path.startswith("NEXT "):  # the page the first one's "Older entries" opens
                    _, _, page = browser.timed_get(path.split(" ", 1)[1])
                    found = re.search(rb'rel="next" href="([^"]+)"', page)
                    path = html.unescape(found.group(1).decode()) if found else path[5:]
                for _ in range(2):
                    browser.timed_get(path)
                times, size = [], 0
                for _ in range(options.repeat):
                    seconds, status, body = browser.timed_get(path)
                    if status != 200:
                        raise SystemExit(f"{label}: HTTP {status}")
                    if path.startswith("/search?") and b"case-card" not in body:
                        raise SystemExit(f"{label}: found nothing")  # would time too little
                    times.append(seconds * 1000)
                    size = len(body)
                median, p95 = statistics.median(times), percentile(times, 0.95)
                worst = max(worst, p95)
                verdict = "met" if p95 < TARGET_MS else "NOT met"
                print(f"{label:<40} {median:>9.1f} {p95:>7.1f} {size // 1024:>5}  {verdict}")
            print(f"\nload average after {os.getloadavg()[0]:.2f}; worst p95 {worst:.1f} ms")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
