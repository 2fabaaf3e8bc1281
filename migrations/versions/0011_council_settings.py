"""council settings: the council's name, logo, colours and helplines; a storyboard may show them

Revision ID: 0015c0a7e1b2
Revises: a1c7e4f2b903 (0010_recordings)
Create Date: 2026-12-02 02:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0015c0a7e1b2'
down_revision = 'a1c7e4f2b903'
branch_labels = None
depends_on = None


def upgrade():
    # A new table and a plain ADD COLUMN: never a copy of a table (see docs/architecture.md).
    op.create_table(
        'council_settings',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('logo_sha256', sa.String(length=64), nullable=True),
        sa.Column('logo_width', sa.Integer(), nullable=True),
        sa.Column('logo_height', sa.Integer(), nullable=True),
        sa.Column('primary_colour', sa.String(length=7), nullable=True),
        sa.Column('accent_colour', sa.String(length=7), nullable=True),
        sa.Column('helplines', sa.JSON(), nullable=False),
        sa.Column('booklet_allowed', sa.Boolean(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), sa.ForeignKey('users.id', name=op.f('fk_council_settings_updated_by_id_users'), ondelete='SET NULL'), nullable=True),
    )
    op.add_column(
        'storyboards',
        sa.Column('show_council', sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade():
    op.execute('ALTER TABLE storyboards DROP COLUMN show_council')
    op.drop_table('council_settings')
