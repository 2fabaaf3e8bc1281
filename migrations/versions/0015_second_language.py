"""second language: a storyboard's second language and title, each panel's heading and words

Revision ID: 0015
Revises: b8d2e6f1c044 (0014_link_language)
Create Date: 2026-12-02 02:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = 'b8d2e6f1c044'  # 0014_link_language
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMNs, all nullable: never a copy of a table (see docs/architecture.md).
    op.add_column('storyboards', sa.Column('second_language', sa.String(length=35), nullable=True))
    op.add_column('storyboards', sa.Column('title_2', sa.Text(), nullable=True))
    op.add_column('panels', sa.Column('heading_2', sa.Text(), nullable=True))
    op.add_column('panels', sa.Column('text_2', sa.Text(), nullable=True))


def downgrade():
    for table, column in (
        ('panels', 'text_2'), ('panels', 'heading_2'),
        ('storyboards', 'title_2'), ('storyboards', 'second_language'),
    ):
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
