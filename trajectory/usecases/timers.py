"""Timer-driven transitions: state changes the scheduler makes itself, through advance().

Due work is derived from the database on every run (who is in nazorg, since when), not from
APScheduler's memory, so a run missed while the service was down is caught up by the next one,
and running twice changes nothing: a closed trajectory is no longer in `nazorg`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import SYSTEEM
from trajectory.domain.beleid import beleid_voor
from trajectory.domain.clock import Clock, today
from trajectory.domain.datums import jaren_later
from trajectory.machines.versies import DEFINITIES
from trajectory.store import tables as t
from trajectory.usecases import engine

log = logging.getLogger("stagetraject.timers")


@dataclass(frozen=True)
class Afgesloten:
    gesloten: int
    overgeslagen: int  # refused or changed by someone else in the meantime


def close_finished_nazorg(
    sessions: sessionmaker[Session], clock: Clock, batch: int = 500
) -> Afgesloten:
    """`nazorg_afsluiten` for everyone whose two years of nazorg have passed (DOMAIN.md)."""
    op = today(clock)
    kortste = min(beleid_voor(versie).nazorg_jaren for versie in DEFINITIES)
    grens = jaren_later(op, -kortste) + timedelta(days=1)  # a coarse filter; exact check below
    with sessions() as session:
        kandidaten = session.execute(
            select(
                t.Leerling.id,
                t.Leerling.version,
                t.Leerling.vertrekdatum,
                t.Leerling.trajectory_version,
            )
            .where(t.Leerling.state == "nazorg", t.Leerling.vertrekdatum <= grens)
            .order_by(t.Leerling.id)
            .limit(batch)
        ).all()
    due = [
        (i, versie)
        for i, versie, vertrek, traject in kandidaten
        if vertrek is not None and jaren_later(vertrek, beleid_voor(traject).nazorg_jaren) <= op
    ]
    gesloten = overgeslagen = 0
    for leerling_id, versie in due:
        try:
            result = engine.advance(
                sessions,
                leerling_id,
                "nazorg_afsluiten",
                actor=SYSTEEM,
                version=versie,
                clock=clock,
            )
        except engine.VersionConflict:
            overgeslagen += 1  # someone acted first; the next run looks again
            continue
        if isinstance(result, engine.Overgegaan):
            gesloten += 1
        else:
            overgeslagen += 1
            log.warning("nazorg_afsluiten geweigerd voor leerling %d", leerling_id)
    return Afgesloten(gesloten, overgeslagen)
