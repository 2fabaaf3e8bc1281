"""cases: the reference is no longer unique across the council

A unique reference told a worker that a case they cannot see exists ("a case with this
reference already exists"). References now live in `case_reference`, indexed but not
unique. SQLite cannot drop the old column's UNIQUE constraint without copying the table,
which would fire the foreign keys and delete every storyboard (see docs/architecture.md),
so the old `reference` column stays, holding a unique placeholder per row.

Revision ID: 7d4f1b8e3a20
Revises: 6c3e9a4b2d17
Create Date: 2026-12-01 18:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '7d4f1b8e3a20'
down_revision = '6c3e9a4b2d17'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'cases',
        sa.Column('case_reference', sa.String(length=40), nullable=False, server_default=''),
    )
    op.execute('UPDATE cases SET case_reference = reference')
    op.create_index('ix_cases_case_reference', 'cases', ['case_reference'])
    # The old column keeps its constraint and holds a placeholder unique to the row.
    op.execute("UPDATE cases SET reference = 'case-' || id")


def downgrade():
    # Refused rather than guessed: two cases may now share a reference.
    bind = op.get_bind()
    shared = bind.exec_driver_sql(
        'SELECT case_reference FROM cases GROUP BY case_reference HAVING COUNT(*) > 1'
    ).first()
    if shared is not None:
        raise RuntimeError('Two cases share a reference; the old schema cannot hold them.')
    op.execute('UPDATE cases SET reference = case_reference')
    op.drop_index('ix_cases_case_reference', table_name='cases')
    op.execute('ALTER TABLE cases DROP COLUMN case_reference')
