"""sso_and_codes: staff identities at the council's OpenID provider, and sign-in codes

Revision ID: 0d4c5e6f7014
Revises: 0015c0a7e1b2 (0011_council_settings)
Create Date: 2026-12-02 02:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0d4c5e6f7014'
down_revision = '0015c0a7e1b2'  # 0011, the council's settings
branch_labels = None
depends_on = None

COLUMNS = ('totp_secret', 'totp_enabled_at', 'totp_last_step')


def upgrade():
    # Plain ADD COLUMNs and a new table: never a copy of a table (see docs/architecture.md).
    op.add_column('users', sa.Column('totp_secret', sa.String(length=255), nullable=True))
    op.add_column('users', sa.Column('totp_enabled_at', sa.DateTime(), nullable=True))
    op.add_column('users', sa.Column('totp_last_step', sa.Integer(), nullable=True))
    op.create_table(
        'sso_identities',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE'), nullable=False),
        sa.Column('issuer', sa.String(length=255), nullable=False),
        sa.Column('subject', sa.String(length=255), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('last_used_at', sa.DateTime(), nullable=True),
        sa.UniqueConstraint('issuer', 'subject', name=op.f('uq_sso_identities_issuer')),
    )
    op.create_index('ix_sso_identities_user_id', 'sso_identities', ['user_id'])


def downgrade():
    op.drop_index('ix_sso_identities_user_id', table_name='sso_identities')
    op.drop_table('sso_identities')
    for column in reversed(COLUMNS):
        op.execute(f'ALTER TABLE users DROP COLUMN {column}')
