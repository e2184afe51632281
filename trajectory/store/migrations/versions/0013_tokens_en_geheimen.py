"""API tokens expire; TOTP secrets are stored encrypted (issue #14, findings 8 and 9).

`api_token.verloopt`: a token works until then. Tokens made before this migration had no end:
they get the default term (90 days, `usecases.apitokens.STANDAARD_DAGEN`) counted from the
upgrade, so that no integration stops the moment the new version starts.

Revision ID: 0013
Revises: 0012
"""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TERMIJN = timedelta(days=90)  # usecases.apitokens.STANDAARD_DAGEN, as it was at this revision


def upgrade() -> None:
    with op.batch_alter_table("api_token") as batch:
        batch.add_column(sa.Column("verloopt", sa.DateTime(timezone=True), nullable=True))
    op.get_bind().execute(
        sa.text("UPDATE api_token SET verloopt = :verloopt"),
        {"verloopt": datetime.now(UTC) + TERMIJN},
    )
    with op.batch_alter_table("api_token") as batch:
        batch.alter_column("verloopt", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("api_token") as batch:
        batch.drop_column("verloopt")
