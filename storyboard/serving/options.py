"""`storyboard serve`'s options and their defaults, worked out from the machine.

Kept apart from `serving.wsgi` so that listing the commands never imports gunicorn.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_THREADS = 4
DEFAULT_GRACEFUL_SECONDS = 30


def usable_cpus() -> int:
    """How many processors this process may run on (a container's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


WORKERS_HELP = "Worker processes. Default: one per processor, at least 2 and at most 8"


def default_workers() -> int:
    """One worker process per processor, at least 2 and at most 8.

    Not two per processor: on a 2-processor machine, 4 processes (bench/bench_load.py, 50
    editors autosaving) answered far slower than 2, and on SQLite some saves waited past the
    5 s lock timeout (bench/README.md has the figures). At least 2, so one process busy
    drawing a booklet or being replaced still leaves one answering."""
    return max(2, min(8, usable_cpus()))


@dataclass(frozen=True)
class ServeOptions:
    """What `storyboard serve` was asked for."""

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    threads: int = DEFAULT_THREADS
    graceful_timeout: int = DEFAULT_GRACEFUL_SECONDS
    access_log: str | None = "-"
