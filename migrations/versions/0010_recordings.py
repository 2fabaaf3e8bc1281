"""recordings: a page read aloud, kept cleaned under its hash, and named by its panel

Revision ID: a1c7e4f2b903
Revises: 9f6b3d0e5a42
Create Date: 2026-12-01 23:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a1c7e4f2b903'
down_revision = '9f6b3d0e5a42'
branch_labels = None
depends_on = None

COLUMNS = ('audio_sha256', 'audio_speaker', 'audio_seconds', 'audio_words')


def upgrade():
    # Plain ADD COLUMNs and a new table: never a copy of a table (see docs/architecture.md).
    op.add_column('panels', sa.Column('audio_sha256', sa.String(length=64), nullable=True))
    op.add_column('panels', sa.Column('audio_speaker', sa.String(length=60), nullable=True))
    op.add_column('panels', sa.Column('audio_seconds', sa.Float(), nullable=True))
    op.add_column('panels', sa.Column('audio_words', sa.String(length=64), nullable=True))
    op.create_table(
        'recordings',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('storyboard_id', sa.Integer(), sa.ForeignKey('storyboards.id', ondelete='CASCADE'), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=False),
        sa.Column('byte_size', sa.Integer(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='SET NULL'), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.UniqueConstraint('storyboard_id', 'sha256', name=op.f('uq_recordings_storyboard_id')),
    )
    op.create_index('ix_recordings_storyboard_id', 'recordings', ['storyboard_id'])
    op.create_index('ix_recordings_sha256', 'recordings', ['sha256'])


def downgrade():
    op.drop_index('ix_recordings_sha256', table_name='recordings')
    op.drop_index('ix_recordings_storyboard_id', table_name='recordings')
    op.drop_table('recordings')
    for column in reversed(COLUMNS):
        op.execute(f'ALTER TABLE panels DROP COLUMN {column}')
