"""Benchmark: the story model on 12-, 60- and 200-panel stories: parse (validate), dump, hash
(schemes 3, 2 and 1) and the printed pages, in one process; report milliseconds (best of N)
and the peak memory the Python allocator saw (tracemalloc) for each step.

Run: .venv/bin/python bench/bench_story.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyboard.story.hashing import version_hash  # noqa: E402
from storyboard.story.reading import printed_panels  # noqa: E402
from storyboard.story.storyfile import StoryFile, parse, to_document  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "sam-12.json"


def story_of(panels: int) -> dict:
    """The Sam fixture with its panels repeated up to `panels` pages (ids kept unique)."""
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    base = doc["panels"]
    doc["panels"] = [{**base[i % len(base)], "id": f"p{i}"} for i in range(panels)]
    return doc


def best(fn, repeat: int) -> tuple[float, float]:  # noqa: ANN001
    """Best wall time in ms over `repeat` runs, and the peak traced memory in MB of one run."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return min(times), peak


def main() -> None:
    """Print one table row per story size."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    print(
        "| panels | parse ms | dump ms | hash v3 ms | hash v2 ms | hash v1 ms "
        "| printed pages ms | peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for size in (12, 60, 200):  # 200: the most pages a story may have
        doc = story_of(size)
        story = parse(doc)
        storyfile = StoryFile(to_document(story))
        steps = [
            lambda d=doc: parse(d),
            lambda s=story: to_document(s),
            lambda f=storyfile: version_hash(f, 3),
            lambda f=storyfile: version_hash(f, 2),
            lambda f=storyfile: version_hash(f, 1),
            lambda s=story: printed_panels(s),
        ]
        results = [best(step, args.repeat) for step in steps]
        cells = " | ".join(f"{ms:.2f}" for ms, _ in results)
        print(f"| {size} | {cells} | {max(mb for _, mb in results):.1f} |")


if __name__ == "__main__":
    main()
