"""Indexes for the overviews: leerlingen by name, leerjaar and state, audit events by time.

The overview of all leerlingen sorts by name and pages (30,000 leerlingen must stay fast); the
audit review filters by period.

Revision ID: 0008
Revises: 0006
"""

from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_leerling_naam", "leerling", ["naam", "id"])
    op.create_index("ix_leerling_leerjaar", "leerling", ["leerjaar"])
    op.create_index("ix_leerling_state_naam", "leerling", ["state", "naam", "id"])
    op.create_index("ix_audit_event_tijd", "audit_event", ["tijd"])


def downgrade() -> None:
    op.drop_index("ix_audit_event_tijd", table_name="audit_event")
    op.drop_index("ix_leerling_state_naam", table_name="leerling")
    op.drop_index("ix_leerling_leerjaar", table_name="leerling")
    op.drop_index("ix_leerling_naam", table_name="leerling")
