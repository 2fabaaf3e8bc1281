"""hash scheme on versions and approvals

Every version and approval made before this records scheme 1 (the whole document but its
status); new ones record scheme 2 (only what the family agreed to). Recorded hashes never
change: a version is checked with the scheme it was made with.

Revision ID: 4a1c2e9b7d10
Revises: 3d780066321b
Create Date: 2026-12-01 13:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '4a1c2e9b7d10'
down_revision = '3d780066321b'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('revisions', 'approvals'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('hash_scheme', sa.Integer(), nullable=False, server_default='1')
            )


def downgrade():
    for table in ('approvals', 'revisions'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('hash_scheme')
