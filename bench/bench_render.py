"""Benchmark: render 12-, 24- and 60-page booklets with distinct scenes, each format and all four
together, each run a new process from the command line; report seconds and peak memory.

Peak memory is the largest sum of resident memory over the command's process and its workers,
sampled every 10 ms (the CLI draws scenes and PNG pages in 2 worker processes).

Run: .venv/bin/python bench/bench_render.py [--repeat N] [--cli storyboard|module]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "sam-12.json"
LIBRARY = sorted(p.stem for p in (ROOT / "static" / "illustrations").glob("*.svg"))
EMOJI = ["1F466", "1F467", "1F469", "1F468", "1F408", "1F3EB", "1F6CF", "1F963", "1F373", "1F3E0"]
EMOJI += ["1F46E", "1F697", "1F4DE", "1F9F8", "2600", "1F327", "1F3E5", "1F4DA", "1F34E", "1F6B2"]
MODULE = (
    "import sys; from storyboard.booklet.commands import render_command; "
    "render_command.main(sys.argv[1:], standalone_mode=False)"
)


def make_file(pages: int, folder: Path) -> Path:
    """Write a storyboard of `pages` pages whose scenes all differ (pictures, places, labels)."""
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    body = [p for p in doc["panels"][1:-1] if not p.get("skipped")]
    chance = random.Random(pages)  # noqa: S311 - test data, not secrets
    title = json.loads(json.dumps(doc["panels"][0]).replace("library:house", "library:home"))
    panels = [title]  # the fixture's house is drawn only in the tests' own small library
    while len(panels) < pages - 1:
        panel = dict(body[len(panels) % len(body)])
        panel["text"] = f"{panel['text']} ({len(panels)})"
        if panel.get("kind") != "scale":
            panel["pictures"] = [
                {
                    "src": chance.choice(
                        [f"library:{chance.choice(LIBRARY)}", f"emoji:{chance.choice(EMOJI)}"]
                    ),
                    "x": round(0.05 + 0.3 * slot + chance.uniform(0, 0.05), 3),
                    "y": round(chance.uniform(0.1, 0.35), 3),
                    "width": round(chance.uniform(0.2, 0.28), 3),
                    "label": chance.choice(["Mum", "Dad", "Nan", "Sam", ""]),
                    "alt": "A picture",
                }
                for slot in range(chance.randint(1, 3))
            ]
        panels.append(panel)
    panels.append(doc["panels"][-1])
    doc["panels"] = panels
    path = folder / f"bench-{pages}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _tree_rss_kb(pid: int) -> int:
    """Return the resident memory of a process and all its descendants, in KB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            rss = next(line for line in status.splitlines() if line.startswith("VmRSS"))
            total += int(rss.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(command: list[str], path: Path, fmt: str, out: Path) -> tuple[float, float, float]:
    """Render in a fresh process; return (seconds, CPU seconds of all its processes, peak MB)."""
    args = [*command, str(path), "--format", fmt, "--out", str(out), "--dpi", "150"]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kb(process.pid))
                time.sleep(0.01)

        sampler = threading.Thread(target=sample)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        if process.returncode:
            errors.seek(0)
            raise SystemExit(errors.read().decode())
    return seconds, usage.ru_utime + usage.ru_stime, peak / 1024


def main() -> None:
    """Print seconds and CPU seconds (best of N) and peak memory per page count and format."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell; the best is shown")
    parser.add_argument("--cli", choices=["storyboard", "module"], default="storyboard")
    parser.add_argument("--pages", type=int, nargs="*", default=[12, 24, 60])
    options = parser.parse_args()
    if options.cli == "storyboard":
        command = [str(Path(sys.executable).with_name("storyboard")), "render"]
    else:
        command = [sys.executable, "-c", MODULE]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'pages':>5} {'format':>6} {'seconds':>8} {'CPU s':>6} {'peak MB':>8}")
        for pages in options.pages:
            path = make_file(pages, folder)
            for fmt in ("html", "docx", "png", "pdf", "all"):
                runs = [
                    run(command, path, fmt, folder / f"out-{pages}-{fmt}-{n}")
                    for n in range(options.repeat)
                ]
                seconds = min(s for s, _, _ in runs)
                cpu = min(c for _, c, _ in runs)
                peak = max(m for _, _, m in runs)
                print(f"{pages:>5} {fmt:>6} {seconds:>8.2f} {cpu:>6.2f} {peak:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
