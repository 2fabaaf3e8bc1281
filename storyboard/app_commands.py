"""The app's commands: Flask's CLI with first start on `run`, accounts, migrations and data.

`storyboard.cli` is the front door: it runs the commands on a storyboard file itself, without
Flask, and hands every other command to this group.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

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


@cli.command("run", params=run_command.params, help=run_command.help)
@click.pass_context
def run(ctx: click.Context, **options: object) -> None:
    """Prepare the instance on first start, print the setup link, then serve."""
    from storyboard.services.firstrun import first_start

    app = ctx.ensure_object(ScriptInfo).load_app()
    host = str(options.get("host") or "127.0.0.1")
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104
    if host not in ("127.0.0.1", "localhost", "::1") and not app.config.get("SECURE_COOKIES"):
        click.secho(
            "Warning: serving beyond this computer without STORYBOARD_SECURE_COOKIES=true. "
            "Put the app behind HTTPS before families' data crosses a network.",
            fg="yellow",
        )
    # Links handed out (share links, QR codes, the setup link) carry the public address; on
    # a laptop with none configured, that is where this command serves.
    base_url = app.config.get("PUBLIC_URL") or f"http://{shown}:{options.get('port')}"
    app.config["PUBLIC_URL"] = base_url
    first_start(app, base_url, announce=not is_running_from_reloader())
    ctx.invoke(run_command, **options)


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
    "backup": lazy("storyboard.data_commands:backup_command"),
    "restore": lazy("storyboard.data_commands:restore_command"),
    "subject-access": lazy("storyboard.data_commands:subject_access_command"),
    "retention": lazy("storyboard.data_commands:retention_command"),
}
