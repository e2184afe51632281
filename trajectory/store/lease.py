"""A lease row: which one process of a deployment runs the scheduler's jobs (issue #20).

Every web worker, web instance and `trajectory scheduler` runs a scheduler, but only the holder
of the lease runs its jobs. The holder renews the lease well before it expires; when the holder
dies (or loses its database) it stops renewing, the lease lapses, and the next contender to try
takes it over. Taking and renewing is one conditional UPDATE (held by me, or expired), so on
PostgreSQL the row lock and on SQLite the write lock let exactly one contender win. Time comes
from the caller's clock: tests drive it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, case, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.clock import as_utc
from trajectory.store import tables as t


def neem(
    sessions: sessionmaker[Session], naam: str, houder: str, nu: datetime, duur: timedelta
) -> bool:
    """Take or renew the lease `naam` for `houder` until `nu + duur`; True when it holds it."""
    lease = t.SchedulerLease
    with sessions.begin() as session:
        genomen = cast(
            CursorResult[Any],
            session.execute(
                update(lease)
                .where(lease.naam == naam, or_(lease.houder == houder, lease.verloopt <= nu))
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
        if session.get(lease, naam) is not None:
            return False  # held by another, not yet expired
    try:
        with sessions.begin() as session:
            session.add(lease(naam=naam, houder=houder, sinds=nu, verloopt=nu + duur))
    except IntegrityError:
        return False  # another contender inserted it first
    return True


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
