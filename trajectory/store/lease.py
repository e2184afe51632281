"""A lease row: which one process of a deployment runs the scheduler's jobs (issue #20).

Every web worker, web instance and `trajectory scheduler` runs a scheduler, but only the holder
of the lease runs its jobs. The holder renews the lease well before it expires; when the holder
stops renewing (hung, or cut off from the database) the lease lapses and the next contender to
try takes it over; sooner when the holder's Slot (an advisory lock or a file lock, dropped by
PostgreSQL or the OS the moment its process dies) shows it is gone. Taking and renewing is one
conditional UPDATE (held by me, or expired), so on PostgreSQL the row lock and on SQLite the
write lock let exactly one contender win. Time comes from the caller's clock: tests drive it.
"""

from __future__ import annotations

import fcntl
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Engine,
    case,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.clock import as_utc
from trajectory.store import tables as t


def neem(
    sessions: sessionmaker[Session],
    naam: str,
    houder: str,
    nu: datetime,
    duur: timedelta,
    *,
    overnemen: bool = False,
    zonder_slot: bool = False,
) -> bool:
    """Take or renew the lease `naam` for `houder` until `nu + duur`; True when it holds it.
    `overnemen`: also from a holder whose lease has not expired (it is known to be dead: see
    Slot). `zonder_slot`: a contender that could not get the Slot another process holds: it
    renews its own lease, takes a lapsed one only after VOORRANG_SLOT (the slot's holder, when
    alive, takes it first) and never creates the row, so it cannot slip in between a slot
    holder's start and its first write and be overruled a moment later."""
    lease = t.SchedulerLease
    vrij: ColumnElement[bool]
    if overnemen:
        vrij = lease.verloopt.is_not(None)
    else:
        vrij = lease.verloopt <= (nu - VOORRANG_SLOT if zonder_slot else nu)
    with sessions.begin() as session:
        genomen = cast(
            CursorResult[Any],
            session.execute(
                update(lease)
                .where(lease.naam == naam, or_(lease.houder == houder, vrij))
                .values(
                    houder=houder,
                    sinds=case((lease.houder == houder, lease.sinds), else_=nu),
                    verloopt=nu + duur,
                )
                .execution_options(synchronize_session=False)
            ),
        ).rowcount
        if genomen == 1:
            return True
        if zonder_slot or session.get(lease, naam) is not None:
            return False  # held by another, not yet expired; or the slot's holder creates it
    try:
        with sessions.begin() as session:
            session.add(lease(naam=naam, houder=houder, sinds=nu, verloopt=nu + duur))
    except IntegrityError:
        return False  # another contender inserted it first
    return True


VOORRANG_SLOT = timedelta(seconds=60)  # three of a live holder's renewals (every 20 s)


def geef_vrij(sessions: sessionmaker[Session], naam: str, houder: str, nu: datetime) -> None:
    """A holder that stops on purpose: the lease lapses now, so another takes it at once."""
    lease = t.SchedulerLease
    with sessions.begin() as session:
        session.execute(
            update(lease)
            .where(lease.naam == naam, lease.houder == houder)
            .values(verloopt=nu)
            .execution_options(synchronize_session=False)
        )


def houder_van(sessions: sessionmaker[Session], naam: str, nu: datetime) -> str | None:
    """Who holds the lease at `nu`; None when nobody (never taken, released or expired)."""
    lease = t.SchedulerLease
    with sessions() as session:
        rij = session.execute(
            select(lease.houder, lease.verloopt).where(lease.naam == naam)
        ).one_or_none()
    if rij is None or as_utc(rij.verloopt) <= nu:
        return None
    return rij.houder


SCHEDULER_LOCK_KEY = 7_420_003  # next to repository.WACHTLIJST_LOCK (7_420_001 is retired)


class Slot:
    """What the operating system or PostgreSQL drops the moment its process dies, however it
    dies: a session advisory lock on its own connection (PostgreSQL), an OS lock on
    `<database>.scheduler.lock` (an SQLite file). The lease's holder holds it too, so a
    contender that gets the slot knows the holder is gone and need not wait for the lease to
    expire. Without a slot (SQLite in memory) the lease's expiry alone decides."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pad = _lock_pad(engine)
        self._verbinding: Connection | None = None
        self._bestand: IO[str] | None = None

    @property
    def mogelijk(self) -> bool:
        return self.engine.dialect.name == "postgresql" or self.pad is not None

    @property
    def vast(self) -> bool:
        return self._verbinding is not None or self._bestand is not None

    def probeer(self) -> bool:
        """Take the slot without waiting; True while this process holds it."""
        if self._verbinding is not None and not self._leeft(self._verbinding):
            self.geef_vrij()  # the database restarted: the lock went with the connection
        if self.vast or not self.mogelijk:
            return self.vast
        if self.pad is not None:
            bestand = self.pad.open("a")
            try:
                fcntl.flock(bestand, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                bestand.close()
                return False
            self._bestand = bestand
            return True
        verbinding = self.engine.connect()
        try:
            gekregen = verbinding.scalar(
                text("SELECT pg_try_advisory_lock(:k)"), {"k": SCHEDULER_LOCK_KEY}
            )
            verbinding.commit()  # the lock is the session's: it outlives this transaction
        except SQLAlchemyError:
            verbinding.close()
            raise
        if not gekregen:
            verbinding.close()
            return False
        self._verbinding = verbinding
        return True

    @staticmethod
    def _leeft(verbinding: Connection) -> bool:
        try:
            verbinding.exec_driver_sql("SELECT 1")
            verbinding.commit()
        except SQLAlchemyError:
            return False
        return True

    def geef_vrij(self) -> None:
        if self._bestand is not None:
            fcntl.flock(self._bestand, fcntl.LOCK_UN)
            self._bestand.close()
            self._bestand = None
        if self._verbinding is not None:
            try:
                self._verbinding.execute(
                    text("SELECT pg_advisory_unlock(:k)"), {"k": SCHEDULER_LOCK_KEY}
                )
                self._verbinding.commit()
            except SQLAlchemyError:
                pass  # a broken connection: PostgreSQL dropped the lock with it
            finally:
                self._verbinding.invalidate()  # never back into the pool holding a lock
                self._verbinding.close()
                self._verbinding = None


def _lock_pad(engine: Engine) -> Path | None:
    """`<database>.scheduler.lock` for an SQLite file; None for PostgreSQL or :memory:."""
    if engine.dialect.name != "sqlite":
        return None
    pad = engine.url.database
    if not pad or pad == ":memory:":
        return None
    return Path(pad).with_name(Path(pad).name + ".scheduler.lock")
