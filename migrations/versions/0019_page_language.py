"""users: the language a member of staff reads the app's own pages in

Staff pages are English first: a language is offered once its catalogue translates every
staff page's words (`storyboard.web.i18n.staff_languages`). Empty means English.

Revision ID: 0019
Revises: 0016 (0016_indexes_for_size)
Create Date: 2026-12-02 06:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0016'  # 0016_indexes_for_size
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN: never a copy of the table (see docs/architecture.md).
    op.add_column('users', sa.Column('page_language', sa.String(length=8), nullable=True))


def downgrade():
    op.execute('ALTER TABLE users DROP COLUMN page_language')
