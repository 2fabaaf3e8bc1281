"""people: the language each person reads and whether they need an interpreter

Case data for the worker (the review page suggests each parent's link language from it);
never in the portable file, so never in a version's hash.

Revision ID: 0013
Revises: 0d4c5e6f7014 (0012_sso_and_codes)
Create Date: 2026-12-02 03:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0d4c5e6f7014'  # 0012_sso_and_codes
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMNs: never a copy of the table (see docs/architecture.md).
    op.add_column('people', sa.Column('preferred_language', sa.String(length=35), nullable=True))
    op.add_column(
        'people',
        sa.Column('needs_interpreter', sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade():
    op.execute('ALTER TABLE people DROP COLUMN needs_interpreter')
    op.execute('ALTER TABLE people DROP COLUMN preferred_language')
