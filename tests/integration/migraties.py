"""Moving a test database to another Alembic revision (the migration tests' one helper)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alembic.config import Config
from sqlalchemy import Engine

from trajectory.store.db import MIGRATIONS


def naar(engine: Engine, revisie: str, richting: Callable[[Config, str], Any]) -> None:
    """`richting` is `alembic.command.upgrade` or `downgrade`; `revisie` as Alembic reads it
    ("head", "0016-1")."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        richting(config, revisie)
