"""A booklet written as files in several formats at once, the work shared by processes.

For the command line, which is its own process and may fork: the formats and PNG pages are a
list of jobs, biggest first (the PDF, with fpdf2's imports; Word; the HTML; then each page),
and every process takes the next job left until none are. Each job writes its own file, so
nothing drawn travels between processes. Forked after the layout, each process loads only the
renderers its jobs need.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from storyboard.booklet.model import Booklet
from storyboard.booklet.render import RENDERERS


def jobs(
    booklet: Booklet, formats: Iterable[str], out_dir: Path, stem: str, *, dpi: int, folded: bool
) -> list[Callable[[], None]]:
    """One job per file to write, biggest first."""
    formats = set(formats)
    todo: list[Callable[[], None]] = []

    def write(name: str, draw: Callable[[], bytes]) -> Callable[[], None]:
        return lambda: (out_dir / name).write_bytes(draw())

    if "pdf" in formats:
        name = f"{stem}{'-folded' if folded else ''}.pdf"
        todo.append(write(name, lambda: RENDERERS["pdf"](booklet, dpi=dpi, folded=folded)))
    if "docx" in formats:
        todo.append(write(f"{stem}.docx", lambda: RENDERERS["docx"](booklet, dpi=dpi)))
    if "html" in formats:
        todo.append(write(f"{stem}.html", lambda: RENDERERS["html"](booklet)))
    if "png" in formats:
        from storyboard.booklet.mark import mark_layer
        from storyboard.booklet.png import page_png

        if booklet.mark is not None:
            mark_layer(booklet.mark, dpi / 72)  # drawn once, before forking
        for number, page in enumerate(booklet.pages, 1):
            name = f"{stem}_page-{number:02d}.png"
            todo.append(write(name, lambda page=page: page_png(booklet, page, dpi)))
    return todo


def run(todo: list[Callable[[], None]], processes: int = 2) -> None:
    """Run the jobs in `processes` processes (this one and forked ones), each taking the next."""
    processes = max(1, min(processes, os.cpu_count() or 1, len(todo)))
    if processes < 2:
        for job in todo:
            job()
        return
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)  # the next job nobody has taken, shared by the processes

    def work() -> None:
        while True:
            with taken.get_lock():
                index = taken.value
                taken.value += 1
            if index >= len(todo):
                return
            todo[index]()

    helpers = [context.Process(target=work, daemon=True) for _ in range(processes - 1)]
    for helper in helpers:
        helper.start()
    try:
        work()
    finally:
        for helper in helpers:
            helper.join()
    failed = [helper.exitcode for helper in helpers if helper.exitcode]
    if failed:
        raise RuntimeError(f"a process writing the booklet failed (exit code {failed[0]})")
