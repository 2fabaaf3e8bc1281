"""The app's commands: Flask's CLI with first start on `run`, accounts, migrations and data.

`storyboard.cli` is the front door: it runs the commands on a storyboard file itself, without
Flask, and hands every other command to this group.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import click
from flask import current_app
from flask.cli import (
    FlaskGroup,
    ScriptInfo,
    routes_command,
    run_command,
    shell_command,
    with_appcontext,
)
from werkzeug.serving import is_running_from_reloader

from storyboard import create_app


class StoryboardGroup(FlaskGroup):
    """Flask's command group, importing heavy commands (migrations, data) only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """All commands, the lazy ones included."""
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """Import a lazy command on first use; others as Flask finds them."""
        if name in LAZY_COMMANDS:
            return LAZY_COMMANDS[name]()
        return super().get_command(ctx, name)


def lazy(target: str) -> Callable[[], click.Command]:
    """A loader for the command at "module:attribute"."""

    def load() -> click.Command:
        module, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module), attribute)

    return load


@click.group(cls=StoryboardGroup, create_app=create_app, add_default_commands=False)
def cli() -> None:
    """Words & Pictures storyboard builder."""


HTTPS_OPTION = click.Option(
    ["--https"],
    is_flag=True,
    help="Serve HTTPS with a certificate made for this machine's addresses (kept in the "
    "instance folder): tablets then allow the microphone and offline words.",
)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
ALL_ADDRESSES = ("0.0.0.0", "::", "")  # noqa: S104 - the laptop serving its own network


# with_appcontext=False: the app is made in the command, after --https has said its cookies
# are Secure.
@cli.command(
    "run",
    params=[*run_command.params, HTTPS_OPTION],
    help=run_command.help,
    with_appcontext=False,
)
@click.pass_context
def run(ctx: click.Context, https: bool, **options: object) -> None:
    """Prepare the instance on first start, print the setup link, then serve."""
    import os

    from storyboard.services.firstrun import first_start

    if https:
        if options.get("cert"):
            raise click.UsageError("Use either --https or --cert, not both.")
        # Set before the app is made, so its session cookie is made Secure (the reloader's
        # process inherits it).
        os.environ.setdefault("STORYBOARD_SECURE_COOKIES", "true")
    app = ctx.ensure_object(ScriptInfo).load_app()
    host = str(options.get("host") or "127.0.0.1")
    scheme = "https" if https or options.get("cert") else "http"
    announce = not is_running_from_reloader()
    shown = host
    if host in ALL_ADDRESSES:
        shown = _offer_network_addresses(scheme, options.get("port"), announce)
    if host not in LOCAL_HOSTS and scheme == "http":
        click.secho(
            "Warning: serving beyond this computer without HTTPS. Add --https (or put the app "
            "behind an HTTPS proxy) before families' data crosses a network: tablets also "
            "allow the microphone and offline words only over HTTPS.",
            fg="yellow",
        )
    if https:
        from storyboard.services.firstrun import ensure_instance
        from storyboard.serving.https import certificate_for, network_addresses

        ensure_instance(app)
        extra = network_addresses() if host in ALL_ADDRESSES else [host]
        cert, key = certificate_for(Path(app.instance_path), extra)
        options["cert"] = (str(cert), str(key))
        if announce:
            click.echo(
                "The certificate is this computer's own: a browser warns about it; choose to "
                "go on (on iPad: Show Details, visit this website). For offline work, install "
                f"{cert} on the tablet as a trusted certificate."
            )
    # Links handed out (share links, QR codes, the setup link) carry the public address; on
    # a laptop with none configured, that is where this command serves.
    if ":" in shown:
        shown = f"[{shown}]"
    base_url = app.config.get("PUBLIC_URL") or f"{scheme}://{shown}:{options.get('port')}"
    app.config["PUBLIC_URL"] = base_url
    first_start(app, base_url, announce=announce)
    ctx.invoke(run_command, **options)


def _offer_network_addresses(scheme: str, port: object, announce: bool) -> str:
    """Print the addresses a tablet on this network can use; return the one links carry."""
    from storyboard.serving.https import network_addresses

    addresses = network_addresses()
    if not addresses:
        if announce:
            click.secho(
                "This computer has no network address: only its own browser can reach it.",
                fg="yellow",
            )
        return "127.0.0.1"
    if announce:
        click.echo("Tablets and phones on this network can open:")
        for address in addresses:
            click.secho(f"    {scheme}://{address}:{port}", bold=True)
    return addresses[0]


@with_appcontext
def _db_group(directory: str | None, x_arg: tuple[str, ...]) -> None:
    """Database migrations (the instance folder and key are made first if missing)."""
    from flask import g

    from storyboard.services.firstrun import ensure_instance

    ensure_instance(current_app)
    g.directory = directory
    g.x_arg = x_arg


def _after_db(*_results: object, **_params: object) -> None:
    """After `storyboard db upgrade`: delete the old files the database now holds."""
    if click.get_current_context().invoked_subcommand == "upgrade":
        from storyboard.services.blobs import remove_moved_files
        from storyboard.services.firstrun import keep_database_private

        app = current_app._get_current_object()
        keep_database_private(app)
        remove_moved_files(app)


def _db_command() -> click.Command:
    """Flask-Migrate's `db` commands, preparing the instance folder first."""
    from flask_migrate import cli as migrate_cli

    return click.Group(
        "db",
        commands=dict(migrate_cli.db.commands),
        params=list(migrate_cli.db.params),
        callback=_db_group,
        result_callback=_after_db,
        help="Database migrations: `storyboard db upgrade` applies them.",
    )


cli.add_command(shell_command)
cli.add_command(routes_command)


@cli.command("create-user")
@click.option("--username", prompt=True)
@click.option("--name", "display_name", prompt="Full name")
@click.option("--role", type=click.Choice(["worker", "manager", "admin"]), required=True)
@click.option("--manager", "manager_username", default=None, help="Username of the team manager.")
@click.password_option("--password", help="Prompted for if not given.")
@with_appcontext
def create_user_command(
    username: str, display_name: str, role: str, manager_username: str | None, password: str
) -> None:
    """Create an account."""
    from sqlalchemy import select

    from storyboard.services.accounts import create_user, username_taken
    from storyboard.services.db import db
    from storyboard.services.models import User
    from storyboard.services.team_changes import NEW_ACCOUNT, record_account_change

    if len(password) < 12:
        raise click.UsageError("Use a password of at least 12 characters.")
    if username_taken(username):
        raise click.UsageError(f"An account named {username!r} already exists.")
    manager_id = None
    if manager_username:
        manager = db.session.scalar(
            select(User).where(User.username == manager_username, User.role == "manager")
        )
        if manager is None:
            raise click.UsageError(f"No manager account named {manager_username!r}.")
        manager_id = manager.id
    user = create_user(username, display_name, password, role, manager_id)
    db.session.flush()
    record_account_change("create_user", user, NEW_ACCOUNT)
    db.session.commit()
    click.echo(f"Created {role} account {username!r}.")


# Loaded on first use. `storyboard.cli` adds the commands on a storyboard file, which it runs
# itself without this group (so they are listed in --help here too).
LAZY_COMMANDS: dict[str, Callable[[], click.Command]] = {
    "db": _db_command,
    "serve": lazy("storyboard.serving.commands:serve_command"),
    "backup": lazy("storyboard.data_commands:backup_command"),
    "restore": lazy("storyboard.data_commands:restore_command"),
    "subject-access": lazy("storyboard.data_commands:subject_access_command"),
    "retention": lazy("storyboard.data_commands:retention_command"),
}
