"""share_links: a link can follow the storyboard to each new version sent for review

One link per reviewer: the same link and PIN open the newest version sent, tell the reviewer
what changed since they last looked, and work for `days` after each version is sent. Links
made before keep opening their own version (`follows` false).

Revision ID: 9f6b3d0e5a42
Revises: 8e5a2c9d4f31
Create Date: 2026-12-01 21:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '9f6b3d0e5a42'
down_revision = '8e5a2c9d4f31'
branch_labels = None
depends_on = None

COLUMNS = ('follows', 'days', 'seen_revision_id', 'before_revision_id')


def upgrade():
    # Plain ADD COLUMNs: never a copy of the table (see docs/architecture.md).
    op.add_column(
        'share_links',
        sa.Column('follows', sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column('share_links', sa.Column('days', sa.Integer(), nullable=True))
    op.add_column('share_links', sa.Column('seen_revision_id', sa.Integer(), nullable=True))
    op.add_column('share_links', sa.Column('before_revision_id', sa.Integer(), nullable=True))


def downgrade():
    for column in reversed(COLUMNS):
        op.execute(f'ALTER TABLE share_links DROP COLUMN {column}')
