"""Benchmark: proposing the rewrites that retell a story for a sibling (`story/retell.py`)
over every page of 12-, 60- and 240-page stories; milliseconds (best of N), proposals found,
and the peak memory the Python allocator saw.

Run: .venv/bin/python bench/bench_retell.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyboard.story.retell import Child, Person, propose  # noqa: E402

PAGE = (
    "Lily lives with Mum and her big brother Josh. Lily did not get her tea. She was hungry "
    "and Mum was tired. Lily helped Mum with her bags. I love my big brother Josh. He walks "
    "me to school on his bike. Nan picks Lily up on Fridays and gives her a hug. "
) * 3  # about 150 words a page
LILY, JOSH = Child("Lily", "she", 6), Child("Josh", "he", 12)
OTHERS = [Person("mum", ("Mum", "Kerry"), "she"), Person("nan", ("Nan",), "she")]


def main() -> None:
    """Print one table row per story size."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print("| pages | words | ms | proposals | peak MB |")
    print("|---|---|---|---|---|")
    for pages in (12, 60, 240):
        texts = [PAGE] * pages
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            found = sum(len(propose(t, LILY, JOSH, OTHERS)) for t in texts)
            times.append((time.perf_counter() - start) * 1000)
        tracemalloc.start()
        for t in texts:
            propose(t, LILY, JOSH, OTHERS)
        peak = tracemalloc.get_traced_memory()[1] / 1e6  # MB
        tracemalloc.stop()
        words = len(PAGE.split()) * pages
        print(f"| {pages} | {words} | {min(times):.1f} | {found} | {peak:.1f} |")


if __name__ == "__main__":
    main()
