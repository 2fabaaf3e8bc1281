"""share_links: the language of the reviewer's pages, chosen when the link is made

Links made before have none: their pages follow the reviewer's browser, then English.

Revision ID: b8d2e6f1c044
Revises: 0013 (0013_person_language)
Create Date: 2026-12-02 03:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b8d2e6f1c044'
down_revision = '0013'  # 0013_person_language
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN: never a copy of the table (see docs/architecture.md).
    op.add_column('share_links', sa.Column('language', sa.String(length=12), nullable=True))


def downgrade():
    op.execute('ALTER TABLE share_links DROP COLUMN language')
