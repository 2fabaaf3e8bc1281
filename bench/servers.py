"""The app servers the benchmarks start: one place to say how the app is served.

Each is a `storyboard serve` (gunicorn), started the way docs/deploy.md says. Each server is
a separate process group, so stopping it (or SIGKILLing it, for the crash test) reaches its
workers too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORYBOARD = str(Path(sys.executable).with_name("storyboard"))


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(db_url: str, instance: Path, secret_key: str) -> dict[str, str]:
    """The environment of an app server on `db_url`: every server of one site shares the key."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env["STORYBOARD_DATABASE_URL"] = db_url
    env["STORYBOARD_INSTANCE_PATH"] = str(instance)
    env["STORYBOARD_SECRET_KEY"] = secret_key
    return env


def command(port: int, workers: int, threads: int) -> list[str]:
    """How one app server is started: `storyboard serve`, as a council runs it."""
    return [
        STORYBOARD, "serve",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--workers", str(workers),
        "--threads", str(threads),
        "--access-log", "off",
    ]  # fmt: skip


@dataclass
class Server:
    """A running app server and the address it answers at."""

    process: subprocess.Popen
    base: str
    port: int
    log: Path | None = field(default=None)

    def kill(self) -> None:
        """SIGKILL the server and its workers at once: no shutdown, no flush."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Stop the server gracefully (SIGTERM), then SIGKILL if it lingers."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        except ProcessLookupError:
            pass


def start_server(
    db_url: str,
    instance: Path,
    secret_key: str,
    *,
    port: int | None = None,
    workers: int = 2,
    threads: int = 4,
    log: Path | None = None,
) -> Server:
    """Start an app server on an already migrated database and wait until it answers."""
    port = port or free_port()
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - the child keeps it
    process = subprocess.Popen(
        command(port, workers, threads),
        env=server_env(db_url, instance, secret_key),
        cwd=ROOT,
        stdout=out,
        stderr=out,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app server stopped at start (exit {process.returncode})")
        try:
            with urllib.request.urlopen(base + "/signin", timeout=5):  # noqa: S310 - ours
                return Server(process, base, port, log)
        except OSError:
            time.sleep(0.1)
    Server(process, base, port).kill()
    raise RuntimeError("the app server did not answer within 60 s")
