"""Scale: pages at the big school vs the small one; the reminder tick at 100× the timers.

Two databases side by side: the demo school copied twice (300 leerlingen at full size) and
copied 200 times (30,000), each served by its own uvicorn. Logged in as the teamleider (who sees
every leerling: the heaviest lists) through a real web session cookie, each round fetches the
dashboard, a filtered list and a leerling page from both, in turns. Target: median ≤ 1.5×.

The tick: the scheduler's reminder job (`usecases.herinneringen.fire_due`) in-process, with the
pending reminders padded to 1,000 and 100,000; before each round the same number of reminders
is made due in both, so each tick fires the same work among a different number of timers.
Target: ≤ 2×.
"""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, time, timedelta

import httpx2
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bench import school
from bench.belasting import verwacht_200
from bench.meten import Grens, Uitslag, tijd_ms
from bench.server import draaiend
from trajectory.domain.clock import FixedClock
from trajectory.entrypoints.scheduler import reminder_job
from trajectory.store import tables as t

DOEL_PAGINA, DOEL_TICK = 1.5, 2.0


def paginas(sessions: sessionmaker[Session]) -> dict[str, str]:
    """The same three pages in both schools (the copies keep the demo's ids at the bottom)."""
    with sessions() as session:
        leerling = session.scalar(
            select(t.AuditEvent.leerling_id)
            .where(t.AuditEvent.leerling_id.is_not(None))
            .group_by(t.AuditEvent.leerling_id)
            .order_by(func.count().desc(), t.AuditEvent.leerling_id)
            .limit(1)
        )
        begeleider = session.scalar(
            select(t.Gebruiker.id).where(t.Gebruiker.rol == "stagebegeleider").limit(1)
        )
    return {
        "dashboard /": "/",
        "filtered list /overzicht": f"/overzicht?state=verdieping&begeleider={begeleider}",
        "leerling page": f"/leerlingen/{leerling}",
    }


def meet_paginas(
    database: str,
    scholen: dict[str, tuple[str, sessionmaker[Session]]],
    *,
    rondes: int,
    grens: Grens,
) -> list[Uitslag]:
    """`scholen`: "klein" and "groot", each its URL and sessions."""
    adressen = paginas(scholen["klein"][1])
    tijden = afwisselend(scholen, adressen, rondes=rondes, grens=grens)
    return [
        Uitslag(
            f"3. scale: {pagina}",
            database,
            "30,000 leerlingen",
            "300",
            statistics.median(tijden[(pagina, "groot")]),
            statistics.median(tijden[(pagina, "klein")]),
            "ms",
            DOEL_PAGINA,
        )
        for pagina in adressen
    ]


def afwisselend(
    scholen: dict[str, tuple[str, sessionmaker[Session]]],
    adressen: dict[str, str],
    *,
    rondes: int,
    grens: Grens,
) -> dict[tuple[str, str], list[float]]:
    """Each page of `adressen` (name -> path) from both schools ("klein" and "groot", each its
    URL and sessions), each served by its own uvicorn, as the teamleider through a real web
    session, in interleaved rounds (round 0 warms up): per (page, school) the times in ms."""
    tijden: dict[tuple[str, str], list[float]] = {}
    with draaiend(scholen["klein"][0]) as klein, draaiend(scholen["groot"][0]) as groot:
        clients = {
            grootte: httpx2.Client(
                base_url=basis,
                cookies=school.sessie_cookie(sessions, school.teamleider(sessions)),
                timeout=60,
            )
            for grootte, basis, sessions in (
                ("klein", klein, scholen["klein"][1]),
                ("groot", groot, scholen["groot"][1]),
            )
        }
        try:
            for ronde in range(rondes + 1):
                if ronde > 1 and grens.over():
                    break
                for pagina, pad in adressen.items():
                    volgorde = ["klein", "groot"][:: 1 if ronde % 2 else -1]
                    for grootte in volgorde:
                        ms = tijd_ms(lambda c=clients[grootte], p=pad: verwacht_200(c.get(p)))
                        if ronde:
                            tijden.setdefault((pagina, grootte), []).append(ms)
        finally:
            for client in clients.values():
                client.close()
    return tijden


def meet_tick(
    database: str,
    scholen: dict[str, sessionmaker[Session]],
    timers: dict[str, int],
    *,
    per_tick: int,
    rondes: int,
    grens: Grens,
) -> list[Uitslag]:
    """`scholen` and `timers`: "klein" and "groot"; `per_tick` reminders due each round."""
    op = school.VANDAAG - timedelta(days=1)  # the demo's pending reminders are due from VANDAAG on
    clock = FixedClock(datetime.combine(op, time(7), tzinfo=UTC))
    aantallen = {g: school.herinneringen_tot(s, timers[g]) for g, s in scholen.items()}
    ids = _leerlingen(scholen["klein"])
    tijden: dict[str, list[float]] = {"klein": [], "groot": []}
    for ronde in range(rondes + 1):
        if ronde > 1 and grens.over():
            break
        kies = [ids[(ronde * per_tick + i) % len(ids)] for i in range(per_tick)]
        for grootte in ["klein", "groot"][:: 1 if ronde % 2 else -1]:
            school.maak_achterstallig(scholen[grootte], kies, op - timedelta(days=ronde))
            ms = tijd_ms(lambda s=scholen[grootte]: reminder_job(s, clock))
            if ronde:
                tijden[grootte].append(ms)
    return [
        Uitslag(
            "3. scale: reminder tick",
            database,
            f"{aantallen['groot']:,} pending",
            f"{aantallen['klein']:,}",
            statistics.median(tijden["groot"]),
            statistics.median(tijden["klein"]),
            "ms",
            DOEL_TICK,
        )
    ]


def _leerlingen(sessions: sessionmaker[Session]) -> list[int]:
    """The small school's leerlingen (the big one has the same ids and more)."""
    with sessions() as session:
        return list(session.scalars(select(t.Leerling.id).order_by(t.Leerling.id)))
