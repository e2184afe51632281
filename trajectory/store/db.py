"""Connecting: an embedded SQLite file by default, PostgreSQL via TRAJECTORY_DATABASE_URL."""

from __future__ import annotations

import math
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from trajectory.domain.geheimen import Sleutels

DEFAULT_URL = "sqlite:///stagetraject.db"
MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_S = 10  # how long a SQLite writer waits for another


def database_url(environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    url = env.get("TRAJECTORY_DATABASE_URL") or DEFAULT_URL
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


# execution option on a connection whose transaction only reads (see LeesOfSchrijfSessie)
LEZEN = "stagetraject_lezen"
SCHRIJFOPDRACHTEN = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class SchrijvenInLeestransactie(RuntimeError):
    """Code wrote in a session it did not begin as a write transaction: a programming error."""


class LeesOfSchrijfSessie(Session):
    """A session's own transaction (`with sessions() as s:`, begun on first use) only reads;
    an explicit `begin()` (`with sessions.begin() as s:`) writes.

    On SQLite a write transaction claims the one writer up front with BEGIN IMMEDIATE (a
    deferred one that writes later can fail at once when another wrote in between), and a
    read transaction is a plain deferred BEGIN, so a page never waits for the write lock (and
    its busy-timeout backoff) while a step, an import or the scheduler writes. A write in a
    read transaction raises SchrijvenInLeestransactie, on both databases, so that a mistake
    shows in the tests instead of as a rare SQLITE_BUSY in production.
    """

    def begin(self, nested: bool = False) -> SessionTransaction:
        transactie = super().begin(nested)
        if not nested:  # take the connection now, as a writer
            self.connection(execution_options={LEZEN: False})
        return transactie


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Take transactions into our own hands (_begin): the driver begins none by itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    wiskunde(dbapi_connection)


# the matching query's distance (store/stagezoeken.py) uses SQLite's math functions, which a
# build without SQLITE_ENABLE_MATH_FUNCTIONS lacks: Python's own stand in there
WISKUNDE: dict[str, Any] = {
    "sin": math.sin,
    "cos": math.cos,
    "asin": math.asin,
    "sqrt": math.sqrt,
    "radians": math.radians,
}


def wiskunde(dbapi_connection: Any, *, altijd: bool = False) -> None:
    """Give the connection the math functions the queries use, where its SQLite has none."""
    if not altijd:
        try:
            dbapi_connection.execute("SELECT sin(0), asin(0), sqrt(1), radians(0)").fetchone()
            return
        except sqlite3.OperationalError:
            pass
    for naam, functie in WISKUNDE.items():
        dbapi_connection.create_function(naam, 1, _als_sqlite(functie), deterministic=True)


def _als_sqlite(functie: Callable[[float], float]) -> Callable[[float | None], float | None]:
    """NULL in, NULL out, and NULL outside the domain (sqrt(-1)), as SQLite's own do."""

    def sql(x: float | None) -> float | None:
        if x is None:
            return None
        try:
            return functie(x)
        except ValueError:
            return None

    return sql


# SQLite has one writer per file. Writers of this process queue on a lock per file before
# BEGIN IMMEDIATE: the next one starts the moment the last commits, where SQLite's own busy
# handler would have them sleep and retry (1, 2, 5, 10 … 100 ms), which under a few concurrent
# steps costs more than the steps themselves. Other processes (a separate scheduler) still meet
# at SQLite's lock, with its busy timeout.
_SCHRIJFSLOTEN: dict[str, threading.RLock] = {}
_SLOT = "stagetraject_schrijfslot"


def _sqlite_begin(conn: Connection) -> None:
    """A reader's deferred BEGIN, a writer's BEGIN IMMEDIATE (Core connections: writers)."""
    if conn.get_execution_options().get(LEZEN):
        conn.exec_driver_sql("BEGIN")
        return
    slot = _SCHRIJFSLOTEN.setdefault(str(conn.engine.url.database), threading.RLock())
    if slot.acquire(timeout=BUSY_TIMEOUT_S):  # else: on to SQLite's own busy timeout
        conn.info[_SLOT] = slot
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    except BaseException:
        _sqlite_einde(conn)
        raise


def _sqlite_einde(conn: Connection) -> None:
    """After COMMIT or ROLLBACK: the next writer of this process may begin."""
    slot = conn.info.pop(_SLOT, None)
    if slot is not None:
        slot.release()


def _alleen_lezen(  # the signature of SQLAlchemy's before_cursor_execute event
    conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
) -> None:
    if conn.get_execution_options().get(LEZEN) and statement.lstrip()[:7].upper().startswith(
        SCHRIJFOPDRACHTEN
    ):
        raise SchrijvenInLeestransactie(
            "Schrijven in een sessie die alleen leest: begin de transactie met "
            "sessions.begin() (" + " ".join(statement.split()[:3]) + " …)"
        )


def make_engine(url: str) -> Engine:
    """`hide_parameters`: an error's text (and so a logged traceback) never carries the bound
    values, which are names and birth dates."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "commit", _sqlite_einde)
        event.listen(engine, "rollback", _sqlite_einde)
    else:
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
    event.listen(engine, "before_cursor_execute", _alleen_lezen)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(
        engine,
        class_=LeesOfSchrijfSessie,
        expire_on_commit=False,
        execution_options={LEZEN: True},
    )


def upgrade(engine: Engine, sleutels: Sleutels | None = None) -> None:
    """Bring the schema to the newest migration (Alembic). `sleutels`: the server keys for a
    migration that encrypts (0013); without them such a migration reads the environment's."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["sleutels"] = sleutels
        command.upgrade(config, "head")
