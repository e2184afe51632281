"""Alembic environment: the connection is handed in by trajectory.store.db.upgrade."""

from alembic import context

from trajectory.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    from trajectory.store.db import database_url, make_engine

    connection = make_engine(database_url()).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
