"""Reminder rows: read, written and claimed for `usecases/herinneringen.py`, which decides what
is pending and what a due reminder tells whom.

Claiming is per leerling: the leerling's row is locked with `FOR UPDATE SKIP LOCKED`
(PostgreSQL), so a second instance passes over a leerling the first is firing and no reminder
is fired twice; the due rows are locked the same way. SQLite ignores the locks; there a second
scheduler refuses to start (entrypoints/scheduler.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from trajectory.store import tables as t

GEPLAND, GEVUURD, OVERBODIG = "gepland", "gevuurd", "overbodig"
AFGEHANDELD = "afgehandeld"  # an owned reminder whose follow-ups were marked done after it fired
# built once, plain columns and INSERTs: re-planning runs in every step and record
HERINNERINGEN_VAN = select(
    t.Herinnering.id,
    t.Herinnering.soort,
    t.Herinnering.verschuldigd,
    t.Herinnering.status,
    t.Herinnering.geclaimd,
    t.Herinnering.eigenaar_id,
).where(t.Herinnering.leerling_id == bindparam("leerling"))
HERINNERING_TOEVOEGEN = insert(t.tabel(t.Herinnering))


def van_leerling(session: Session, leerling_id: int) -> Sequence[t.Rij]:
    """Every reminder row of the leerling (id, soort, verschuldigd, status, geclaimd,
    eigenaar_id)."""
    return session.execute(HERINNERINGEN_VAN, {"leerling": leerling_id}).all()


def verwijder(session: Session, ids: Sequence[int]) -> None:
    if ids:
        session.execute(delete(t.Herinnering).where(t.Herinnering.id.in_(ids)))


def plan_in(
    session: Session,
    leerling_id: int,
    gepland: Iterable[tuple[str, date, int | None]],
    moment: datetime,
) -> None:
    """Insert pending reminders, one per (soort, verschuldigd, eigenaar_id)."""
    nieuw = [
        {
            "leerling_id": leerling_id,
            "soort": soort,
            "verschuldigd": verschuldigd,
            "status": GEPLAND,
            "aangemaakt": moment,
            "eigenaar_id": eigenaar,
        }
        for soort, verschuldigd, eigenaar in gepland
    ]
    if nieuw:
        session.execute(HERINNERING_TOEVOEGEN, nieuw)


def markeer(session: Session, ids: Sequence[int], status: str) -> None:
    if ids:
        session.execute(
            update(t.Herinnering).where(t.Herinnering.id.in_(ids)).values(status=status)
        )


def overbodig_voor(session: Session, leerling_id: int, op: date, moment: datetime) -> int:
    """Mark the leerling's pending reminders due before `op` as not needed, as if handled at
    `moment` (a series continues after it): the go-live intake, whose past the administration
    handled. How many."""
    result = session.execute(
        update(t.Herinnering)
        .where(
            t.Herinnering.leerling_id == leerling_id,
            t.Herinnering.status == GEPLAND,
            t.Herinnering.verschuldigd < op,
        )
        .values(status=OVERBODIG, geclaimd=moment)
    )
    return cast(CursorResult[Any], result).rowcount


def lock_leerling(session: Session, leerling_id: int) -> None:
    """One planner per leerling at a time (PostgreSQL; SQLite has one writer anyway). The same
    lock mode as advance()'s state UPDATE and recording's get_leerling(lock=True), so a caller
    that holds it already never has to wait here."""
    if session.get_bind().dialect.name == "postgresql":
        query = select(t.Leerling.id).where(t.Leerling.id == leerling_id)
        session.execute(query.with_for_update(key_share=True))


def leerlingen_met_verschuldigde(session: Session, op: date, batch: int) -> Sequence[int]:
    """Up to `batch` leerlingen with a pending reminder due by `op`, the longest due first."""
    return session.scalars(
        select(t.Herinnering.leerling_id)
        .where(t.Herinnering.status == GEPLAND, t.Herinnering.verschuldigd <= op)
        .group_by(t.Herinnering.leerling_id)
        .order_by(func.min(t.Herinnering.verschuldigd), t.Herinnering.leerling_id)
        .limit(batch)
    ).all()


def claim_leerling(session: Session, leerling_id: int) -> t.Leerling | None:
    """The leerling, locked for this transaction; None when another instance holds it."""
    return session.scalar(
        select(t.Leerling)
        .where(t.Leerling.id == leerling_id)
        .with_for_update(skip_locked=True, key_share=True)
    )


def claim_verschuldigde(session: Session, leerling_id: int, op: date) -> Sequence[t.Herinnering]:
    """The leerling's pending reminders due by `op`, locked, in the order they came due."""
    return session.scalars(
        select(t.Herinnering)
        .where(
            t.Herinnering.leerling_id == leerling_id,
            t.Herinnering.status == GEPLAND,
            t.Herinnering.verschuldigd <= op,
        )
        .order_by(t.Herinnering.verschuldigd, t.Herinnering.id)
        .with_for_update(skip_locked=True)
    ).all()
