"""Benchmark: render 12- and 60-page booklets to each format as new processes; time and peak RSS.

Run: .venv/bin/python bench/bench_render.py
"""

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "sam-12.json"


def make_file(pages: int, folder: Path) -> Path:
    """Write a storyboard with `pages` pages by repeating the 12-panel fixture's panels."""
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    body = [p for p in doc["panels"][1:-1] if not p.get("skipped")]
    panels = [doc["panels"][0]]
    while len(panels) < pages - 1:
        panel = dict(body[len(panels) % len(body)])
        panel["text"] = f"{panel['text']} ({len(panels)})"  # distinct scenes need distinct text
        panels.append(panel)
    panels.append(doc["panels"][-1])
    doc["panels"] = panels
    path = folder / f"bench-{pages}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def run(path: Path, fmt: str, out: Path) -> tuple[float, float]:
    """Render in a fresh process; return (seconds, peak RSS in MB of that child)."""
    code = (
        "import sys; from storyboard.booklet.commands import render_command; "
        "render_command.main(sys.argv[1:], standalone_mode=False)"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, str(path), "--format", fmt, "--out", str(out), "--dpi", "150"],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    """Print a table of time and memory per format and page count."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'pages':>5} {'format':>6} {'seconds':>8} {'peak MB':>8}")
        for pages in (12, 24, 60):
            path = make_file(pages, folder)
            for fmt in ("html", "docx", "png", "pdf", "all"):
                seconds, peak = run(path, fmt, folder / f"out-{pages}-{fmt}")
                print(f"{pages:>5} {fmt:>6} {seconds:>8.2f} {peak:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
