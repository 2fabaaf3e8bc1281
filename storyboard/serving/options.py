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


def default_workers() -> int:
    """Two worker processes per processor, at least 2 and at most 8."""
    return max(2, min(8, 2 * usable_cpus()))


@dataclass(frozen=True)
class ServeOptions:
    """What `storyboard serve` was asked for."""

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    threads: int = DEFAULT_THREADS
    graceful_timeout: int = DEFAULT_GRACEFUL_SECONDS
    access_log: str | None = "-"
