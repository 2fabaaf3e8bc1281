"""The production server: gunicorn with threads, a redacted access log and graceful restarts.

The master process checks the settings and the database once (`serving.preflight`), then
forks the workers; each worker makes its own app, so nothing is shared between them but the
database. A worker never keeps state of its own that another server would need.
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from storyboard.core.logs import RedactTokens, redact
from storyboard.serving.options import ServeOptions

# What an access-log line shows: address, time, method, path (tokens cut out, "?…" for a
# query string), status, bytes and milliseconds. No referrer, user agent or cookie.
ACCESS_FORMAT = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms'
SAFE_ATOMS = ("h", "t", "s", "m", "H", "b", "B", "T", "D", "M", "L", "p")


def gunicorn_settings(options: ServeOptions) -> dict[str, Any]:
    """The gunicorn settings `storyboard serve`'s options stand for."""
    host = f"[{options.host}]" if ":" in options.host else options.host
    return {
        "bind": [f"{host}:{options.port}"],
        "workers": options.workers,
        "threads": options.threads,
        "worker_class": "gthread",
        "graceful_timeout": options.graceful_timeout,
        # Longer than the editor's pause between autosaves (2 s), so a typing worker's
        # connection (or the proxy's) is kept rather than made again for each save.
        "keepalive": 5,
        "accesslog": options.access_log,
        "access_log_format": ACCESS_FORMAT,
        "errorlog": "-",
        "logger_class": RedactingLogger,
        "proc_name": "storyboard",
        # The app trusts proxies' X-Forwarded-* headers itself (TRUSTED_PROXIES), by one
        # rule; gunicorn's own reading of them is turned off.
        "secure_scheme_headers": {},
        "forwarded_allow_ips": "",
        # gunicorn 24+ opens a control socket at one path per account: two servers on one
        # machine would fight over it, and nothing here uses it.
        "control_socket_disable": True,
    }


class RedactingLogger(Logger):
    """gunicorn's logger, keeping tokens, query strings and request headers out of its lines."""

    def setup(self, cfg: Any) -> None:  # noqa: ANN401
        """Set up as gunicorn does, then filter the error log too ("Error handling /r/...")."""
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:  # noqa: ANN401
        """Only the atoms that carry nothing of the family's; the path with tokens cut out.

        The request line is rebuilt from the decoded path: the raw one may spell a token
        with %-escapes that the redaction would not recognise.
        """
        every = super().atoms(resp, req, environ, request_time)
        atoms = {key: every[key] for key in SAFE_ATOMS if key in every}
        path = redact(environ.get("PATH_INFO") or "/")
        query = "?…" if environ.get("QUERY_STRING") else ""
        atoms["U"] = path
        atoms["q"] = query.lstrip("?")
        atoms["r"] = (
            f"{environ.get('REQUEST_METHOD')} {path}{query} {environ.get('SERVER_PROTOCOL')}"
        )
        return atoms


class StoryboardServer(BaseApplication):
    """gunicorn running `storyboard.create_app()` in each worker, with these settings only.

    BaseApplication reads no gunicorn.conf.py and no GUNICORN_CMD_ARGS: what runs is what
    `storyboard serve` says.
    """

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        super().__init__(prog="storyboard serve")

    def load_config(self) -> None:
        """Apply the options (settings an older gunicorn lacks are skipped)."""
        for name, value in gunicorn_settings(self.options).items():
            if name in self.cfg.settings:
                self.cfg.set(name, value)

    def load(self) -> Any:  # noqa: ANN401
        """Make the app in the worker (after the fork, so each has its own connections)."""
        from storyboard import create_app

        return create_app()
