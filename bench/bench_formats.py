"""Benchmark: `storyboard render --format all` against Chromium printing the same booklet's HTML
to PDF, the all-formats render at 15, 30 and 60 pages, and a profile of one 12-page render.

1. sam-12.json, `storyboard render --format all` versus `chromium --headless --print-to-pdf` of
   the booklet's HTML (made once), each a new process, the two alternated run by run; medians.
2. Stories of 15, 30 and 60 pages (the fixture's panels repeated, ids unique), all formats,
   each a new process, the sizes rotated round by round; medians, seconds per page, and the
   peak memory: the largest single process (wait4 ru_maxrss, over the command and the workers
   it forks and reaps) and the largest sum over the process tree (sampled in one extra run).
3. One 12-page all-formats render profiled in a new process with cProfile: the command's steps
   called in order in one process, since cProfile cannot see the forked one: every scene
   drawn and encoded first, then each format from the kept scenes; phase times with and
   without the profiler, and the top 25 functions by cumulative time.

Nothing the story says is printed: the commands' output and warnings are discarded.
Before timing it waits (up to 10 minutes) for the 1-minute load average to fall to 1.0, and
before each round until other processes keep under a quarter of a core busy (one 10-minute
budget per part); it prints the loads it measured at.

Run: .venv/bin/python bench/bench_formats.py [--repeat N] [--skip-profile] [--max-load L]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_render import _tree_rss_kb  # the same process-tree memory sampler

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "sam-12.json"
STORYBOARD = str(Path(sys.executable).with_name("storyboard"))
CHROMIUM = "/usr/bin/chromium"


# --- the machine --------------------------------------------------------------------------


def wait_for_quiet(max_load: float, patience: float = 600) -> float:
    """Wait until the 1-minute load average is at most `max_load` (up to `patience` s)."""
    start = time.monotonic()
    while True:
        load = os.getloadavg()[0]
        if load <= max_load:
            return load
        if time.monotonic() - start > patience:
            print(f"warning: load still {load:.2f} after {patience:.0f} s; measuring anyway")
            return load
        print(f"load {load:.2f} > {max_load}; waiting 30 s", flush=True)
        time.sleep(30)


def _busy_jiffies() -> tuple[int, int]:
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def busy_cores(window: float = 1.0) -> float:
    """How many cores something else keeps busy now, measured over `window` seconds."""
    busy0, total0 = _busy_jiffies()
    time.sleep(window)
    busy1, total1 = _busy_jiffies()
    return (os.cpu_count() or 1) * (busy1 - busy0) / max(1, total1 - total0)


class Quiet:
    """Before each round: wait (within one shared budget) until the CPUs are idle; log loads."""

    def __init__(self, max_busy: float = 0.25, budget: float = 600) -> None:
        self.max_busy, self.budget = max_busy, budget
        self.restart()

    def restart(self) -> None:
        """Start a new part: a new waiting budget, no loads logged."""
        self.deadline = time.monotonic() + self.budget
        self.loads: list[float] = []
        self.busy: list[float] = []

    def __call__(self) -> None:
        while True:
            busy = busy_cores()
            if busy <= self.max_busy or time.monotonic() > self.deadline:
                break
            time.sleep(5)
        self.busy.append(busy)
        self.loads.append(os.getloadavg()[0])

    def report(self) -> str:
        if not self.loads:
            return ""
        return (
            f"before each round: load {min(self.loads):.2f}-{max(self.loads):.2f}, other work "
            f"{min(self.busy):.2f}-{max(self.busy):.2f} cores busy (1 s sample)"
        )


QUIET = Quiet()


def timed(args: list[str], *, sample: bool = False) -> tuple[float, float, float, float]:
    """Run a command as a new process; return (seconds, CPU seconds, max RSS MB, tree MB).

    CPU and max RSS come from wait4 and cover the process and the children it reaped.
    The tree figure (sum of RSS over the live process tree) is sampled only when asked.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        peak, done = 0, threading.Event()

        def watch() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kb(process.pid))
                time.sleep(0.01)

        watcher = threading.Thread(target=watch) if sample else None
        if watcher:
            watcher.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        if watcher:
            watcher.join()
        if process.returncode:
            # The story's words may be in the output; say only that it failed.
            raise SystemExit(f"{Path(args[0]).name} failed with exit code {process.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak / 1024


def render_args(path: Path, fmt: str, out: Path) -> list[str]:
    return [STORYBOARD, "render", str(path), "--format", fmt, "--out", str(out)]


def chromium_args(html: Path, pdf: Path) -> list[str]:
    return [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer",
        html.as_uri(),
    ]


# --- the stories ----------------------------------------------------------------------------


def _booklet_facts(path: Path) -> tuple[int, int]:
    """Return (pages, distinct scenes) of a storyboard file, as the CLI would lay it out."""
    sys.path.insert(0, str(ROOT))
    from storyboard.booklet import build_booklet
    from storyboard.story.storyfile import read

    booklet = build_booklet(read(path))
    scenes = {b.svg for p in booklet.pages for b in p.blocks if b.kind == "picture"}
    return len(booklet.pages), len(scenes)


def make_story(pages: int, folder: Path) -> tuple[Path, int, int]:
    """Write sam-12 with its middle panels repeated until the booklet has `pages` pages.

    The title panel stays first and the talk-to panel last; every panel gets a unique id.
    Returns the path, the booklet's page count and its number of distinct scenes.
    """
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    first, *body, last = doc["panels"]
    body = [p for p in body if not p.get("skipped")]
    path = folder / f"story-{pages}.json"

    def write(count: int) -> tuple[int, int]:
        middle = [body[i % len(body)] for i in range(count)]
        doc["panels"] = [{**p, "id": f"p{i}"} for i, p in enumerate([first, *middle, last])]
        path.write_text(json.dumps(doc), encoding="utf-8")
        return _booklet_facts(path)

    # Pages = panels + the fixed pages (title, about...) + overflow; find the count that fits.
    count = max(0, pages - 3)
    got, scenes = write(count)
    while got > pages and count > 0:
        count -= 1
        got, scenes = write(count)
    while got < pages:
        count += 1
        got, scenes = write(count)
    return path, got, scenes


# --- 1. ours against Chromium ----------------------------------------------------------------


def versus_chromium(folder: Path, repeat: int) -> None:
    pages, scenes = _booklet_facts(FIXTURE)
    html_dir = folder / "html"
    timed(render_args(FIXTURE, "html", html_dir))
    (html,) = html_dir.glob("*.html")
    ours, theirs = [], []
    timed(chromium_args(html, folder / "warm.pdf"))  # one untimed run each: disk cache warm
    timed(render_args(FIXTURE, "all", folder / "warm"))
    for n in range(repeat):
        QUIET()
        order = ("ours", "chromium") if n % 2 == 0 else ("chromium", "ours")
        for who in order:
            if who == "ours":
                ours.append(timed(render_args(FIXTURE, "all", folder / f"all-{n}")))
            else:
                theirs.append(timed(chromium_args(html, folder / f"chromium-{n}.pdf")))
    print(f"\n1. sam-12.json ({pages} pages, {scenes} distinct scenes), median of {repeat}")
    head = ("median s", "min s", "max s", "CPU s", "maxRSS MB")
    print(f"{'command':<34} {head[0]:>8} {head[1]:>6} {head[2]:>6} {head[3]:>6} {head[4]:>9}")
    rows = (("storyboard render --format all", ours), ("chromium --print-to-pdf", theirs))
    for name, runs in rows:
        secs = [r[0] for r in runs]
        cpu = statistics.median(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        print(
            f"{name:<34} {statistics.median(secs):>8.2f} {min(secs):>6.2f} {max(secs):>6.2f}"
            f" {cpu:>6.2f} {rss:>9.0f}"
        )
    ratio = statistics.median(r[0] for r in ours) / statistics.median(r[0] for r in theirs)
    cpu_ratio = statistics.median(r[1] for r in ours) / statistics.median(r[1] for r in theirs)
    print(f"ratio ours/chromium: {ratio:.2f} (wall), {cpu_ratio:.2f} (CPU)")


# --- 2. growth with pages ----------------------------------------------------------------------


def growth(folder: Path, repeat: int, sizes: tuple[int, ...] = (15, 30, 60)) -> None:
    stories = {size: make_story(size, folder) for size in sizes}
    runs: dict[int, list] = {size: [] for size in sizes}
    timed(render_args(stories[sizes[0]][0], "all", folder / "warm-growth"))
    for n in range(repeat):
        QUIET()
        order = sizes[n % len(sizes) :] + sizes[: n % len(sizes)]
        for size in order:
            runs[size].append(timed(render_args(stories[size][0], "all", folder / f"g{size}-{n}")))
    biggest = sizes[-1]
    tree = timed(render_args(stories[biggest][0], "all", folder / "tree"), sample=True)[3]
    print(f"\n2. all four formats by length, median of {repeat}")
    head = ("pages", "scenes", "median s", "min s", "CPU s", "s/page", "maxRSS MB")
    print(" ".join(f"{h:>{w}}" for h, w in zip(head, (5, 6, 8, 6, 6, 6, 9), strict=True)))
    medians = {}
    for size in sizes:
        path, pages, scenes = stories[size]
        secs = [r[0] for r in runs[size]]
        medians[pages] = statistics.median(secs)
        cpu = statistics.median(r[1] for r in runs[size])
        rss = max(r[2] for r in runs[size])
        print(
            f"{pages:>5} {scenes:>6} {medians[pages]:>8.2f} {min(secs):>6.2f} {cpu:>6.2f}"
            f" {medians[pages] / pages:>6.3f} {rss:>9.0f}"
        )
    xs, ys = list(medians), list(medians.values())
    slope, intercept = statistics.linear_regression(xs, ys)
    fitted = [intercept + slope * x for x in xs]
    worst = max(abs(f - y) / y for f, y in zip(fitted, ys, strict=True))
    steps = ", ".join(
        f"{a}->{b}: {(ys[i + 1] - ys[i]) / (b - a):.3f} s/page"
        for i, (a, b) in enumerate(zip(xs, xs[1:], strict=False))
    )
    print(f"fit: {intercept:.2f} s + {slope:.3f} s/page (worst residual {worst:.0%}); {steps}")
    print(
        f"peak memory, {stories[biggest][1]} pages: largest process"
        f" {max(r[2] for r in runs[biggest]):.0f} MB"
        f" (wait4 ru_maxrss); process tree sum {tree:.0f} MB (sampled every 10 ms, one extra run;"
        " forked workers share pages, so the sum overstates)"
    )


# --- 3. the profile ------------------------------------------------------------------------------

PHASES = (
    "imports",
    "read (parse, validate)",
    "build_booklet (layout)",
    "missing_glyphs",
    "renderer imports",
    "html",
    "scenes: draw (resvg)",
    "scenes: PNG for Word",
    "scenes: JPEG for PDF",
    "png pages",
    "docx",
    "pdf",
)


def profile_child(out_dir: Path, stats_path: Path | None) -> None:
    """In this (new) process: the render command's steps, one process, with phase timers."""
    profiler = cProfile.Profile() if stats_path else None
    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[name] = now - clock
        clock = now

    if profiler:
        profiler.enable()
    sys.path.insert(0, str(ROOT))
    from storyboard.booklet import build_booklet
    from storyboard.booklet.commands import file_stem
    from storyboard.booklet.fonts import check_text_engine, missing_glyphs
    from storyboard.booklet.raster import pixels, scene_image, scene_jpeg, scene_png
    from storyboard.booklet.render import FORMATS, RENDERERS
    from storyboard.story.storyfile import read

    lap("imports")
    check_text_engine()
    storyfile = read(FIXTURE)
    lap("read (parse, validate)")
    booklet = build_booklet(storyfile)
    lap("build_booklet (layout)")
    missing_glyphs(booklet)
    lap("missing_glyphs")
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = file_stem(storyfile.document)
    renderers = {name: RENDERERS[name] for name in FORMATS}  # jinja2, python-docx, fpdf2
    lap("renderer imports")
    (out_dir / f"{stem}.html").write_bytes(renderers["html"](booklet))
    lap("html")
    scenes = {
        (b.svg, pixels(b.width, 150)): None
        for page in booklet.pages
        for b in page.blocks
        if b.kind == "picture"
    }
    for svg, width in scenes:
        scene_image(svg, width)
    lap("scenes: draw (resvg)")
    for svg, width in scenes:
        scene_png(svg, width)
    lap("scenes: PNG for Word")
    for svg, width in scenes:
        scene_jpeg(svg, width, booklet.page_colour)
    lap("scenes: JPEG for PDF")
    for number, png in enumerate(renderers["png"](booklet, dpi=150), 1):
        (out_dir / f"{stem}_page-{number:02d}.png").write_bytes(png)
    lap("png pages")
    (out_dir / f"{stem}.docx").write_bytes(renderers["docx"](booklet, dpi=150))
    lap("docx")
    (out_dir / f"{stem}.pdf").write_bytes(renderers["pdf"](booklet, dpi=150))
    lap("pdf")
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(stats_path))
    print(json.dumps(times))


def _find(stats: pstats.Stats, file_part: str, name: str) -> tuple[float, float, int]:
    """(cumulative s, own s, calls) of the functions named `name` in files matching."""
    cum = own = calls = 0
    for (file, _, func), (_, ncalls, tt, ct, callers) in stats.stats.items():
        if (func == name or name.startswith("<") and name in func) and file_part in file:
            # Count a recursive function once: only calls from outside it.
            if any(c[2] == name and file_part in c[0] for c in callers):
                continue
            cum, own, calls = cum + ct, own + tt, calls + ncalls
    return cum, own, calls


KEY_FUNCTIONS = (
    ("imports: importlib", "<frozen importlib._bootstrap>", "_find_and_load"),
    ("scenes: svg2png svg_to_rgba", "~", "<built-in method svg2png_py"),
    ("scenes: resvg-py (no fast extra)", "~", "<built-in method resvg_py"),
    ("scenes: raster flatten (JPEG)", "booklet/raster.py", "flatten"),
    ("png+scenes: pngfile.png_bytes", "booklet/pngfile.py", "png_bytes"),
    ("png+scenes: zlib deflate", "~", "<method 'compress' of 'zlib.Compress'"),
    ("png: png.draw_page", "booklet/png.py", "draw_page"),
    ("png: ImageDraw.text", "PIL/ImageDraw.py", "text"),
    ("png: png._draw_mark (per page)", "booklet/png.py", "_draw_mark"),
    ("png: Image.rotate (draft mark)", "PIL/Image.py", "rotate"),
    ("scenes: PIL Image.save (JPEG)", "PIL/Image.py", "save"),
    ("docx: word.render_docx", "booklet/word.py", "render_docx"),
    ("docx: wordfonts.embed_fonts", "booklet/wordfonts.py", "embed_fonts"),
    ("docx: python-docx add_picture", "docx/text/run.py", "add_picture"),
    ("docx: Document.save", "docx/document.py", "save"),
    ("pdf: pdf._new_pdf (fonts)", "booklet/pdf.py", "_new_pdf"),
    ("pdf: pdf._subset (HarfBuzz)", "booklet/pdf.py", "_subset"),
    ("pdf: FPDF.add_font", "fpdf/fpdf.py", "add_font"),
    ("pdf: FPDF.cell", "fpdf/fpdf.py", "cell"),
    ("pdf: FPDF.image", "fpdf/fpdf.py", "image"),
    ("pdf: FPDF.output", "fpdf/fpdf.py", "output"),
    ("layout: textlayout.wrap", "booklet/textlayout.py", "wrap"),
    ("layout: fonts.measure", "booklet/fonts.py", "measure"),
    ("layout: scene.scene_svg", "booklet/scene.py", "scene_svg"),
    ("layout: hashing.version_hash", "story/hashing.py", "version_hash"),
    ("glyphs: fonts._cmap (fontTools)", "booklet/fonts.py", "_cmap"),
    ("html: template render", "jinja2/environment.py", "render"),
    ("html: mark.mark_png (optimize)", "booklet/mark.py", "mark_png"),
)


def profile(folder: Path) -> None:
    me = str(Path(__file__).resolve())
    plain = [sys.executable, me, "--profile-child", str(folder / "plain")]
    stats_path = folder / "render.prof"
    profiled = [*plain[:-1], str(folder / "profiled"), "--stats", str(stats_path)]
    QUIET()
    start = time.perf_counter()
    bare = json.loads(subprocess.run(plain, check=True, capture_output=True, cwd=ROOT).stdout)
    bare_total = time.perf_counter() - start
    with_prof = json.loads(
        subprocess.run(profiled, check=True, capture_output=True, cwd=ROOT).stdout
    )
    print("\n3. profile: sam-12.json, all formats, one process, new process")
    print(f"{'phase':<26} {'s (plain)':>9} {'share':>6} {'s (cProfile)':>12}")
    total = sum(bare.values())
    for phase in PHASES:
        share = bare[phase] / total
        print(f"{phase:<26} {bare[phase]:>9.2f} {share:>6.0%} {with_prof[phase]:>12.2f}")
    print(f"{'total (in process)':<26} {total:>9.2f} {'':>6} {sum(with_prof.values()):>12.2f}")
    print(f"whole process, with interpreter start and exit: {bare_total:.2f} s")
    stats = pstats.Stats(str(stats_path))
    print("\nkey functions (profiled run)       cum s   own s   calls")
    for label, file_part, name in KEY_FUNCTIONS:
        cum, own, calls = _find(stats, file_part, name)
        if calls:
            print(f"{label:<34} {cum:>6.2f} {own:>7.2f} {calls:>7}")
    print("\ntop 25 by cumulative time (profiled run):")
    stats.sort_stats("cumulative").print_stats(25)


# --- main ----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per contender (median)")
    parser.add_argument("--max-load", type=float, default=1.0, help="wait for this load first")
    parser.add_argument("--skip-profile", action="store_true")
    parser.add_argument("--only", choices=["chromium", "growth", "profile"], nargs="*")
    parser.add_argument("--profile-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stats", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.profile_child:
        profile_child(options.profile_child, options.stats)
        return
    parts = options.only or ["chromium", "growth"] + ([] if options.skip_profile else ["profile"])
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as tmp:
        folder = Path(tmp)
        for part in parts:
            load = wait_for_quiet(options.max_load)
            QUIET.restart()
            print(f"\n[{part}] load average {load:.2f} on {os.cpu_count()} cores", flush=True)
            {"chromium": versus_chromium, "growth": growth}.get(part, lambda f, r: profile(f))(
                folder, options.repeat
            )
            print(QUIET.report())
            print(f"[{part}] load average after: {os.getloadavg()[0]:.2f}", flush=True)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
