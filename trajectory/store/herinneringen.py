"""Reminder rows: re-planned with every change of a leerling, claimed and fired when due.

`replan` runs inside the caller's transaction (a transition, a record): it computes what should
be pending (trajectory.domain.herinneringen.plan) and makes the rows say so — pending reminders that
no longer apply are deleted (leaving a state cancels its timers), new ones are inserted, and a
reminder that already fired is never planned again (its unique key stays taken).

`fire_due` is the scheduler's job. It claims one leerling at a time: the leerling's row is
locked with `FOR UPDATE SKIP LOCKED` (PostgreSQL), so a second instance passes over a leerling
the first is firing and no reminder is fired twice; the due rows are locked the same way.
In that one transaction it writes the notification rows (the outbox), marks the reminders
fired and plans the next occurrence. Work missed while the service was down is simply still
due. SQLite ignores the locks; there a second scheduler refuses to start (entrypoints/scheduler.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, bindparam, delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.clock import SCHOOL_TZ, Clock, as_utc, today
from trajectory.domain.herinneringen import TIMER, Gepland, Timer, plan
from trajectory.domain.schooljaar import Kalender, huidige_kalender
from trajectory.domain.snapshot import Snapshot
from trajectory.notifications.render import herinnering_bericht
from trajectory.store import repository as repo
from trajectory.store import tables as t

GEPLAND, GEVUURD, OVERBODIG = "gepland", "gevuurd", "overbodig"
# built once, plain columns and INSERTs: replan runs in every step and record
HERINNERINGEN_VAN = select(
    t.Herinnering.id,
    t.Herinnering.soort,
    t.Herinnering.verschuldigd,
    t.Herinnering.status,
    t.Herinnering.geclaimd,
).where(t.Herinnering.leerling_id == bindparam("leerling"))
HERINNERING_TOEVOEGEN = insert(t.Herinnering.__table__)


def replan(
    session: Session,
    leerling: t.Leerling,
    moment: datetime,
    kalender: Kalender | None = None,
    snapshot: Snapshot | None = None,
) -> None:
    """Make the leerling's pending reminders what the timers table says, in this transaction."""
    kalender = kalender or huidige_kalender()
    _lock(session, leerling.id)
    snapshot = snapshot or repo.load_snapshot(session, leerling, bezetting=False)
    h = t.Herinnering
    rijen = session.execute(HERINNERINGEN_VAN, {"leerling": leerling.id})
    open_, klaar = {}, {}
    for rij in rijen:
        (open_ if rij.status == GEPLAND else klaar)[(rij.verschuldigd, rij.soort)] = rij
    gewenst = plan(snapshot, kalender, _dag(moment), gevuurd=_laatst_gevuurd(klaar.values()))
    weg = [rij.id for sleutel, rij in open_.items() if Gepland(*sleutel) not in gewenst]
    if weg:
        session.execute(delete(h).where(h.id.in_(weg)))
    nieuw = [
        {
            "leerling_id": leerling.id,
            "soort": g.soort,
            "verschuldigd": g.verschuldigd,
            "status": GEPLAND,
            "aangemaakt": moment,
        }
        for g in gewenst
        if (g.verschuldigd, g.soort) not in open_ and (g.verschuldigd, g.soort) not in klaar
    ]
    if nieuw:
        session.execute(HERINNERING_TOEVOEGEN, nieuw)


def _dag(moment: datetime) -> date:
    return as_utc(moment).astimezone(SCHOOL_TZ).date()


def _lock(session: Session, leerling_id: int) -> None:
    """One planner per leerling at a time (PostgreSQL; SQLite has one writer anyway). The same
    lock mode as advance()'s state UPDATE and recording's get_leerling(lock=True), so a caller
    that holds it already never has to wait here."""
    if session.get_bind().dialect.name == "postgresql":
        query = select(t.Leerling.id).where(t.Leerling.id == leerling_id)
        session.execute(query.with_for_update(key_share=True))


def _laatst_gevuurd(rijen: Iterable[Row[Any]]) -> dict[str, date]:
    """Per kind, the later of the last due date and the day it fired: a series continues
    after it, so a reminder fired late after downtime is not followed by a backlog."""
    laatst: dict[str, date] = {}
    for rij in rijen:
        dag = max(rij.verschuldigd, _dag(rij.geclaimd) if rij.geclaimd else rij.verschuldigd)
        laatst[rij.soort] = max(laatst.get(rij.soort, dag), dag)
    return laatst


def fire_due(
    sessions: sessionmaker[Session],
    clock: Clock,
    kalender: Kalender | None = None,
    batch: int = 200,
) -> Counter[str]:
    """Fire every reminder due by today; returns how many fired per kind."""
    op, gevuurd = today(clock), Counter[str]()
    while True:
        with sessions() as session:
            kandidaten = session.scalars(
                select(t.Herinnering.leerling_id)
                .where(t.Herinnering.status == GEPLAND, t.Herinnering.verschuldigd <= op)
                .group_by(t.Herinnering.leerling_id)
                .order_by(func.min(t.Herinnering.verschuldigd), t.Herinnering.leerling_id)
                .limit(batch)
            ).all()
        geclaimd = [_fire_for(sessions, lid, clock, kalender) for lid in kandidaten]
        for telling in geclaimd:
            gevuurd.update(telling or {})
        if len(kandidaten) < batch or not any(c is not None for c in geclaimd):
            return gevuurd


def _fire_for(
    sessions: sessionmaker[Session], leerling_id: int, clock: Clock, kalender: Kalender | None
) -> Counter[str] | None:
    """Fire one leerling's due reminders; None when another instance holds the leerling."""
    kalender = kalender or huidige_kalender()
    moment, op = clock.now(), today(clock)
    with sessions.begin() as session:
        leerling = session.scalar(
            select(t.Leerling)
            .where(t.Leerling.id == leerling_id)
            .with_for_update(skip_locked=True, key_share=True)
        )
        if leerling is None:
            return None
        due = session.scalars(
            select(t.Herinnering)
            .where(
                t.Herinnering.leerling_id == leerling_id,
                t.Herinnering.status == GEPLAND,
                t.Herinnering.verschuldigd <= op,
            )
            .order_by(t.Herinnering.verschuldigd, t.Herinnering.id)
            .with_for_update(skip_locked=True)
        ).all()
        snapshot = repo.load_snapshot(session, leerling, bezetting=False)
        telling = Counter[str]()
        for rij in due:
            timer = TIMER.get(rij.soort)
            rij.geclaimd = moment
            if timer is None or not _geldt_nog(timer, snapshot, kalender, op):
                rij.status = OVERBODIG
                continue
            _meld(session, leerling, timer, rij, moment)
            rij.status, rij.gevuurd = GEVUURD, moment
            telling[rij.soort] += 1
        session.flush()
        replan(session, leerling, moment, kalender, snapshot)
        return telling


def _geldt_nog(timer: Timer, s: Snapshot, kalender: Kalender, op: date) -> bool:
    if s.state not in timer.states:
        return False
    return timer.alleen_als is None or timer.alleen_als(s, kalender, op)


def _meld(
    session: Session, leerling: t.Leerling, timer: Timer, rij: t.Herinnering, moment: datetime
) -> None:
    """One notification per recipient; its unique key makes a second attempt a no-op."""
    onderwerp, tekst = herinnering_bericht(
        titel=timer.titel,
        naam=leerling.naam,
        klas=leerling.klas or "?",
        datum=f"{rij.verschuldigd:%d-%m-%Y}",
        escalatie=timer.escalatie,
    )
    repo.queue_melding(
        session,
        leerling.id,
        timer.soort,
        repo.ontvangers(session, leerling, timer.rollen),
        onderwerp=onderwerp,
        tekst=tekst,
        moment=moment,
        verschuldigd=f"herinnering:{rij.verschuldigd.isoformat()}",
    )
