"""indexes for a council's size: the audit pages and the dashboard's lookups

Revision ID: 0016
Revises: 0015 (0015_second_language)
Create Date: 2026-12-02 03:10:00

With a row per page save the audit log holds millions of rows. The team's page filters by
action, case or account and shows the newest first; a storyboard's trail reads its own rows
and those naming it. A worker's cases are found by account (the table's key starts with the
case). The indexes on the case and the storyboard alone give way to those with the time
(each save writes an audit row: fewer indexes to keep). Indexes only: no table is copied.
"""
from alembic import op


revision = '0016'
down_revision = '0015'  # 0015_second_language
branch_labels = None
depends_on = None

INDEXES = (
    ('ix_audit_events_action_at', 'audit_events', ['action', 'at']),
    ('ix_audit_events_case_id_at', 'audit_events', ['case_id', 'at']),
    ('ix_audit_events_storyboard_id_at', 'audit_events', ['storyboard_id', 'at']),
    ('ix_audit_events_user_id_at', 'audit_events', ['user_id', 'at']),
    ('ix_audit_events_object', 'audit_events', ['object_type', 'object_id']),
    ('ix_case_workers_user_id', 'case_workers', ['user_id']),
)


REPLACED = (
    ('ix_audit_events_case_id', 'audit_events', ['case_id']),
    ('ix_audit_events_storyboard_id', 'audit_events', ['storyboard_id']),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    for name, table, _ in REPLACED:
        op.drop_index(name, table_name=table)


def downgrade():
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns)
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
