"""The data-lifecycle commands: backup, restore, subject access and retention.

Each writes or reads one file; files may be sealed with a passphrase (`core.sealed`). The
passphrase comes from a file named with `--passphrase-file` or is typed at a hidden prompt;
it is never an argument (it would sit in the shell's history and the process list).
"""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask.cli import with_appcontext

from storyboard.core.sealed import SealError, is_sealed, seal, unseal

PASSPHRASE_FILE = click.option(
    "--passphrase-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file whose first line is the passphrase (else it is asked for).",
)


def _passphrase(path: Path | None, *, confirm: bool) -> str:
    if path is not None:
        return path.read_text(encoding="utf-8").splitlines()[0] if path.stat().st_size else ""
    return click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm)


def _write(out: Path, data: bytes, encrypt: bool, passphrase_file: Path | None) -> None:
    if encrypt or passphrase_file is not None:
        try:
            data = seal(data, _passphrase(passphrase_file, confirm=True))
        except SealError as problem:
            raise click.UsageError(str(problem)) from None
    # Owner-only from the first byte: these files hold everything about families.
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise click.UsageError(f"{out} already exists; choose a new file name.") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _read(path: Path, passphrase_file: Path | None) -> bytes:
    data = path.read_bytes()
    if is_sealed(data):
        try:
            data = unseal(data, _passphrase(passphrase_file, confirm=False))
        except SealError as problem:
            raise click.UsageError(str(problem)) from None
    return data


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--encrypt", is_flag=True, help="Seal the backup with a passphrase.")
@PASSPHRASE_FILE
@with_appcontext
def backup_command(out: Path, encrypt: bool, passphrase_file: Path | None) -> None:
    """Write a consistent copy of everything (accounts, cases, stories, pictures) to OUT."""
    from storyboard.services import audit
    from storyboard.services.backup import make_backup
    from storyboard.services.db import db

    data = make_backup()
    _write(out, data, encrypt, passphrase_file)
    audit.record("backup", bytes=len(data), sealed=encrypt or passphrase_file is not None)
    db.session.commit()
    click.echo(f"Backup written to {out} ({len(data):,} bytes before sealing).")


@click.command("restore")
@click.argument("backup", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@PASSPHRASE_FILE
@with_appcontext
def restore_command(backup: Path, passphrase_file: Path | None) -> None:
    """Load BACKUP into this new instance (run `storyboard db upgrade` first)."""
    from storyboard.services import audit
    from storyboard.services.backup import BackupError, restore_backup
    from storyboard.services.db import db

    try:
        counts = restore_backup(_read(backup, passphrase_file))
    except BackupError as problem:
        raise click.UsageError(str(problem)) from None
    audit.record("restore", rows=sum(counts.values()))
    db.session.commit()
    click.echo(
        f"Restored {counts.get('cases', 0)} cases, {counts.get('storyboards', 0)} storyboards, "
        f"{counts.get('images', 0)} pictures and {counts.get('users', 0)} accounts."
    )


@click.command("subject-access")
@click.argument("case_id", type=int)
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--encrypt", is_flag=True, help="Seal the zip with a passphrase.")
@PASSPHRASE_FILE
@with_appcontext
def subject_access_command(
    case_id: int, out: Path, encrypt: bool, passphrase_file: Path | None
) -> None:
    """Write everything held about case CASE_ID (its number in the app's address) to OUT."""
    from storyboard.services import audit
    from storyboard.services.db import db
    from storyboard.services.models import Case, utcnow
    from storyboard.services.subject_access import subject_access_zip

    case = db.session.get(Case, case_id)
    if case is None:
        raise click.UsageError(f"There is no case {case_id}.")
    data = subject_access_zip(case, utcnow())
    _write(out, data, encrypt, passphrase_file)
    audit.record("subject_access", case, case_id=case.id)
    db.session.commit()
    click.echo(f"Everything held about case {case.reference} written to {out}.")


@click.command("retention")
@click.option("--delete", "carry_out", is_flag=True, help="Delete what is listed.")
@with_appcontext
def retention_command(carry_out: bool) -> None:
    """List what the retention settings say to delete from closed cases; --delete deletes it."""
    from flask import current_app

    from storyboard.services import retention
    from storyboard.services.db import db
    from storyboard.services.models import utcnow

    now = utcnow()
    config = current_app.config
    deletions = retention.plan(
        now, int(config["RETENTION_DRAFT_DAYS"]), int(config["RETENTION_CASE_YEARS"])
    )
    if not deletions:
        click.echo("Nothing to delete under the retention settings.")
        return
    verb = "Deleted" if carry_out else "Would delete"
    for item in deletions:
        click.echo(f"{verb}: {item.describe(now)}")
    if carry_out:
        retention.carry_out(deletions)
        db.session.commit()
        click.echo(f"{len(deletions)} deletions made; each has an audit row.")
    else:
        click.echo(f"{len(deletions)} deletions. Run `storyboard retention --delete` to make them.")
