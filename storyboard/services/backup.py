"""Backup and restore: every table in one consistent read, as a zip any instance can restore.

The copy is made inside one read transaction (SQLite's WAL snapshot; PostgreSQL's REPEATABLE
READ), so it is consistent while the app keeps running. It holds one JSON-lines file per
table, and restores into a fresh instance at the same migration, on SQLite or PostgreSQL.
A backup given to `restore` is checked where it enters: its files, its tables, its columns.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, func, select, text, update
from sqlalchemy.types import Date, DateTime, LargeBinary

from storyboard.services.db import db
from storyboard.services.models import User, utcnow

FORMAT = "storyboard-backup/1"
MANIFEST = "manifest.json"


class BackupError(ValueError):
    """A backup that cannot be made or restored; the message says why, plainly."""


def _revision(conn: Connection) -> str | None:
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _encode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for column in table.columns:
        value = row[column.name]
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        elif isinstance(value, datetime | date):
            value = value.isoformat()
        out[column.name] = value
    return out


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in row.items():
        column = table.columns[name]
        if value is not None and isinstance(column.type, LargeBinary):
            value = base64.b64decode(value)
        elif value is not None and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        out[name] = value
    return out


def make_backup() -> bytes:
    """Every row of every table, read in one transaction, as a zip."""
    engine = db.engine
    options = {} if engine.dialect.name == "sqlite" else {"isolation_level": "REPEATABLE READ"}
    buffer = io.BytesIO()
    counts: dict[str, int] = {}
    with (
        engine.connect().execution_options(**options) as conn,
        conn.begin(),
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("SELECT 1 FROM alembic_version")  # the snapshot starts here
        revision = _revision(conn)
        for table in db.metadata.sorted_tables:
            lines = [
                json.dumps(_encode(table, dict(row)), ensure_ascii=False)
                for row in conn.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
            counts[table.name] = len(lines)
            archive.writestr(f"tables/{table.name}.jsonl", "\n".join(lines))
        manifest = {"format": FORMAT, "revision": revision, "made_at": utcnow().isoformat()}
        archive.writestr(MANIFEST, json.dumps({**manifest, "tables": counts}, indent=2))
    return buffer.getvalue()


def _read(data: bytes) -> tuple[dict[str, Any], zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise BackupError("This is not a backup made by `storyboard backup`.") from None
    known = {f"tables/{t.name}.jsonl" for t in db.metadata.sorted_tables} | {MANIFEST}
    if MANIFEST not in names or names - known:
        raise BackupError("This is not a backup made by `storyboard backup`.")
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (ValueError, zipfile.BadZipFile):
        raise BackupError("The backup's manifest cannot be read.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This is not a backup made by `storyboard backup`.")
    return manifest, archive


def restore_backup(data: bytes) -> dict[str, int]:
    """Load a backup into this instance's database, which must be new (migrated, no accounts).

    Returns the number of rows restored per table. Everything is one transaction: a backup
    that fails part-way leaves the database as it was.
    """
    manifest, archive = _read(data)
    with db.engine.connect() as conn:
        revision = _revision(conn)
    if manifest.get("revision") != revision:
        raise BackupError(
            f"The backup was made at database version {manifest.get('revision')}, this "
            f"instance is at {revision}: run `storyboard db upgrade` to the same version first."
        )
    if db.session.scalar(select(func.count()).select_from(User)):
        raise BackupError("This instance already has accounts: restore into a new instance.")
    restored: dict[str, int] = {}
    later: list[tuple[Table, str, Any, dict[str, Any]]] = []
    try:
        for table in db.metadata.sorted_tables:
            member = f"tables/{table.name}.jsonl"
            lines = (
                archive.read(member).decode("utf-8").splitlines()
                if member in archive.namelist()
                else []
            )
            rows = [_decode(table, _checked(table, json.loads(line))) for line in lines if line]
            # A row naming another row of its own table (a team manager, a sibling's source)
            # is inserted without it, and linked once every row is in.
            own = [fk for fk in table.foreign_keys if fk.column.table is table]
            for row in rows:
                for fk in own:
                    if row.get(fk.parent.name) is not None:
                        later.append((table, fk.parent.name, row[fk.parent.name], row))
                        row = {**row, fk.parent.name: None}
                db.session.execute(table.insert().values(**row))
            restored[table.name] = len(rows)
        for table, name, value, row in later:
            key = {c.name: row[c.name] for c in table.primary_key.columns}
            where = [table.c[k] == v for k, v in key.items()]
            db.session.execute(update(table).where(*where).values({name: value}))
        _reset_sequences()
        db.session.commit()
    except (ValueError, KeyError, TypeError) as problem:
        db.session.rollback()
        raise BackupError(f"The backup cannot be restored: {type(problem).__name__}.") from None
    return restored


def _checked(table: Table, row: Any) -> dict[str, Any]:
    """A row as the backup holds it: an object naming only this table's columns."""
    if not isinstance(row, dict) or set(row) - set(table.columns.keys()):
        raise BackupError(f"The backup's {table.name} table does not match this version.")
    return row


def _reset_sequences() -> None:
    """On PostgreSQL, move each id sequence past the restored ids."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.columns and table.columns["id"].autoincrement:
            db.session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
