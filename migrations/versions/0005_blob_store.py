"""blob store: photos, drawings and frozen versions move into the database

Creates `blobs` (bytes under their SHA-256), `export_files` (a version's exports already made)
and `revisions.file_sha256`, then copies today's files in:

- every uploaded photo or drawing, from UPLOAD_FOLDER or instance/images;
- every frozen version, from instance/revisions/<version hash>.zip.

A file is copied only if its bytes still match the hash that names it. The files themselves
are deleted by the app after this migration has committed (`blobs.remove_moved_files`), and
only those whose exact bytes are in the database. Nothing here logs a name or a word.

Revision ID: 5b2d8f3a9c11
Revises: 4a1c2e9b7d10
Create Date: 2026-12-01 15:40:00

"""
import hashlib
import logging
from datetime import datetime, timezone
from pathlib import Path

from alembic import op
import sqlalchemy as sa
from flask import current_app


revision = '5b2d8f3a9c11'
down_revision = '4a1c2e9b7d10'
branch_labels = None
depends_on = None

log = logging.getLogger('alembic.runtime.migration')

# As the app named its files before this migration (kept here: migrations never change).
EXTENSIONS = {'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp'}

blobs = sa.table(
    'blobs',
    sa.column('sha256', sa.String),
    sa.column('media_type', sa.String),
    sa.column('byte_size', sa.Integer),
    sa.column('data', sa.LargeBinary),
    sa.column('created_at', sa.DateTime),
)


def upgrade():
    op.create_table(
        'blobs',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('media_type', sa.String(length=80), nullable=False),
        sa.Column('byte_size', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blobs')),
    )
    op.create_table(
        'export_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('revision_id', sa.Integer(), nullable=False),
        sa.Column('format', sa.String(length=16), nullable=False),
        sa.Column('settings', sa.String(length=200), nullable=False),
        sa.Column('blob_sha256', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['blob_sha256'], ['blobs.sha256'],
            name=op.f('fk_export_files_blob_sha256_blobs'),
        ),
        sa.ForeignKeyConstraint(
            ['revision_id'], ['revisions.id'],
            name=op.f('fk_export_files_revision_id_revisions'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_export_files')),
        sa.UniqueConstraint(
            'revision_id', 'format', 'settings',
            name=op.f('uq_export_files_revision_id'),
        ),
    )
    with op.batch_alter_table('export_files', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_export_files_revision_id'), ['revision_id'], unique=False
        )
    # A plain ALTER TABLE ADD COLUMN, never a copy of the table: on SQLite, dropping the old
    # copy of `revisions` would fire the foreign keys of approvals, links and the audit log.
    op.add_column('revisions', sa.Column('file_sha256', sa.String(length=64), nullable=True))
    _move_files_in()


def _move_files_in():
    """Copy every photo and frozen version the database names into `blobs`."""
    connection = op.get_bind()
    configured = current_app.config.get('UPLOAD_FOLDER')
    images = Path(configured) if configured else Path(current_app.instance_path) / 'images'
    frozen = Path(current_app.instance_path) / 'revisions'
    kept = set()
    moved = missing = 0

    rows = connection.execute(sa.text('SELECT DISTINCT sha256, media_type FROM images'))
    for sha256, media_type in rows.fetchall():
        path = images / f"{sha256}.{EXTENSIONS.get(media_type, 'bin')}"
        if _keep(connection, path, sha256, media_type, kept):
            moved += 1
        else:
            missing += 1

    rows = connection.execute(sa.text('SELECT id, sha256 FROM revisions'))
    for revision_id, version_sha in rows.fetchall():
        path = frozen / f'{version_sha}.zip'
        data = _read(path)
        if data is None:
            missing += 1
            continue
        sha256 = hashlib.sha256(data).hexdigest()
        _keep(connection, path, sha256, 'application/zip', kept, data)
        connection.execute(
            sa.text('UPDATE revisions SET file_sha256 = :f WHERE id = :i'),
            {'f': sha256, 'i': revision_id},
        )
        moved += 1
    log.info('blob store: %d files copied into the database, %d not found', moved, missing)


def _read(path):
    try:
        return path.read_bytes()
    except OSError:
        return None


def _keep(connection, path, sha256, media_type, kept, data=None):
    """Insert one file's bytes under their hash; False if missing or not what its name says."""
    data = _read(path) if data is None else data
    if data is None or hashlib.sha256(data).hexdigest() != sha256:
        return False
    if sha256 not in kept:
        connection.execute(
            blobs.insert().values(
                sha256=sha256, media_type=media_type, byte_size=len(data), data=data,
                created_at=datetime.now(timezone.utc).replace(tzinfo=None),
            )
        )
        kept.add(sha256)
    return True


def downgrade():
    """Write the blobs back out as files where the app before this migration looks for them."""
    _write_files_out()
    # ALTER TABLE DROP COLUMN on both (SQLite 3.35+), for the reason given in upgrade().
    op.execute('ALTER TABLE revisions DROP COLUMN file_sha256')
    with op.batch_alter_table('export_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_files_revision_id'))
    op.drop_table('export_files')
    op.drop_table('blobs')


def _write_files_out():
    connection = op.get_bind()
    configured = current_app.config.get('UPLOAD_FOLDER')
    images = Path(configured) if configured else Path(current_app.instance_path) / 'images'
    frozen = Path(current_app.instance_path) / 'revisions'
    rows = connection.execute(sa.text(
        'SELECT DISTINCT i.sha256, i.media_type, b.data FROM images i '
        'JOIN blobs b ON b.sha256 = i.sha256'
    ))
    for sha256, media_type, data in rows.fetchall():
        _write(images / f"{sha256}.{EXTENSIONS.get(media_type, 'bin')}", bytes(data))
    rows = connection.execute(sa.text(
        'SELECT r.sha256, b.data FROM revisions r JOIN blobs b ON b.sha256 = r.file_sha256'
    ))
    for version_sha, data in rows.fetchall():
        _write(frozen / f'{version_sha}.zip', bytes(data))


def _write(path, data):
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
