"""`storyboard serve`: the production server (gunicorn) on the settings in force."""

from __future__ import annotations

import click
from flask.cli import ScriptInfo

from storyboard.serving.options import (
    DEFAULT_GRACEFUL_SECONDS,
    DEFAULT_THREADS,
    WORKERS_HELP,
    ServeOptions,
    default_workers,
)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help=f"{WORKERS_HELP} ({default_workers()} on this machine).",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=DEFAULT_THREADS,
    show_default=True,
    help="Threads per worker: requests each worker serves at once.",
)
@click.option(
    "--graceful-timeout",
    type=click.IntRange(1, 3600),
    default=DEFAULT_GRACEFUL_SECONDS,
    show_default=True,
    help="Seconds a stopping worker has to finish the requests it is serving.",
)
@click.option(
    "--access-log",
    default="-",
    show_default=True,
    help='Where request lines go: "-" for standard output, a file, or "off".',
)
@click.pass_context
def serve_command(
    ctx: click.Context,
    host: str,
    port: int,
    workers: int | None,
    threads: int,
    graceful_timeout: int,
    access_log: str,
) -> None:
    """Run the production server (gunicorn): TERM stops after the requests in hand, HUP
    replaces the workers without dropping one."""
    from storyboard.serving.preflight import NotReady, check
    from storyboard.serving.wsgi import StoryboardServer

    app = ctx.ensure_object(ScriptInfo).load_app()
    try:
        check(app)
    except NotReady as problem:
        click.secho(f"Error: {problem}", fg="red", err=True)
        ctx.exit(2)
    _warn(app, host)
    _announce_setup_link(app)
    from storyboard.services.db import db

    with app.app_context():
        db.engine.dispose()  # each worker opens its own connections after the fork
    options = ServeOptions(
        host=host,
        port=port,
        workers=workers or default_workers(),
        threads=threads,
        graceful_timeout=graceful_timeout,
        access_log=None if access_log == "off" else access_log,
    )
    StoryboardServer(options).run()


def _warn(app, host: str) -> None:  # noqa: ANN001
    """Say what a deployment still lacks (these do not stop the server)."""
    from storyboard.web.public import phone_can_reach

    if not app.config.get("PUBLIC_URL"):
        click.secho(
            "Warning: PUBLIC_URL is not set, so share links, QR codes and the setup link point "
            "at this computer and a phone cannot open them. Set STORYBOARD_PUBLIC_URL to the "
            "address people reach the app at (https://stories.example.gov.uk).",
            fg="yellow",
            err=True,
        )
    elif not phone_can_reach(app.config["PUBLIC_URL"]):
        click.secho(
            f"Warning: PUBLIC_URL is {app.config['PUBLIC_URL']}, an address on this computer "
            "only: a phone cannot open the links it makes.",
            fg="yellow",
            err=True,
        )
    if not app.config.get("SECURE_COOKIES"):
        click.secho(
            "Warning: STORYBOARD_SECURE_COOKIES is off. Serve the app only behind HTTPS, "
            "and turn it on.",
            fg="yellow",
            err=True,
        )
    if host not in ("127.0.0.1", "localhost", "::1") and not app.config.get("TRUSTED_PROXIES"):
        click.secho(
            f"Note: listening on {host} with TRUSTED_PROXIES=0: if a proxy stands in front, "
            "set it, or every sign-in looks as if it came from the proxy.",
            fg="yellow",
            err=True,
        )


def _announce_setup_link(app) -> None:  # noqa: ANN001
    """While no account exists, print a one-time link to create the first administrator."""
    from storyboard.services.firstrun import issue_setup_token
    from storyboard.web.public import FALLBACK

    token = issue_setup_token(app)
    if token:
        base = app.config.get("PUBLIC_URL") or FALLBACK
        click.echo("No accounts yet. Open this link once to create the first administrator:")
        click.echo(f"    {base}/setup/{token}")
        click.echo(f"(It works once, for {app.config['SETUP_LINK_HOURS']} hours.)")
