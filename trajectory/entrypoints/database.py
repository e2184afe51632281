"""The database the commands work on: `TRAJECTORY_DATABASE_URL`, migrated before use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker

from trajectory.store.db import database_url, make_engine, make_sessionmaker, upgrade


@contextmanager
def configured_sessions() -> Iterator[sessionmaker[Session]]:
    """The configured database, migrated; its connections closed afterwards."""
    engine = make_engine(database_url())
    try:
        upgrade(engine)
        yield make_sessionmaker(engine)
    finally:
        engine.dispose()
