"""API tokens expire; TOTP secrets are stored encrypted (issue #14, findings 8 and 9).

`api_token.verloopt`: a token works until then. Tokens made before this migration had no end:
they get the default term (90 days, `usecases.apitokens.STANDAARD_DAGEN`) counted from the
upgrade, so that no integration stops the moment the new version starts.

`gebruiker.totp_secret` and `sessie.totp_nieuw` held the base32 secrets as is. They become
`totp_versleuteld` and `totp_nieuw_versleuteld`, encrypted with the server key
(`trajectory/domain/geheimen.py`: the keys handed in by `store.db.upgrade`, else those of the
environment, read only when there is a secret to carry over). New columns rather than wider
ones: SQLite cannot change a column's type without copying the table, and `gebruiker` is the
target of foreign keys. The throttle's rows keep their old plain-SHA-256 keys: they no longer
match any new key and simply age out of the 15-minute window.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

from trajectory.domain.geheimen import Sleutels, uit_omgeving

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TERMIJN = timedelta(days=90)  # usecases.apitokens.STANDAARD_DAGEN, as it was at this revision
KOLOMMEN = (  # table, plain column (0012), encrypted column (0013), the table's key
    ("gebruiker", "totp_secret", "totp_versleuteld", "id"),
    ("sessie", "totp_nieuw", "totp_nieuw_versleuteld", "token_hash"),
)


def upgrade() -> None:
    with op.batch_alter_table("api_token") as batch:
        batch.add_column(sa.Column("verloopt", sa.DateTime(timezone=True), nullable=True))
    op.get_bind().execute(
        sa.text("UPDATE api_token SET verloopt = :verloopt"),
        {"verloopt": datetime.now(UTC) + TERMIJN},
    )
    with op.batch_alter_table("api_token") as batch:
        batch.alter_column("verloopt", existing_type=sa.DateTime(timezone=True), nullable=False)
    for tabel, plat, versleuteld, sleutel in KOLOMMEN:
        op.add_column(tabel, sa.Column(versleuteld, sa.String(length=200), nullable=True))
        _over(tabel, plat, versleuteld, sleutel, lambda s, geheim: s.versleutel(geheim))
        op.drop_column(tabel, plat)  # SQLite ≥ 3.35: a plain ALTER TABLE … DROP COLUMN


def downgrade() -> None:
    for tabel, plat, versleuteld, sleutel in KOLOMMEN:
        op.add_column(tabel, sa.Column(plat, sa.String(length=64), nullable=True))
        _over(tabel, versleuteld, plat, sleutel, lambda s, geheim: s.ontsleutel(geheim))
        op.drop_column(tabel, versleuteld)
    with op.batch_alter_table("api_token") as batch:
        batch.drop_column("verloopt")


def _over(
    tabel: str, van: str, naar: str, sleutel: str, omzetten: Callable[[Sleutels, str], str]
) -> None:
    conn = op.get_bind()
    rijen = conn.execute(
        sa.text(f"SELECT {sleutel}, {van} FROM {tabel} WHERE {van} IS NOT NULL")
    ).all()
    if not rijen:
        return
    config = op.get_context().config
    sleutels = (config.attributes.get("sleutels") if config else None) or uit_omgeving()
    conn.execute(
        sa.text(f"UPDATE {tabel} SET {naar} = :waarde WHERE {sleutel} = :sleutel"),
        [{"waarde": omzetten(sleutels, geheim), "sleutel": id_} for id_, geheim in rijen],
    )
