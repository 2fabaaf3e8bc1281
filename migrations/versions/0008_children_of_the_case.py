"""people: kind and age; storyboards: the child of the case; copy_changes

Each storyboard's child is a person of the case (kind "child", with an age), so a sibling's
copy knows both children's pronouns and ages. Professionals are people of kind
"professional", so they can be speakers. `copy_changes` holds the rewrites proposed when a
story is copied for a brother or sister.

Revision ID: 8e5a2c9d4f31
Revises: 7d4f1b8e3a20
Create Date: 2026-12-01 20:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '8e5a2c9d4f31'
down_revision = '7d4f1b8e3a20'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMNs: never a copy of a table (see docs/architecture.md).
    op.add_column(
        'people', sa.Column('kind', sa.String(length=16), nullable=False, server_default='family')
    )
    op.add_column('people', sa.Column('age', sa.Integer(), nullable=True))
    # No foreign key: SQLite adds one only by copying the table. Removing a person clears
    # the storyboards that named them (web/cases), and the model joins without one.
    op.add_column('storyboards', sa.Column('child_person_id', sa.Integer(), nullable=True))
    op.create_table(
        'copy_changes',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('storyboard_id', sa.Integer(), sa.ForeignKey('storyboards.id', ondelete='CASCADE'), nullable=False),
        sa.Column('panel_id', sa.Integer(), sa.ForeignKey('panels.id', ondelete='CASCADE'), nullable=True),
        sa.Column('field', sa.String(length=40), nullable=False),
        sa.Column('start', sa.Integer(), nullable=False),
        sa.Column('before', sa.Text(), nullable=False),
        sa.Column('after', sa.Text(), nullable=False),
        sa.Column('reason', sa.String(length=200), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='SET NULL'), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
    )
    op.create_index('ix_copy_changes_storyboard_id', 'copy_changes', ['storyboard_id'])


def downgrade():
    op.drop_index('ix_copy_changes_storyboard_id', table_name='copy_changes')
    op.drop_table('copy_changes')
    op.execute('ALTER TABLE storyboards DROP COLUMN child_person_id')
    op.execute('ALTER TABLE people DROP COLUMN age')
    op.execute('ALTER TABLE people DROP COLUMN kind')
