"""people: known_as, what the child calls them (printed instead of their full name)

Revision ID: 6c3e9a4b2d17
Revises: 5b2d8f3a9c11
Create Date: 2026-12-01 15:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '6c3e9a4b2d17'
down_revision = '5b2d8f3a9c11'
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN: never a copy of the table (see docs/architecture.md).
    op.add_column('people', sa.Column('known_as', sa.String(length=120), nullable=True))


def downgrade():
    op.execute('ALTER TABLE people DROP COLUMN known_as')
