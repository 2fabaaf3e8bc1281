"""The `storyboard` command's front door.

The commands on a storyboard file (render, validate, check, the contact sheet) need no app,
database or instance folder, so they run from here without importing Flask or the app (a third
of a second at every start). Every other command is the app's: `storyboard.app_commands`,
Flask's CLI, which lists the file commands in its help too.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any

import click

FILE_COMMANDS = {
    "render": "storyboard.booklet.commands:render_command",
    "validate": "storyboard.booklet.commands:validate_command",
    "check": "storyboard.plainwords.cli:check_command",
    "contact-sheet": "storyboard.pictures.illustrations:contact_sheet",
}


def _load(target: str) -> click.Command:
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)


def app_cli() -> click.Group:
    """The app's command group (Flask's CLI), with the file commands in its list."""
    from storyboard import app_commands

    for name, target in FILE_COMMANDS.items():
        app_commands.LAZY_COMMANDS.setdefault(name, app_commands.lazy(target))
    return app_commands.cli


class Storyboard(click.Group):
    """Runs a file command itself; hands anything else (and --help) to the app's group."""

    def main(
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        """Dispatch on the first argument, as the console script or a test runner calls it."""
        args = list(sys.argv[1:] if args is None else args)
        prog_name = prog_name or "storyboard"
        if args and args[0] in FILE_COMMANDS:
            command = _load(FILE_COMMANDS[args[0]])
            return command.main(args[1:], f"{prog_name} {args[0]}", **extra)
        return app_cli().main(args, prog_name, **extra)


cli = Storyboard("storyboard", help="Words & Pictures storyboard builder.")
